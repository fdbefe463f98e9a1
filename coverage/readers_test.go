package coverage_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/coverage"
	"github.com/romaine-bdd/romaine/internal/testenv"
)

// totals are what a coverage file says in all: covered and total.
type totals struct {
	lines, functions, branches [2]int
}

func totalsOf(scripts []*coverage.ScriptCoverage) totals {
	var t totals
	add := func(to *[2]int, cs []coverage.Counted) {
		for _, c := range cs {
			to[1]++
			if c.Count > 0 {
				to[0]++
			}
		}
	}
	for _, s := range scripts {
		add(&t.lines, s.Lines)
		add(&t.functions, s.Functions)
		add(&t.branches, s.Blocks)
	}
	return t
}

// writeBoth writes scripts as LCOV and Istanbul JSON in dir, each script
// against a copy of its source there.
func writeBoth(t *testing.T, scripts []*coverage.ScriptCoverage, dir string) (lcov, istanbul string) {
	t.Helper()
	if err := coverage.Locate(scripts, filepath.Join(dir, "no-repository"), filepath.Join(dir, "sources"), dir); err != nil {
		t.Fatal(err)
	}
	var l, i bytes.Buffer
	if err := coverage.WriteLCOV(&l, scripts); err != nil {
		t.Fatal(err)
	}
	if err := coverage.WriteIstanbul(&i, scripts); err != nil {
		t.Fatal(err)
	}
	lcov, istanbul = filepath.Join(dir, "lcov.info"), filepath.Join(dir, "coverage-final.json")
	if err := os.WriteFile(lcov, l.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(istanbul, i.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return lcov, istanbul
}

var genhtmlRate = regexp.MustCompile(`(lines|functions|branches)\.*: [0-9.]+% \((\d+) of (\d+) \w+\)`)

// checkGenhtml runs genhtml (Debian's lcov package) on the LCOV file: it
// must make its HTML report, and count what we count. Skipped without
// genhtml (apt-get install lcov).
func checkGenhtml(t *testing.T, lcov string, want totals) {
	genhtml, err := exec.LookPath("genhtml")
	if err != nil {
		t.Skip("genhtml not installed (apt-get install lcov)")
	}
	out := filepath.Join(t.TempDir(), "html")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, genhtml, "--branch-coverage", "--output-directory", out, lcov)
	printed, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("genhtml refused the LCOV file: %v\n%s", err, printed)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("genhtml wrote no index.html: %v\n%s", err, printed)
	}
	got := map[string][2]int{}
	for _, m := range genhtmlRate.FindAllStringSubmatch(string(printed), -1) {
		c, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[3])
		got[m[1]] = [2]int{c, n}
	}
	for what, w := range map[string][2]int{"lines": want.lines, "functions": want.functions, "branches": want.branches} {
		if got[what] != w {
			t.Errorf("genhtml counts %s %v (covered, total), we %v\n%s", what, got[what], w, printed)
		}
	}
}

// checkIstanbul reads the Istanbul JSON with Istanbul's own library and
// reporters (scripts/istanbul, pinned, installed with npm into bin/): it
// must take it (its FileCoverage refuses a file that lacks a key) and count
// what we count. Skipped without node and npm, unless CI is set.
func checkIstanbul(t *testing.T, file string, want totals) {
	script := istanbul(t)
	out := filepath.Join(t.TempDir(), "report")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	printed, err := exec.CommandContext(ctx, "node", script, file, out).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("Istanbul refused the JSON: %v\n%s", err, stderr)
	}
	var res struct {
		Summary map[string]struct{ Total, Covered int }
	}
	if err := json.Unmarshal(printed, &res); err != nil {
		t.Fatalf("Istanbul's check printed %q: %v", printed, err)
	}
	for what, w := range map[string][2]int{"statements": want.lines, "lines": want.lines, "functions": want.functions, "branches": want.branches} {
		if got := [2]int{res.Summary[what].Covered, res.Summary[what].Total}; got != w {
			t.Errorf("Istanbul counts %s %v (covered, total), we %v", what, got, w)
		}
	}
	for _, f := range []string{"index.html", "lcov.info"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("Istanbul's reporters wrote no %s: %v", f, err)
		}
	}
}

// istanbul installs scripts/istanbul's pinned packages into bin/istanbul
// and returns its check script.
func istanbul(t *testing.T) string {
	return testenv.PinnedNPM(t, "istanbul", "istanbul-reports", "check.cjs", "to check the Istanbul JSON with Istanbul itself")
}
