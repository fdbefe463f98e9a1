package terrain_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A page that misbehaves fails its scenario and never stalls the run: an
// unexpected alert fails the step and shows in the saved console.txt; a page
// whose JavaScript freezes fails its step by the limit, its artifacts say what
// could not be saved, and the run ends.
func TestMisbehavingPagesFailAndTheRunEnds(t *testing.T) {
	artifacts := t.TempDir()
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD":   staticSite(t),
		"ROMAINE_FEATURES":  "testdata/features/trouble.feature",
		"ROMAINE_TIMEOUT":   "2s",
		"ROMAINE_ARTIFACTS": artifacts,
	}, nil)
	if status != 1 {
		t.Fatalf("status %d, want 1 (two scenarios fail); output:\n%s", status, out)
	}
	for _, w := range []string{
		`the page opened a dialog nobody expected, and it was dismissed: alert "Saved, but nobody asked"`,
		`timed out after 2s waiting to click "Freeze"`, "busy or stuck",
		"screenshot: not saved: the page did not answer",
		"2 scenarios (2 failed)",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	consoles, _ := filepath.Glob(filepath.Join(artifacts, "*", "*An-alert*", "console.txt"))
	if len(consoles) != 1 {
		t.Fatalf("want the alert scenario's console.txt, found %v", consoles)
	}
	b, err := os.ReadFile(consoles[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `alert "Saved, but nobody asked"`) {
		t.Errorf("console.txt does not show the alert that failed the step:\n%s", b)
	}
}
