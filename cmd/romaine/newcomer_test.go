package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/internal/testenv"
)

// buildRomaine builds the command from this checkout, as go install ./cmd/romaine does.
func buildRomaine(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "romaine")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/romaine: %v\n%s", err, out)
	}
	return bin
}

// newcomerRepo copies testdata/newcomer (a Python app, its features and its
// romaine.yaml) to a folder outside this repository, as a user's own.
func newcomerRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := os.CopyFS(dir, os.DirFS("testdata/newcomer"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// newcomerRepoWith is newcomerRepo with settings added to its romaine.yaml.
func newcomerRepoWith(t *testing.T, settings string) string {
	t.Helper()
	dir := newcomerRepo(t)
	path := filepath.Join(dir, "romaine.yaml")
	yaml, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(yaml, settings...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// userEnv is this process's environment without Romaine's settings or
// DISABLE_ROD_FLAG: what a user's shell has.
func userEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "ROMAINE_") || strings.HasPrefix(kv, "DISABLE_ROD_FLAG=")
	})
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// romaine runs the command in dir and returns its exit status and output, without colours.
func romaine(t *testing.T, bin, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, append(userEnv(), "ROMAINE_PROGRESS=off")
	raw, err := cmd.CombinedOutput()
	out := ansi.ReplaceAllString(string(raw), "")
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out
	case errors.As(err, &exit):
		return exit.ExitCode(), out
	}
	t.Fatalf("romaine %s: %v\n%s", strings.Join(args, " "), err, out)
	return 0, ""
}

// A newcomer's path, from the README: an app in another language (Python's
// http.server: a form, a list its JavaScript fills in late, a reset path and
// a factory path that stores JSON records), in a folder of its own with its
// features and romaine.yaml, run by romaine run built from this checkout; then
// two shards one after another in the same folder, their reports merged (every
// scenario exactly once) and their timings merged.
func TestNewcomerRunsAnAppInAnotherLanguage(t *testing.T) {
	testenv.NeedPythonAndBrowser(t)
	bin, dir := buildRomaine(t), newcomerRepo(t)

	status, out := romaine(t, bin, dir, "run", "--format", "progress")
	if status != 0 || !strings.Contains(out, "7 scenarios (7 passed)") || !strings.Contains(out, "config=romaine.yaml") {
		t.Fatalf("romaine run: status %d, want 0 and 7 passed scenarios; output:\n%s", status, out)
	}
	timings := filepath.Join(dir, ".romaine", "timings.json")
	before, err := os.ReadFile(timings)
	if err != nil {
		t.Fatalf("the run recorded no timings: %v", err)
	}

	for _, k := range []string{"1", "2"} {
		status, out := romaine(t, bin, dir, "run", "--format", "progress", "--shard", k+"/2",
			"--reports", "messages:reports/shard-"+k+".ndjson,junit:reports/junit-"+k+".xml")
		if status != 0 || !strings.Contains(out, "romaine: shard "+k+"/2: ") {
			t.Fatalf("shard %s/2: status %d; output:\n%s", k, status, out)
		}
		if now, _ := os.ReadFile(timings); !bytes.Equal(now, before) {
			t.Fatalf("shard %s/2 rewrote the timings file the shards are partitioned by", k)
		}
	}
	status, out = romaine(t, bin, dir, "report", "merge", "-junit", "merged.xml", "-html", "merged.html", "reports/shard-1.ndjson", "reports/shard-2.ndjson")
	if status != 0 || !strings.Contains(out, "7 scenarios") || !strings.Contains(out, "7 passed") || !strings.Contains(out, "from 2 file(s)") {
		t.Fatalf("report merge: status %d; output:\n%s", status, out)
	}
	names := junitNames(t, filepath.Join(dir, "merged.xml"))
	if len(names) != 7 {
		t.Errorf("the merged JUnit report has %d testcases, want the 7 scenarios once each: %q", len(names), names)
	}
	for _, want := range []string{"Adding an item through the form", "The list starts empty", "An item made by a factory is listed", "The page has a title", "The form is there"} {
		if n := count(names, want); n != 1 {
			t.Errorf("the merged JUnit report has %q %d times, want once", want, n)
		}
	}
	// A shard's report left out: the merge fails and names what is missing.
	status, out = romaine(t, bin, dir, "report", "merge", "-html", "partial.html", "reports/shard-1.ndjson")
	if status != 1 || !strings.Contains(out, "the report of shard 2/2 is not among the files") {
		t.Errorf("merging shard 1 alone: status %d, want 1 and the missing scenarios named; output:\n%s", status, out)
	}

	status, out = romaine(t, bin, dir, "timings", "merge")
	if status != 0 || !strings.Contains(out, "timings of 6 scenario(s) from 2 shard(s) merged into .romaine/timings.json") {
		t.Fatalf("timings merge: status %d; output:\n%s", status, out)
	}
	if after, _ := os.ReadFile(timings); bytes.Equal(after, before) || !bytes.Contains(after, []byte(`"runs": 2`)) {
		t.Errorf("the timings file after the merge:\n%s", after)
	}
	// The shard files were consumed: merging again has nothing to count twice.
	if status, out := romaine(t, bin, dir, "timings", "merge"); status != 1 || !strings.Contains(out, "no shard timings beside") {
		t.Errorf("a second timings merge: status %d, want 1 and nothing merged again; output:\n%s", status, out)
	}

	// Exit status as go test's suite: 1 when a scenario fails, 2 for a setting that cannot work.
	if status, out := romaine(t, bin, dir, "run", "--format", "progress", "broken/oops.feature"); status != 1 || !strings.Contains(out, "1 scenarios (1 failed)") {
		t.Errorf("a failing scenario: status %d, want 1; output:\n%s", status, out)
	}
	if status, out := romaine(t, bin, dir, "run", "--workers", "0"); status != 2 || !strings.Contains(out, "ROMAINE_WORKERS=0") {
		t.Errorf("workers 0: status %d, want 2 naming the setting; output:\n%s", status, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "romaine-artifacts")); err != nil {
		t.Errorf("the failed scenario saved no page: %v", err)
	}
	if err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".timings-") {
			t.Errorf("a temporary timings file was left: %s", path)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func junitNames(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var names []string
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			names = append(names, c.Name)
		}
	}
	return names
}

func count(names []string, name string) (n int) {
	for _, s := range names {
		if s == name {
			n++
		}
	}
	return n
}
