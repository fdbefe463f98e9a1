package steps_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/testenv"
	"github.com/romaine-bdd/romaine/steps"
)

// languageService installs the Cucumber language service that VS Code's
// Cucumber extension runs, at the version scripts/language-service pins
// (into bin/language-service), and returns the path of the script that runs
// it. Without node and npm the test is skipped, unless CI is set. The
// extension parses with tree-sitter's WebAssembly build: no native module.
func languageService(t *testing.T) string {
	return testenv.PinnedNPM(t, "language-service", "@cucumber/language-service", "check.cjs", "to check what editors see of the steps")
}

// seen is what the language service made of some glue and features.
type seen struct {
	Expressions []string `json:"expressions"`
	Errors      []string `json:"errors"`
	Diagnostics []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"diagnostics"`
}

func check(t *testing.T, script string, glue, features []string) seen {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append(append(append([]string{script, "--glue"}, glue...), "--features"), features...)
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var s seen
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatalf("the language service's answer is not JSON: %v\n%s", err, stdout.String())
	}
	return s
}

// everyStepFeature writes a feature with every core step's example (tables
// and doc strings included), each scoped step with both scopes, and steps in
// frames, plus one step nobody defined: the check must find exactly that one.
func everyStepFeature(t *testing.T) string {
	var f strings.Builder
	f.WriteString("Feature: Every core step\n\n  Scenario: Every example of the step reference\n")
	for _, d := range steps.Catalog() {
		for _, line := range strings.Split(d.Example, "\n") {
			f.WriteString("    " + line + "\n")
		}
	}
	f.WriteString("\n  Scenario: Every scoped step, with each scope\n")
	for _, d := range steps.Catalog() {
		if !strings.Contains(d.Expr, "(?: within") {
			continue
		}
		first, _, _ := strings.Cut(d.Example, "\n")
		f.WriteString("    " + first + ` within "#main"` + "\n")
		f.WriteString("    " + first + ` within the "li" containing "{{product.name}}"` + "\n")
	}
	f.WriteString("\n  Scenario: Steps in frames\n")
	f.WriteString("    When I fill in \"Card number\" with \"4242\" within \"form\" within the frame \"Payment\"\n")
	f.WriteString("    Then I should see \"Paid\" within the frame \"Receipt\" within the frame \"Checkout\"\n")
	f.WriteString("\n  Scenario: A step nobody defined\n    Given a step nobody defined\n")
	path := filepath.Join(t.TempDir(), "every_step.feature")
	if err := os.WriteFile(path, []byte(f.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// expectEveryStep checks that the language service found each core step's
// expression in the glue, and no undefined step in the feature but the one
// put there to be found.
func expectEveryStep(t *testing.T, what string, s seen, feature string) {
	t.Helper()
	if len(s.Errors) > 0 {
		t.Errorf("%s: the language service could not read: %q", what, s.Errors)
	}
	for _, d := range steps.Catalog() {
		if !slices.Contains(s.Expressions, d.Expr) {
			t.Errorf("%s: the language service does not see %s (%s)", what, d.Phrase, d.Expr)
		}
	}
	var problems []string
	for _, d := range s.Diagnostics {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", filepath.Base(d.File), d.Line, d.Message))
	}
	want := []string{filepath.Base(feature) + ":" + fmt.Sprint(strings.Count(mustRead(t, feature), "\n")) + ": Undefined step: a step nobody defined"}
	if !slices.Equal(problems, want) {
		t.Errorf("%s: the language service's diagnostics\n%s\nwant only\n%s", what, strings.Join(problems, "\n"), want[0])
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The official Cucumber language service, which VS Code's Cucumber extension
// runs, sees every core step: in this package's source, and in the glue file
// `romaine steps --glue` writes for suites without Go source. It found none
// when the expressions were joined from pieces at run time.
func TestLanguageServiceFindsEveryStep(t *testing.T) {
	script := languageService(t)
	feature := everyStepFeature(t)

	source, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	source = slices.DeleteFunc(source, func(f string) bool { return strings.HasSuffix(f, "_test.go") })
	s := check(t, script, source, []string{feature})
	expectEveryStep(t, "steps/*.go", s, feature)
	if len(s.Expressions) != len(steps.Catalog()) {
		t.Errorf("steps/*.go: the language service found %d step expressions, want the %d core steps", len(s.Expressions), len(steps.Catalog()))
	}

	var glue bytes.Buffer
	if err := steps.WriteGlue(&glue); err != nil {
		t.Fatal(err)
	}
	gluePath := filepath.Join(t.TempDir(), "romaine_steps_test.go")
	if err := os.WriteFile(gluePath, glue.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	expectEveryStep(t, "the generated glue", check(t, script, []string{gluePath}, []string{feature}), feature)
}

// The project's own features, with the demo's domain steps beside the core
// ones, have no step an editor would mark undefined.
func TestLanguageServiceFindsTheProjectsSteps(t *testing.T) {
	script := languageService(t)
	glue, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	domain, err := filepath.Glob("../features/stepdefs/*.go")
	if err != nil {
		t.Fatal(err)
	}
	features, err := filepath.Glob("../features/*.feature")
	if err != nil || len(features) == 0 {
		t.Fatalf("no features found: %v", err)
	}
	s := check(t, script, append(glue, domain...), features)
	for _, d := range s.Diagnostics {
		t.Errorf("%s:%d: %s", d.File, d.Line, d.Message)
	}
}
