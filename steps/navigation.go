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
//	Then the page title should contain "TEXT"
func RegisterNavigation(sc *godog.ScenarioContext) { registerNavigation(sc) }

func registerNavigation(r registrar) {
	r.Step(`^I am on "((?:[^"\\]|\\.)*\\?)"$`, visit)
	r.Step(`^I go to "((?:[^"\\]|\\.)*\\?)"$`, visit)
	r.Step(`^I am on the (.+) page$`, visitNamed)
	r.Step(`^I reload the page$`, iReloadThePage)
	r.Step(`^I go back$`, iGoBack)
	r.Step(`^I should be on "((?:[^"\\]|\\.)*\\?)"$`, iShouldBeOn)
	r.Step(`^the page title should be "((?:[^"\\]|\\.)*\\?)"$`, thePageTitleShouldBe)
	r.Step(`^the page title should contain "((?:[^"\\]|\\.)*\\?)"$`, thePageTitleShouldContain)
}

const navigation = "Navigation"

var navigationDocs = []Doc{
	{Area: navigation, Phrase: `Given I am on "PATH"`,
		What:    "Opens PATH (relative to the app of the worker running the scenario, or an absolute URL) and waits for it to load.",
		Example: `Given I am on "/sign-in"`},
	{Area: navigation, Phrase: `When I go to "PATH"`,
		What:    "The same as  I am on \"PATH\" , in the words of a When.",
		Example: `When I go to "/inventory"`},
	{Area: navigation, Phrase: `Given I am on the NAME page`,
		What:    "Opens a page registered by name in Go (terrain.WithPage). An unknown name lists the known ones.",
		Example: `Given I am on the inventory page`},
	{Area: navigation, Phrase: `When I reload the page`,
		What:    "Reloads the page and waits for it to load.",
		Example: `When I reload the page`},
	{Area: navigation, Phrase: `When I go back`,
		What:    "Goes back in the browser's history.",
		Example: `When I go back`},
	{Area: navigation, Phrase: `Then I should be on "PATH"`,
		What:    "Waits until the page is at PATH: the same path, and the same query and #fragment when PATH has them (so  Then I should be on \"/#/active\" , checks a single-page app's route).",
		Example: `Then I should be on "/inventory"`},
	{Area: navigation, Phrase: `Then the page title should be "TEXT"`,
		What:    "Waits until the document's title is TEXT.",
		Example: `Then the page title should be "Inventory — Demo Store"`},
	{Area: navigation, Phrase: `Then the page title should contain "TEXT"`,
		What:    "Waits until the document's title contains TEXT (whitespace-normalised, case-sensitive).",
		Example: `Then the page title should contain "Inventory"`},
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
		path, err := s.sc.PagePath(name)
		if err != nil {
			return err
		}
		return p.Visit(ctx, path)
	})
}

func iReloadThePage(ctx context.Context) error {
	return do(ctx, func(_ *step, p *support.Page) error { return p.Reload(ctx) })
}

func iGoBack(ctx context.Context) error {
	return do(ctx, func(_ *step, p *support.Page) error { return p.Back(ctx) })
}

func iShouldBeOn(ctx context.Context, path string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		if err := s.text(&path); err != nil {
			return err
		}
		return p.ExpectPath(ctx, path)
	})
}

func thePageTitleShouldBe(ctx context.Context, title string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		if err := s.text(&title); err != nil {
			return err
		}
		return p.ExpectTitle(ctx, title)
	})
}

func thePageTitleShouldContain(ctx context.Context, part string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		if err := s.text(&part); err != nil {
			return err
		}
		return p.ExpectTitleContaining(ctx, part)
	})
}
