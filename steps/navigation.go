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
func RegisterNavigation(sc *godog.ScenarioContext) { registerNavigation(sc) }

func registerNavigation(r registrar) {
	const area = "Navigation"
	def(r, Doc{area, `Given I am on "PATH"`, "Opens PATH (relative to the app of the worker running the scenario, or an absolute URL) and waits for it to load.", `Given I am on "/sign-in"`, ""},
		`^I am on `+q+`$`, visit)
	def(r, Doc{area, `When I go to "PATH"`, "The same as  I am on \"PATH\" , in the words of a When.", `When I go to "/inventory"`, ""},
		`^I go to `+q+`$`, visit)
	def(r, Doc{area, `Given I am on the NAME page`, "Opens a page registered by name in Go (terrain.WithPage). An unknown name lists the known ones.", `Given I am on the inventory page`, ""},
		`^I am on the (.+) page$`, visitNamed)
	def(r, Doc{area, `When I reload the page`, "Reloads the page and waits for it to load.", `When I reload the page`, ""},
		`^I reload the page$`, func(ctx context.Context) error {
			return do(ctx, func(_ *step, p *support.Page) error { return p.Reload(ctx) })
		})
	def(r, Doc{area, `When I go back`, "Goes back in the browser's history.", `When I go back`, ""},
		`^I go back$`, func(ctx context.Context) error {
			return do(ctx, func(_ *step, p *support.Page) error { return p.Back(ctx) })
		})
	def(r, Doc{area, `Then I should be on "PATH"`, "Waits until the page's path (and query, when PATH has one) is PATH.", `Then I should be on "/inventory"`, ""},
		`^I should be on `+q+`$`, func(ctx context.Context, path string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				if err := s.text(&path); err != nil {
					return err
				}
				return p.ExpectPath(ctx, path)
			})
		})
	def(r, Doc{area, `Then the page title should be "TEXT"`, "Waits until the document's title is TEXT.", `Then the page title should be "Inventory — Demo Store"`, ""},
		`^the page title should be `+q+`$`, func(ctx context.Context, title string) error {
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
