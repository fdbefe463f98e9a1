package romaine_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/cucumber/godog"
)

var (
	ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)
	// definition is a line of  godog -d : "EXPR   # file.go:LINE -> handler".
	definition = regexp.MustCompile(`^(.*?)\s+# (\S+:\d+) -> (\S+)$`)
	// anonymous is how the runtime names a closure: Register.func1.
	anonymous = regexp.MustCompile(`\.func\d+|\.gowrap\d+|-fm$`)
)

// make features (godog's pretty output), its cucumber JSON and  godog -d  show
// each step's file:line and handler: every step of the suite, core and domain,
// must have a line of its own and a named handler, so a user can find it.
func TestEveryStepOfTheSuiteShowsWhereItLives(t *testing.T) {
	var out bytes.Buffer
	godog.TestSuite{
		ScenarioInitializer: InitializeScenario,
		Options:             &godog.Options{ShowStepDefinitions: true, Format: "progress", NoColors: true, Output: &out},
	}.Run()
	at := map[string]string{}
	n := 0
	for _, l := range strings.Split(ansi.ReplaceAllString(out.String(), ""), "\n") {
		m := definition.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		n++
		expr, where, handler := m[1], m[2], m[3]
		if other, ok := at[where]; ok {
			t.Errorf("%s and %s are both registered at %s: register each step on a line of its own", other, expr, where)
		}
		at[where] = expr
		if anonymous.MatchString(handler) {
			t.Errorf("%s (%s) is handled by an anonymous function %s: give it a name", expr, where, handler)
		}
	}
	if n < 50 {
		t.Fatalf("godog listed %d step definitions; the core vocabulary alone has more:\n%s", n, out.String())
	}
}
