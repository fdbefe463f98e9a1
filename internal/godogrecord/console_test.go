package godogrecord_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cucumber/godog"
	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/internal/godogrecord"
)

var (
	openShop = regexp.MustCompile(`^the shop is open$`)
	pick     = regexp.MustCompile(`^I pick "([^"]*)"$`)
	see      = regexp.MustCompile(`^I see "([^"]*)"$`)
	breaks   = regexp.MustCompile(`^it breaks$`)
	notDone  = regexp.MustCompile(`^it is not done yet$`)
)

func steps(sc *godog.ScenarioContext) {
	sc.Step(openShop, func() error { return nil })
	sc.Step(pick, func(context.Context, string) error { return nil })
	sc.Step(see, func(context.Context, string) error { return nil })
	sc.Step(breaks, func() error { return errors.New("the shelf broke") })
	sc.Step(notDone, func() error { return godog.ErrPending })
}

// formats numbers the godog formats the tests register (godog's registry is global).
var formats atomic.Int64

// consoleFormat registers a Console printing format and returns its name and
// a way to read what it pruned.
func consoleFormat(format string) (string, func() (int, string)) {
	name := fmt.Sprintf("godogrecord-test-%d", formats.Add(1))
	var mu sync.Mutex
	var made []*godogrecord.Console
	godog.Format(name, "a Console, for the tests", func(suite string, out io.Writer) godog.Formatter {
		c := godogrecord.New(format, suite, out)
		mu.Lock()
		made = append(made, c)
		mu.Unlock()
		return c
	})
	return name, func() (int, string) {
		mu.Lock()
		defer mu.Unlock()
		n, off := 0, ""
		for _, c := range made {
			p, o := c.Pruned()
			n, off = n+p, off+o
		}
		return n, off
	}
}

func run(t *testing.T, format string, concurrency int, paths ...string) string {
	t.Helper()
	var out bytes.Buffer
	godog.TestSuite{
		ScenarioInitializer: steps,
		Options:             &godog.Options{Format: format, Paths: paths, Concurrency: concurrency, Output: &out, Strict: true},
	}.Run()
	return out.String()
}

// duration is the summary's elapsed time, the one line two runs do not share.
var duration = regexp.MustCompile(`(?m)^[0-9.]+(ns|µs|ms|s|m[0-9.]+s|h[0-9.]+m[0-9.]+s)$`)

// TestConsolePrintsWhatGodogPrints: the Console lets go of every passed
// scenario's record, and its output, summary included, is godog's own to the
// byte (bar the elapsed time).
func TestConsolePrintsWhatGodogPrints(t *testing.T) {
	for _, format := range []string{"pretty", "progress", "progress,pretty"} {
		t.Run(format, func(t *testing.T) {
			paths := []string{"testdata/mixed.feature", "testdata/second.feature"}
			want := duration.ReplaceAllString(run(t, format, 1, paths...), "ELAPSED")
			name, pruned := consoleFormat(format)
			got := duration.ReplaceAllString(run(t, name, 1, paths...), "ELAPSED")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the Console's output is not godog's (-godog +Console):\n%s", diff)
			}
			// Passes, Many figs, Many limes, Many kiwis, Passes too.
			if n, off := pruned(); n != 5 || off != "" {
				t.Errorf("the Console let go of %d scenarios (%q), want the 5 that passed", n, off)
			}
			for _, line := range []string{"10 scenarios (5 passed, 2 failed, 1 pending, 2 undefined)", "24 steps (19 passed, 2 failed, 1 pending, 1 undefined, 1 skipped)"} {
				if !strings.Contains(colorless(got), line) {
					t.Errorf("the summary does not say %q:\n%s", line, got)
				}
			}
		})
	}
}

// TestConsoleCountsConcurrentScenarios: scenarios run at once are pruned and
// counted as well (the order of their lines is godog's to choose).
func TestConsoleCountsConcurrentScenarios(t *testing.T) {
	paths := []string{"testdata/mixed.feature", "testdata/second.feature"}
	name, pruned := consoleFormat("progress")
	got := colorless(run(t, name, 3, paths...))
	for _, line := range []string{"\n10 scenarios (5 passed, 2 failed, 1 pending, 2 undefined)\n", "\n24 steps (19 passed, 2 failed, 1 pending, 1 undefined, 1 skipped)\n", "Error: the shelf broke"} {
		if !strings.Contains(got, line) {
			t.Errorf("the summary does not say %q:\n%s", line, got)
		}
	}
	if n, off := pruned(); n != 5 || off != "" {
		t.Errorf("the Console let go of %d scenarios (%q), want the 5 that passed", n, off)
	}
}

// A run with no console format (an empty --format) prints nothing, and its
// record is let go of all the same.
func TestConsoleWithoutFormatsPrintsNothing(t *testing.T) {
	name, pruned := consoleFormat("")
	if out := run(t, name, 2, "testdata/mixed.feature", "testdata/second.feature"); out != "" {
		t.Errorf("a Console of no format printed:\n%s", out)
	}
	if n, off := pruned(); n != 5 || off != "" {
		t.Errorf("the Console let go of %d scenarios (%q), want the 5 that passed", n, off)
	}
}

func TestLean(t *testing.T) {
	for format, want := range map[string]bool{
		"pretty": true, "progress": true, "progress,pretty": true, "": true,
		"junit": false, "pretty,cucumber": false, "progress:out.txt": false, "events": false,
	} {
		if got := godogrecord.Lean(format); got != want {
			t.Errorf("Lean(%q) = %v, want %v", format, got, want)
		}
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func colorless(s string) string { return ansi.ReplaceAllString(s, "") }
