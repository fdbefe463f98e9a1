package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/internal/testenv"
)

// A flake hunt by romaine run, set in romaine.yaml as a user would set it
// (hunt: 2), over the newcomer's Python app: each scenario runs twice under
// perturbations, the verdict is printed and is in the JUnit report as a suite
// of its own; --hunt on the command line is checked as every setting is.
func TestRomaineRunHunts(t *testing.T) {
	testenv.NeedPythonAndBrowser(t)
	bin, dir := buildRomaine(t), newcomerRepoWith(t, "hunt: 2\nhunt-replays: 0\n")

	status, out := romaine(t, bin, dir, "run", "--format", "progress", "--reports", "junit:hunt.xml", "features/page.feature")
	if status != 0 || !strings.Contains(out, "romaine: flake hunt: 2 attempt(s) of each of 2 scenario(s)") ||
		!strings.Contains(out, "romaine: flake hunt: 0 likely flaky, 0 failing every time, 2 steady (2 attempts per scenario") {
		t.Fatalf("romaine run with hunt: 2 in romaine.yaml: status %d, want 0, the hunt's start and a verdict of 2 steady scenarios; output:\n%s", status, out)
	}
	if n := count(junitNames(t, filepath.Join(dir, "hunt.xml")), "The form is there"); n != 2 {
		t.Errorf("hunt.xml has the scenario %d times, want 2 (its own suite and the flake hunt's)", n)
	}
	if status, out := romaine(t, bin, dir, "run", "--hunt", "-1", "features/page.feature"); status != 2 || !strings.Contains(out, "ROMAINE_HUNT=-1") {
		t.Errorf("--hunt -1: status %d, want 2 naming the setting; output:\n%s", status, out)
	}
	if status, out := romaine(t, bin, dir, "run", "--hunt", "2", "--retries", "1", "features/page.feature"); status != 2 || !strings.Contains(out, "unset ROMAINE_RETRIES") {
		t.Errorf("--hunt 2 --retries 1: status %d, want 2 saying a hunt takes no retries; output:\n%s", status, out)
	}
}
