package steps

import (
	"fmt"
	"regexp"
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
// Step once per step, on a line of its own: godog records that line (and the
// handler's name) as the step's location in its output.
type registrar interface {
	Step(expr, stepFunc interface{})
}

// phrases is the documentation of every core step, by its compiled expression.
// phrase fills it while the package initialises; afterwards it is only read.
var phrases = map[*regexp.Regexp]Doc{}

// phrase compiles a core step's expression, once for the life of the program,
// and files its documentation. Call it only in package variable declarations:
//
//	var clickStep = phrase(Doc{Area: actions, Phrase: ..., What: ..., Example: ...}, `^I click `+q+scopeRE+`$`)
//
// and register the step with  r.Step(clickStep, iClick) .
func phrase(d Doc, expr string) *regexp.Regexp {
	re := regexp.MustCompile(expr) // a bad core expression fails every test at once
	d.Expr = expr
	phrases[re] = d
	return re
}

// catalogue records the documentation of each step registered with it, in
// order, instead of registering handlers.
type catalogue struct {
	docs         []Doc
	undocumented []string // expressions registered without phrase
}

func (c *catalogue) Step(expr, _ interface{}) {
	re, _ := expr.(*regexp.Regexp)
	d, ok := phrases[re]
	if !ok {
		c.undocumented = append(c.undocumented, fmt.Sprint(expr))
		return
	}
	c.docs = append(c.docs, d)
}

// Catalog lists every core step with its documentation, in registration order.
func Catalog() []Doc {
	c := &catalogue{}
	registerAll(c)
	return c.docs
}
