package terrain

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/cucumber/godog"
)

var (
	ansiColour = regexp.MustCompile(`\x1b\[[0-9;]*m`)
	// definitionLine is a line of godog's step definitions: "EXPR   # file:line -> handler".
	definitionLine = regexp.MustCompile(`^(.*?)\s+# \S+:\d+ -> \S+$`)
)

// definedSteps is the expression of every step the suite registers, in
// registration order, read from godog's own list of step definitions (what
// godog -d prints): godog exposes no other view of a ScenarioContext's steps.
// Registration only records steps, so this starts nothing.
func definedSteps(register []func(*godog.ScenarioContext)) []string {
	var out bytes.Buffer
	godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			for _, r := range register {
				r(sc)
			}
		},
		Options: &godog.Options{ShowStepDefinitions: true, Format: "progress", NoColors: true, Output: &out},
	}.Run()
	var exprs []string
	for _, l := range strings.Split(ansiColour.ReplaceAllString(out.String(), ""), "\n") {
		if m := definitionLine.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			exprs = append(exprs, m[1])
		}
	}
	return exprs
}
