package steps_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/steps"
)

// definition is one line of godog's step definitions (godog -d): the
// expression, and where godog says the step lives: "actions.go:40 ->
// github.com/romaine-bdd/romaine/steps.iClick".
type definition struct{ expr, location, file, handler string }

var (
	ansi           = regexp.MustCompile(`\x1b\[[0-9;]*m`)
	definitionLine = regexp.MustCompile(`^(.*?)\s+# (([^ ]+:\d+) -> (.+))$`)
	// anonymous is how the runtime names a closure: Register.func1, iCheck.func1.
	anonymous = regexp.MustCompile(`\.func\d+|\.gowrap\d+|-fm$`)
)

// definitions asks godog for its step definitions, as  godog -d  prints them.
func definitions(t *testing.T, register func(*godog.ScenarioContext)) []definition {
	t.Helper()
	var out bytes.Buffer
	godog.TestSuite{
		ScenarioInitializer: register,
		Options:             &godog.Options{ShowStepDefinitions: true, Format: "progress", NoColors: true, Output: &out},
	}.Run()
	var defs []definition
	for _, l := range strings.Split(ansi.ReplaceAllString(out.String(), ""), "\n") {
		if m := definitionLine.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			defs = append(defs, definition{m[1], m[2], m[3], m[4]})
		}
	}
	if len(defs) == 0 {
		t.Fatalf("godog listed no step definitions:\n%s", out.String())
	}
	return defs
}

// godog's pretty output, its cucumber JSON (match.location) and  godog -d  show
// where a step lives: each core step must have a line of its own and a handler
// with a name, so a user can find it.
func TestEveryStepShowsWhereItLives(t *testing.T) {
	checkLocations(t, definitions(t, steps.Register))
}

func checkLocations(t *testing.T, defs []definition) {
	t.Helper()
	at := map[string]string{}
	for _, d := range defs {
		if other, ok := at[d.file]; ok {
			t.Errorf("%s and %s are both registered at %s: register each step on a line of its own", other, d.expr, d.file)
		}
		at[d.file] = d.expr
		if anonymous.MatchString(d.handler) {
			t.Errorf("%s is handled by an anonymous function (%s): give the handler a name", d.expr, d.location)
		}
	}
}

// The catalogue is the registration seen from the docs: the same steps, in the
// same order, so no step runs undocumented.
func TestCatalogIsWhatGodogRegisters(t *testing.T) {
	defs := definitions(t, steps.Register)
	docs := steps.Catalog()
	if len(defs) != len(docs) {
		t.Fatalf("godog has %d core steps, the catalogue %d: every step needs its phrase (steps.phrase) and its r.Step line", len(defs), len(docs))
	}
	for i, d := range defs {
		if d.expr != docs[i].Expr {
			t.Errorf("step %d: godog has %s, the catalogue %s", i+1, d.expr, docs[i].Expr)
		}
	}
}
