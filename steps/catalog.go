package steps

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Doc describes one step: the phrase as the vocabulary (docs/vocabulary.md)
// writes it, what it does, and an example line. The reference docs/steps.md is
// generated from these, so a step cannot be added without its documentation.
type Doc struct {
	Area    string // Navigation, Actions, ...
	Phrase  string // e.g. `When I click "LOCATOR"`
	What    string // one or two sentences
	Example string // a line as it would appear in a feature file
	Expr    string // the regular expression registered with godog
}

// registrar is what registration needs of *godog.ScenarioContext, so the same
// registration code also fills the catalogue. Each register* function calls
// Step once per step, on a line of its own, with the expression as a literal:
// godog records that line (and the handler's name) as the step's location in
// its output, and editors (the Cucumber language service) find steps only by
// a string literal in a Step call.
type registrar interface {
	Step(expr, stepFunc interface{})
}

// documented is the documentation of every core step, area by area. A Doc
// names no expression: the catalogue pairs it with the registration its
// example matches, and each example matches its own step's expression and no
// other's (TestCatalogPairsEveryStepWithOneDoc).
var documented = slices.Concat(navigationDocs, actionDocs, assertionDocs, factoryDocs,
	httpDocs, debuggingDocs, frameDocs, longTextDocs)

// catalogue records, for each step registered with it, its documentation
// with the registered expression, in order, instead of registering handlers.
type catalogue struct {
	docs     []Doc
	unpaired []string // registrations whose expression matches no example, or several
}

func (c *catalogue) Step(expr, _ interface{}) {
	text := fmt.Sprint(expr)
	re, err := regexp.Compile(text)
	if err != nil {
		c.unpaired = append(c.unpaired, fmt.Sprintf("%s: %v", text, err))
		return
	}
	var found []Doc
	for _, d := range documented {
		if re.MatchString(exampleStep(d)) {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		c.unpaired = append(c.unpaired, fmt.Sprintf("%s matches the examples of %d documented steps, not 1", text, len(found)))
		return
	}
	found[0].Expr = text
	c.docs = append(c.docs, found[0])
}

// exampleStep is a Doc's example line without its keyword: the text godog
// matches against the step's expression.
func exampleStep(d Doc) string {
	line, _, _ := strings.Cut(d.Example, "\n") // the step, not its table or doc string
	_, text, _ := strings.Cut(strings.TrimSpace(line), " ")
	return text
}

// catalog pairs registrations with their docs once: the pairing is the same
// on every call, and "did you mean" asks for it during a run.
var catalog = sync.OnceValue(func() *catalogue {
	c := &catalogue{}
	registerAll(c)
	return c
})

// Catalog lists every core step with its documentation, in registration order.
func Catalog() []Doc { return slices.Clone(catalog().docs) }
