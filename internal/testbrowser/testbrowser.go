// Package testbrowser is the one Chromium a package's browser tests share:
// launched by TestMain, closed when the tests end, and asked for by each test,
// which skips without a browser on this machine unless CI is set or the run is
// make test (testenv.Required): there a missing browser is a failure.
package testbrowser

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/testenv"
)

// Shared is the package's browser, or why there is none.
type Shared struct {
	// NoCallWithoutDeadline, when set, is a function-name prefix (a package's
	// path and a dot): at the end, a browser call made from code under it on a
	// context without a deadline fails the tests (testenv.CallsWithoutDeadline).
	NoCallWithoutDeadline string

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
	// The browser the runner would use: ROMAINE_BROWSER, else the one found.
	bin, err := chrome.Find(os.Getenv("ROMAINE_BROWSER"))
	if err != nil {
		s.err, s.missing = err, true
		return m.Run()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	b, err := chrome.Launch(ctx, chrome.Options{Bin: bin})
	cancel()
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
	status := m.Run()
	if s.NoCallWithoutDeadline != "" && testenv.CallsWithoutDeadline(os.Stderr, s.NoCallWithoutDeadline) > 0 {
		status = 1
	}
	return status
}

// Need is the browser; without one it skips tb, or fails it when CI is set.
func (s *Shared) Need(tb testing.TB) *chrome.Browser {
	tb.Helper()
	if s.browser != nil {
		return s.browser
	}
	if s.missing && !testenv.Required() {
		tb.Skipf("no browser on this machine (%v); with CI set, or BROWSER_TESTS=required (make test), this is a failure", s.err)
	}
	tb.Fatalf("no browser: %v", s.err)
	return nil
}
