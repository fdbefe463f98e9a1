// Package steps defines the core step vocabulary of ../shared/STEPS.md. Each
// handler is thin: it reads the words, interpolates {{name.field}} references,
// and calls the support layer, factories or the scenario state.
package steps

import (
	"context"
	"fmt"

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

// scopeRE is the optional scope every locator step may end with:
//
//	within "LOCATOR"
//	within the "SELECTOR" containing "TEXT"
const scopeRE = `(?: within "([^"]*)"| within the "([^"]*)" containing "([^"]*)")?`

// q is a quoted argument.
const q = `"([^"]*)"`

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

// text interpolates {{name.field}} references in each argument.
func (s *step) text(args ...*string) error {
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
