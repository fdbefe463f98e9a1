package steps

import (
	"context"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/support"
)

// RegisterNavigation adds:
//
//	Given I am on "PATH"
//	When I go to "PATH"
//	Given I am on the NAME page
//	When I reload the page
//	When I go back
//	Then I should be on "PATH"
//	Then the page title should be "TEXT"
func RegisterNavigation(sc *godog.ScenarioContext) {
	sc.Step(`^I am on `+q+`$`, visit)
	sc.Step(`^I go to `+q+`$`, visit)
	sc.Step(`^I am on the (.+) page$`, visitNamed)
	sc.Step(`^I reload the page$`, func(ctx context.Context) error {
		return do(ctx, func(_ *step, p *support.Page) error { return p.Reload(ctx) })
	})
	sc.Step(`^I go back$`, func(ctx context.Context) error {
		return do(ctx, func(_ *step, p *support.Page) error { return p.Back(ctx) })
	})
	sc.Step(`^I should be on `+q+`$`, func(ctx context.Context, path string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			if err := s.text(&path); err != nil {
				return err
			}
			return p.ExpectPath(ctx, path)
		})
	})
	sc.Step(`^the page title should be `+q+`$`, func(ctx context.Context, title string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			if err := s.text(&title); err != nil {
				return err
			}
			return p.ExpectTitle(ctx, title)
		})
	})
}

func visit(ctx context.Context, path string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		if err := s.text(&path); err != nil {
			return err
		}
		return p.Visit(ctx, path)
	})
}

func visitNamed(ctx context.Context, name string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		path, err := s.sc.Suite().PagePath(name)
		if err != nil {
			return err
		}
		return p.Visit(ctx, path)
	})
}
