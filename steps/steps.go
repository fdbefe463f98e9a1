// Package steps defines Romaine's core step vocabulary: the phrases of
// docs/vocabulary.md (a published contract), documented in docs/steps.md. Each
// handler is a named function, registered on a line of its own, so godog's
// output shows where it lives (actions.go:NN -> steps.iClick). A handler is
// thin: it reads the words, interpolates {{name.field}} references, and calls
// the support layer, factories or the scenario state.
//
// Adding a step: write the handler as a named function, add one r.Step line
// to its area's register function with the expression as a literal (editors
// read it there; quoted arguments and scopes are spelt as in the other steps,
// see TestExpressionsSpellArgumentsOneWay), and add its Doc to the area's
// docs with an example that matches it; then regenerate docs/steps.md.
package steps

import (
	"context"
	"fmt"
	"strings"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/support"
	"github.com/romaine-bdd/romaine/terrain"
)

// Register adds every core step to sc. The phrases are listed in the Register*
// function of each area.
func Register(sc *godog.ScenarioContext) { registerAll(sc) }

func registerAll(r registrar) {
	registerNavigation(r)
	registerActions(r)
	registerAssertions(r)
	registerFactories(r)
	registerHTTP(r)
	registerDebugging(r)
	registerFrames(r)
	registerLongText(r)
}

// step is what a handler works with: the scenario and interpolation.
type step struct {
	ctx context.Context
	sc  *terrain.Scenario
}

func begin(ctx context.Context) (*step, error) {
	sc, err := terrain.FromContext(ctx)
	if err != nil {
		return nil, err
	}
	return &step{ctx: ctx, sc: sc}, nil
}

// text reads quoted arguments and table cells: \" stands for a double quote,
// and {{name.field}} references are replaced by remembered values.
func (s *step) text(args ...*string) error {
	for _, a := range args {
		*a = strings.ReplaceAll(*a, `\"`, `"`)
	}
	return s.interpolate(args...)
}

// interpolate replaces {{name.field}} references in each argument, and nothing
// else: doc strings are taken as written (a JSON body keeps its \").
func (s *step) interpolate(args ...*string) error {
	for _, a := range args {
		v, err := s.sc.Interpolate(*a)
		if err != nil {
			return err
		}
		*a = v
	}
	return nil
}

// locator builds a locator from the step's quoted locator and its scope groups,
// and interpolates the step's other quoted arguments (values) in place.
func (s *step) locator(query, within, withinSel, containing string, values ...*string) (support.Locator, error) {
	if err := s.text(append([]*string{&query, &within, &withinSel, &containing}, values...)...); err != nil {
		return support.Locator{}, err
	}
	return support.Loc(query, scopes(within, withinSel, containing)...), nil
}

func scopes(within, withinSel, containing string) []support.Scope {
	switch {
	case within != "":
		return []support.Scope{support.Within(within)}
	case withinSel != "":
		// support reads the selector as CSS, with or without its css= prefix.
		return []support.Scope{support.WithinContaining(withinSel, containing)}
	}
	return nil
}

// do runs fn with the step's scenario and page.
func do(ctx context.Context, fn func(s *step, p *support.Page) error) error {
	s, err := begin(ctx)
	if err != nil {
		return err
	}
	if s.sc.Page == nil {
		return fmt.Errorf("this scenario has no browser page")
	}
	return fn(s, inFrames(ctx, s.sc.Page))
}
