package terrain_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// hangBound is how long a test waits for a run that must end well within it:
// past it the test fails, rather than hang until go test's own timeout.
const hangBound = 60 * time.Second

// runWithin is run, failing the test when the run has not ended within hangBound.
func runWithin(t *testing.T, env map[string]string) (int, string) {
	t.Helper()
	type result struct {
		status int
		out    string
	}
	done := make(chan result, 1)
	go func() {
		status, out, _ := run(t, env, nil)
		done <- result{status, out}
	}()
	select {
	case r := <-done:
		return r.status, r.out
	case <-time.After(hangBound):
		t.Fatalf("the run had not ended after %s", hangBound)
		return 0, ""
	}
}

// fakeBrowser writes an executable script standing in for Chrome: body runs
// for any command line but --version, which prints version.
func fakeBrowser(t *testing.T, version, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fake-chrome")
	script := "#!/bin/sh\n"
	if version != "" {
		script += "[ \"$1\" = --version ] && { echo '" + version + "'; exit 0; }\n"
	}
	if err := os.WriteFile(path, []byte(script+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// A browser setting that hangs on --version, through a wrapper whose child
// keeps the output open after the wrapper is killed: the run stops by the
// start limit, saying why. It once waited for the child forever.
func TestABrowserThatHangsOnVersionStopsTheRun(t *testing.T) {
	fake := fakeBrowser(t, "", "sleep 600")
	status, out := runWithin(t, map[string]string{"ROMAINE_BROWSER": fake, "ROMAINE_START_TIMEOUT": "1s", "ROMAINE_APP_CMD": "true"})
	if status != 2 || !strings.Contains(out, "did not answer --version within 1s (ROMAINE_START_TIMEOUT)") {
		t.Errorf("status %d; want 2 and the --version hang named; output:\n%s", status, out)
	}
	if left := processesMentioning(fake); len(left) > 0 {
		t.Errorf("processes of the probe still run: %v", left)
	}
}

// neverOpensDevTools answers --version like Chrome and then never opens
// DevTools: the inner shell keeps the browser's command line, so that the
// processes it leaves can be found by it.
const neverOpensDevTools = `exec sh -c 'while :; do sleep 1; done' fake-chrome "$@"`

// A browser that answers --version but never opens DevTools: the worker's
// start ends by ROMAINE_START_TIMEOUT, the scenario fails saying why, and
// nothing of the browser is left. The start once never ended.
func TestABrowserThatNeverOpensDevToolsFailsByTheStartLimit(t *testing.T) {
	fake := fakeBrowser(t, "Chromium 120.0.0.0", neverOpensDevTools)
	app := httptest.NewServer(http.NotFoundHandler()) // ready at once: only the browser's start is slow
	defer app.Close()
	status, out := runWithin(t, map[string]string{
		"ROMAINE_BROWSER": fake, "ROMAINE_START_TIMEOUT": "2s", "ROMAINE_APP_URL": app.URL,
		"ROMAINE_FEATURES": "testdata/features/slow.feature",
	})
	if status != 1 || !strings.Contains(out, "did not open DevTools and answer over it within its start limit (ROMAINE_START_TIMEOUT)") {
		t.Errorf("status %d; want 1 and the scenario failed naming the start limit; output:\n%s", status, out)
	}
	waitFor(t, "the fake browser to end", func() bool { return len(processesMentioning(fake)) == 0 })
}

// SIGTERM while a worker's browser is starting (and never will): the run
// ends at once with status 130; it once waited for the start forever.
func TestSIGTERMDuringAWorkerStartEndsTheRun(t *testing.T) {
	dir := t.TempDir()
	started := filepath.Join(dir, "browser-started")
	fake := fakeBrowser(t, "Chromium 120.0.0.0", "echo up > "+started+"\n"+neverOpensDevTools)
	cmd, out, done := startSuite(t, dir,
		"ROMAINE_FEATURES=testdata/features/slow.feature",
		"ROMAINE_BROWSER="+fake,
		"ROMAINE_START_TIMEOUT=10m",
		"ROMAINE_APP_CMD="+staticSite(t),
	)
	waitForFile(t, started, done, out)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-done:
		if !exitedWith(err, 130) {
			t.Errorf("exit %v, want status 130; output:\n%s", err, out.String())
		}
	case <-time.After(hangBound):
		_ = cmd.Process.Kill()
		t.Fatalf("the run had not ended %s after SIGTERM; output:\n%s", hangBound, out.String())
	}
	waitFor(t, "the fake browser to end", func() bool { return len(processesMentioning(fake)) == 0 })
}

// Ctrl-C while a worker replaces its crashed browser: the stop of the workers
// and the restart meet on the worker's parts, which a lock guards (under
// -race this was a data race); the run ends with 130 and leaves no browser.
func TestCtrlCDuringABrowserRestart(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	cmd, out, done := startSuite(t, dir,
		"TMPDIR="+tmp,
		"ROMAINE_FEATURES=testdata/features/crashes.feature",
		"ROMAINE_ORDER=defined",
		"ROMAINE_APP_CMD="+staticSite(t),
	)
	ctx, cancel := context.WithTimeout(context.Background(), hangBound)
	defer cancel()
	if !pollUntil(ctx, func() bool { return strings.Contains(out.String(), "starting a new browser") }) {
		_ = cmd.Process.Kill()
		t.Fatalf("no browser restart; output:\n%s", out.String())
	}
	if err := interrupt(ctx, t, cmd, done, out); !exitedWith(err, 130) {
		t.Errorf("exit %v, want status 130; output:\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "DATA RACE") {
		t.Errorf("a data race:\n%s", out.String())
	}
	waitFor(t, "the browsers to end", func() bool { return len(processesMentioning(tmp)) == 0 })
}

// Settings the run cannot use stop it before anything starts, saying which.
func TestSettingsCheckedBeforeTheRun(t *testing.T) {
	for _, c := range []struct {
		reason string
		env    map[string]string
		want   string
	}{
		{"a ready path that is no URL path (it panicked)", map[string]string{"ROMAINE_READY_PATH": "/%zz", "ROMAINE_APP_CMD": "true"},
			`ROMAINE_READY_PATH="/%zz" is not a URL path (invalid URL escape "%zz")`},
		{"a ws:// browser endpoint where nothing listens (it was tried only by the first scenario)", map[string]string{"ROMAINE_BROWSER_URL": "ws://127.0.0.1:1/x", "ROMAINE_APP_CMD": "true"},
			"ROMAINE_BROWSER_URL: browser endpoint ws://127.0.0.1:1/x: unreachable"},
	} {
		t.Run(c.reason, func(t *testing.T) {
			status, out := runWithin(t, c.env)
			if status != 2 || !strings.Contains(out, c.want) {
				t.Errorf("status %d; want 2 and %q; output:\n%s", status, c.want, out)
			}
		})
	}
}

// Feature files the Gherkin parser cannot read stop the run naming the file,
// and the run's temporary folder goes: a line longer than the parser's 64 KiB
// once panicked the whole test binary, naming no file; a syntax error left the
// folder, which the next run called "left by a run that was killed".
func TestFeatureFilesThatCannotBeParsed(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long.feature")
	if err := os.WriteFile(long, []byte("Feature: Long\n  Scenario: A long line\n    Given I am on \"/"+strings.Repeat("a", 70000)+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.feature")
	if err := os.WriteFile(broken, []byte("Feature: Broken\n  Scenario: One\n    Given I am on \"/\"\n  Examples without an outline\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, want string }{
		{long, long + ":3: this line is 70021 bytes long, and Gherkin reads lines of at most 65535"},
		{broken, "broken.feature"},
	} {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			status, out := runWithin(t, map[string]string{"ROMAINE_FEATURES": c.file, "ROMAINE_APP_CMD": "true"})
			if status != 2 || !strings.Contains(out, c.want) {
				t.Errorf("status %d; want 2 and %q; output:\n%s", status, c.want, out)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "romaine-run-*")); len(left) > 0 {
				t.Errorf("the run left its temporary folder %v", left)
			}
		})
	}
}

// A feature file named "...feature" keeps its artifacts inside
// ROMAINE_ARTIFACTS; they once went one folder above it.
func TestArtifactsOfADotsFeatureStayInTheirFolder(t *testing.T) {
	parent := t.TempDir()
	artifacts := filepath.Join(parent, "artifacts")
	feature := filepath.Join(t.TempDir(), "...feature")
	if err := os.WriteFile(feature, []byte("Feature: Dots\n  Scenario: Failing\n    Given I am on \"/\"\n    Then I should see \"nothing of the sort\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, out := runWithin(t, map[string]string{
		"ROMAINE_FEATURES": feature, "ROMAINE_APP_CMD": staticSite(t), "ROMAINE_ARTIFACTS": artifacts, "ROMAINE_TIMEOUT": "1s",
	})
	if status != 1 {
		t.Fatalf("status %d, want 1; output:\n%s", status, out)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "artifacts" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside ROMAINE_ARTIFACTS: %v; want only the artifacts folder", names)
	}
	if shots, _ := filepath.Glob(filepath.Join(artifacts, "*", "*", "screenshot.png")); len(shots) != 1 {
		t.Errorf("want one screenshot inside ROMAINE_ARTIFACTS, found %v; output:\n%s", shots, out)
	}
}

// A suite runs again in the same process (go test -count=2): the second run
// once failed every scenario in no time with "the run is stopping".
func TestASuiteRunsAgain(t *testing.T) {
	for k, v := range map[string]string{
		"ROMAINE_FEATURES": "testdata/features/static_site.feature", "ROMAINE_FORMAT": "progress", "ROMAINE_APP_CMD": staticSite(t),
		"ROMAINE_ARTIFACTS": t.TempDir(), "ROMAINE_TIMINGS": filepath.Join(t.TempDir(), "timings.json"), "ROMAINE_PROGRESS": "off",
	} {
		t.Setenv(k, v)
	}
	var out lockedbuf.Buffer
	s := terrain.New(terrain.WithSteps(steps.Register), terrain.WithOutput(&out))
	for i := 1; i <= 2; i++ {
		if status := s.Run(); status != 0 || strings.Count(ansi.ReplaceAllString(out.String(), ""), "6 scenarios (6 passed)") != i {
			t.Fatalf("run %d: status %d; want every scenario passed again; output:\n%s", i, status, out.String())
		}
	}
}
