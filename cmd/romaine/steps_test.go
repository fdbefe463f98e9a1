package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/steps"
)

// romaine steps -glue writes the glue editors read (steps.WriteGlue, checked
// against the Cucumber language service in steps/editors_test.go).
func TestStepsWritesGlue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "romaine_steps_test.go")
	var out, errOut bytes.Buffer
	if status := run([]string{"steps", "--glue", path}, &out, &errOut); status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := steps.WriteGlue(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the file is not steps.WriteGlue's output:\n%s", got)
	}
	if n := strings.Count(string(got), "\tctx.Step(`"); n != len(steps.Catalog()) {
		t.Errorf("the glue registers %d steps, want %d", n, len(steps.Catalog()))
	}
	if !strings.Contains(out.String(), "56 core steps written to "+path) {
		t.Errorf("output: %s", out.String())
	}
}

func TestStepsListsPhrases(t *testing.T) {
	var out, errOut bytes.Buffer
	if status := run([]string{"steps"}, &out, &errOut); status != 0 {
		t.Fatalf("status %d: %s", status, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(steps.Catalog()) || !strings.Contains(out.String(), "\nWhen I click \"LOCATOR\"\n") {
		t.Errorf("want the %d phrases, one a line; got:\n%s", len(steps.Catalog()), out.String())
	}
}

func TestStepsRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"steps", "-glue", filepath.Join(dir, "steps.txt")}, "the file must end in .go, e.g. features/romaine_steps_test.go"},
		{[]string{"steps", "-glue", filepath.Join(dir, "no", "such", "x.go")}, "does the folder " + filepath.Join(dir, "no", "such") + " exist?"},
		{[]string{"steps", "extra"}, `unexpected "extra"`},
		{[]string{"steps", "-bogus"}, "usage: romaine steps"},
	} {
		var out, errOut bytes.Buffer
		if status := run(tc.args, &out, &errOut); status == 0 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: status %d, want an error containing %q, got %s", tc.args, status, tc.want, errOut.String())
		}
	}
}
