// Package testbrowser is the one Chromium a package's browser tests share:
// launched by TestMain, closed when the tests end, and asked for by each test,
// which skips without a browser on this machine unless CI is set (CI always
// has Chromium, so there a missing browser is a failure).
package testbrowser

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// Shared is the package's browser, or why there is none.
type Shared struct {
	browser *chrome.Browser
	err     error // why browser is nil
	missing bool  // no executable was found at all
}

// Main runs m with a browser in s, for TestMain: os.Exit(testbrowser.Main(m, &s, 4)).
// Browser tests mostly wait on pages, idle: unless -test.parallel is given,
// parallel of them run side by side, more than there are CPUs.
func Main(m *testing.M, s *Shared, parallel int) int {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		_ = flag.Set("test.parallel", strconv.Itoa(parallel))
	}
	if _, err := chrome.Find(""); err != nil {
		s.err, s.missing = err, true
		return m.Run()
	}
	b, err := chrome.Launch(context.Background(), chrome.Options{})
	if err != nil {
		s.err = err
		return m.Run()
	}
	s.browser = b
	defer func() {
		if err := b.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}()
	return m.Run()
}

// Need is the browser; without one it skips tb, or fails it when CI is set.
func (s *Shared) Need(tb testing.TB) *chrome.Browser {
	tb.Helper()
	if s.browser != nil {
		return s.browser
	}
	if _, ci := os.LookupEnv("CI"); s.missing && !ci {
		tb.Skipf("no browser on this machine (%v); with CI set this is a failure", s.err)
	}
	tb.Fatalf("no browser: %v", s.err)
	return nil
}
