package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The repository's own list parses, names only scenarios the feature has, and
// gives every fail line a reason of a known kind.
func TestTheRepositorysBuildsFileParses(t *testing.T) {
	builds, err := readBuilds("../../thirdparty/builds.txt")
	if err != nil {
		t.Fatal(err)
	}
	scenarios, err := featureScenarios("../../thirdparty/todomvc.feature")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkScenarios(builds, scenarios); err != nil {
		t.Fatal(err)
	}
	tests := 0
	for _, b := range builds {
		if b.Test {
			tests++
		}
	}
	if tests == 0 {
		t.Error("no build is in make test's set (run NAME test)")
	}
	// With the package fetched (make thirdparty), every build it has is listed.
	if ex := "../../bin/todomvc/package/examples"; dirExists(ex) {
		if err := checkListed(builds, ex); err != nil {
			t.Error(err)
		}
	}
}

func dirExists(p string) bool { st, err := os.Stat(p); return err == nil && st.IsDir() }

func TestParseBuilds(t *testing.T) {
	in := `# a comment
run vanillajs test
run angular-dart serve=web link=bower_components:bower_components
fail angular-dart 2,4-5: engine: boots at its load event
skip derby: a server app: no index.html
`
	builds, err := parseBuilds(strings.NewReader(in), "builds.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []*build{
		{Name: "vanillajs", Test: true, Serve: ".", Links: map[string]string{}, Fails: map[int]string{}},
		{Name: "angular-dart", Serve: "web", Links: map[string]string{"bower_components": "bower_components"},
			Fails: map[int]string{2: "engine: boots at its load event", 4: "engine: boots at its load event", 5: "engine: boots at its load event"}},
		{Name: "derby", Skip: "a server app: no index.html"},
	}
	if diff := cmp.Diff(want, builds); diff != "" {
		t.Errorf("builds mismatch (-want +got):\n%s", diff)
	}
}

// Each mistake in the file is an error naming the line and what would be right.
func TestParseBuildsErrors(t *testing.T) {
	for _, c := range []struct{ reason, in, want string }{
		{"an unknown verb", "runs vanillajs", "builds.txt:1: \"runs vanillajs\": want a line starting with run, skip or fail"},
		{"a build twice", "run a\nskip a: why", "builds.txt:2: build \"a\" is listed twice"},
		{"an unknown option", "run a tests", "unknown option \"tests\": want test, serve=FOLDER or link=NAME:PATH"},
		{"a link without a path", "run a link=bower_components", "want link=NAME:PATH"},
		{"a skip without a reason", "skip a", "want skip NAME: WHY"},
		{"a fail before its run line", "fail a 1: build: x", "no run line above it"},
		{"a fail for a skipped build", "skip a: why\nfail a 1: build: x", "no run line above it"},
		{"a reason of no known kind", "run a\nfail a 1: flaky", "must start with build: (the build's markup or behaviour) or engine:"},
		{"a backwards range", "run a\nfail a 5-2: build: x", "scenarios \"5-2\": want numbers from 1 and ranges"},
		{"scenario 0", "run a\nfail a 0: build: x", "want numbers from 1"},
		{"a scenario failed twice", "run a\nfail a 1-2: build: x\nfail a 2: engine: y", "scenario 2 of \"a\" already has a fail line"},
	} {
		_, err := parseBuilds(strings.NewReader(c.in), "builds.txt")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.reason, err, c.want)
		}
	}
}

func TestCheckScenariosNamesTheMissingOne(t *testing.T) {
	builds, err := parseBuilds(strings.NewReader("run a\nfail a 9: build: x"), "builds.txt")
	if err != nil {
		t.Fatal(err)
	}
	err = checkScenarios(builds, make([]string, 8))
	if err == nil || !strings.Contains(err.Error(), "build a: a fail line names scenario 9; the feature has 8") {
		t.Errorf("error %v", err)
	}
}

func TestCheckListed(t *testing.T) {
	ex := t.TempDir()
	for _, d := range []string{"a", "b", "c"} {
		if err := os.Mkdir(filepath.Join(ex, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	builds, _ := parseBuilds(strings.NewReader("run a\nskip b: why"), "builds.txt")
	if err := checkListed(builds, ex); err == nil || !strings.Contains(err.Error(), "does not list: c;") {
		t.Errorf("an unlisted build: error %v", err)
	}
	builds, _ = parseBuilds(strings.NewReader("run a\nskip b: why\nrun c\nrun d"), "builds.txt")
	if err := checkListed(builds, ex); err == nil || !strings.Contains(err.Error(), `lists "d"`) {
		t.Errorf("a build the package lacks: error %v", err)
	}
}

// A build in a subfolder that reaches ../bower_components is served from a
// folder of links where that path resolves; a plain build is served as it is.
func TestServedStagesLinks(t *testing.T) {
	ex, stage := t.TempDir(), t.TempDir()
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(ex, "plain", "index.html"), "plain")
	write(filepath.Join(ex, "sub", "web", "index.html"), "sub")
	write(filepath.Join(ex, "sub", "bower_components", "base.css"), "css")
	builds, err := parseBuilds(strings.NewReader("run plain\nrun sub serve=web link=bower_components:bower_components\nrun gone"), "builds.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := builds[0].served(ex, stage)
	if err != nil || dir != filepath.Join(ex, "plain") {
		t.Errorf("plain build served from %q (%v), want its own folder", dir, err)
	}
	dir, err = builds[1].served(ex, stage)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"index.html": "sub", "bower_components/base.css": "css"} {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil || string(b) != want {
			t.Errorf("%s served from %s: %q (%v), want %q", p, dir, b, err, want)
		}
	}
	// Staging again (the next run) starts over rather than failing on the old links.
	if _, err := builds[1].served(ex, stage); err != nil {
		t.Errorf("staging twice: %v", err)
	}
	if _, err := builds[2].served(ex, stage); err == nil || !strings.Contains(err.Error(), "no index.html to serve") {
		t.Errorf("a build with no index: error %v", err)
	}
}

func TestParseScenarios(t *testing.T) {
	got, err := parseScenarios("1,3-5,8")
	if err != nil || !cmp.Equal(got, []int{1, 3, 4, 5, 8}) {
		t.Errorf("parseScenarios = %v, %v", got, err)
	}
}
