package steps

import (
	"context"
	"strconv"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/support"
)

// RegisterAssertions adds (each may end with a scope; all retry until they hold
// or the timeout passes):
//
//	Then I should see "TEXT"
//	Then I should not see "TEXT"
//	Then I should see COUNT "SELECTOR" elements
//	Then "LOCATOR" should be visible
//	Then "LOCATOR" should not be visible
//	Then "LOCATOR" should be disabled
//	Then "LOCATOR" should be enabled
//	Then the "LOCATOR" field should contain "VALUE"
//	Then the "LOCATOR" field should be empty
//	Then the "LOCATOR" checkbox should be checked
//	Then the "LOCATOR" checkbox should not be checked
func RegisterAssertions(sc *godog.ScenarioContext) { registerAssertionsCompiled(sc) }

func registerAssertions(r registrar) {
	r.Step(`^I should see "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iShouldSee)
	r.Step(`^I should not see "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iShouldNotSee)
	r.Step(`^I should see (\d+) "((?:[^"\\]|\\.)*\\?)" elements?(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iShouldSeeCountElements)
	r.Step(`^"((?:[^"\\]|\\.)*\\?)" should be visible(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, shouldBeVisible)
	r.Step(`^"((?:[^"\\]|\\.)*\\?)" should not be visible(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, shouldNotBeVisible)
	r.Step(`^"((?:[^"\\]|\\.)*\\?)" should be disabled(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, shouldBeDisabled)
	r.Step(`^"((?:[^"\\]|\\.)*\\?)" should be enabled(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, shouldBeEnabled)
	r.Step(`^the "((?:[^"\\]|\\.)*\\?)" field should contain "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, fieldShouldContain)
	r.Step(`^the "((?:[^"\\]|\\.)*\\?)" field should be empty(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, fieldShouldBeEmpty)
	r.Step(`^the "((?:[^"\\]|\\.)*\\?)" checkbox should be checked(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, checkboxShouldBeChecked)
	r.Step(`^the "((?:[^"\\]|\\.)*\\?)" checkbox should not be checked(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, checkboxShouldNotBeChecked)
}

const assertions = "Assertions"

var assertionDocs = []Doc{
	{Area: assertions, Phrase: `Then I should see "TEXT"`,
		What:    "Waits until the visible text of the page (or scope) contains TEXT, whitespace-normalised; text in CSS capitals (text-transform) matches as written too.",
		Example: `Then I should see "Refunded black sweater"`},
	{Area: assertions, Phrase: `Then I should not see "TEXT"`,
		What:    "Waits until the visible text of the page (or scope) does not contain TEXT.",
		Example: `Then I should not see "Loading"`},
	{Area: assertions, Phrase: `Then I should see COUNT "SELECTOR" elements`,
		What:    "Waits until exactly COUNT visible elements match the CSS selector.",
		Example: `Then I should see 3 "tr.product" elements`},
	{Area: assertions, Phrase: `Then "LOCATOR" should be visible`,
		What:    "Waits until LOCATOR matches a visible element.",
		Example: `Then "Add product" should be visible`},
	{Area: assertions, Phrase: `Then "LOCATOR" should not be visible`,
		What:    "Waits until LOCATOR matches no visible element (absent or hidden).",
		Example: `Then ".spinner" should not be visible`},
	{Area: assertions, Phrase: `Then "LOCATOR" should be disabled`,
		What:    "Waits until the element is disabled (disabled, aria-disabled, or in a disabled fieldset).",
		Example: `Then "Refund" should be disabled`},
	{Area: assertions, Phrase: `Then "LOCATOR" should be enabled`,
		What:    "Waits until the element is enabled.",
		Example: `Then "Sign in" should be enabled`},
	{Area: assertions, Phrase: `Then the "LOCATOR" field should contain "VALUE"`,
		What:    "Waits until the field's value (a select's chosen option) contains VALUE.",
		Example: `Then the "Email" field should contain "@example.com"`},
	{Area: assertions, Phrase: `Then the "LOCATOR" field should be empty`,
		What:    "Waits until the field is empty.",
		Example: `Then the "Name" field should be empty`},
	{Area: assertions, Phrase: `Then the "LOCATOR" checkbox should be checked`,
		What:    "Waits until the checkbox is checked; LOCATOR may name a part of a checkbox widget, as for I check.",
		Example: `Then the "Remember me" checkbox should be checked`},
	{Area: assertions, Phrase: `Then the "LOCATOR" checkbox should not be checked`,
		What:    "Waits until the checkbox is not checked.",
		Example: `Then the "Remember me" checkbox should not be checked`},
}

func iShouldSee(ctx context.Context, text, within, withinSel, containing string) error {
	return expectText(ctx, false, text, within, withinSel, containing)
}

func iShouldNotSee(ctx context.Context, text, within, withinSel, containing string) error {
	return expectText(ctx, true, text, within, withinSel, containing)
}

func iShouldSeeCountElements(ctx context.Context, count, selector, within, withinSel, containing string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		n, err := strconv.Atoi(count)
		if err != nil {
			return err
		}
		if err := s.text(&selector, &within, &withinSel, &containing); err != nil {
			return err
		}
		return p.ExpectCount(ctx, support.Loc(selector, scopes(within, withinSel, containing)...), n)
	})
}

func shouldBeVisible(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, (*support.Page).ExpectVisible)
}

func shouldNotBeVisible(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, (*support.Page).ExpectHidden)
}

func shouldBeDisabled(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, func(p *support.Page, ctx context.Context, l support.Locator) error {
		return p.ExpectState(ctx, l, support.Disabled)
	})
}

func shouldBeEnabled(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, func(p *support.Page, ctx context.Context, l support.Locator) error {
		return p.ExpectState(ctx, l, support.Enabled)
	})
}

func fieldShouldContain(ctx context.Context, loc, value, within, withinSel, containing string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		l, err := s.locator(loc, within, withinSel, containing, &value)
		if err != nil {
			return err
		}
		return p.ExpectValue(ctx, l, value)
	})
}

func fieldShouldBeEmpty(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, func(p *support.Page, ctx context.Context, l support.Locator) error {
		return p.ExpectValue(ctx, l, "")
	})
}

func checkboxShouldBeChecked(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, func(p *support.Page, ctx context.Context, l support.Locator) error {
		return p.ExpectState(ctx, l.As(support.CheckboxKind), support.Checked)
	})
}

func checkboxShouldNotBeChecked(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, func(p *support.Page, ctx context.Context, l support.Locator) error {
		return p.ExpectState(ctx, l.As(support.CheckboxKind), support.Unchecked)
	})
}

func expectText(ctx context.Context, not bool, text, within, withinSel, containing string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		if err := s.text(&text, &within, &withinSel, &containing); err != nil {
			return err
		}
		sc := scopes(within, withinSel, containing)
		if not {
			return p.ExpectNoText(ctx, text, sc...)
		}
		return p.ExpectText(ctx, text, sc...)
	})
}
