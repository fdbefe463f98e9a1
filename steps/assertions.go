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
func RegisterAssertions(sc *godog.ScenarioContext) { registerAssertions(sc) }

func registerAssertions(r registrar) {
	const area = "Assertions"
	def(r, Doc{area, `Then I should see "TEXT"`, "Waits until the visible text of the page (or scope) contains TEXT, whitespace-normalised.", `Then I should see "Refunded black sweater"`, ""},
		`^I should see `+q+scopeRE+`$`, func(ctx context.Context, text, within, withinSel, containing string) error {
			return expectText(ctx, false, text, within, withinSel, containing)
		})
	def(r, Doc{area, `Then I should not see "TEXT"`, "Waits until the visible text of the page (or scope) does not contain TEXT.", `Then I should not see "Loading"`, ""},
		`^I should not see `+q+scopeRE+`$`, func(ctx context.Context, text, within, withinSel, containing string) error {
			return expectText(ctx, true, text, within, withinSel, containing)
		})
	def(r, Doc{area, `Then I should see COUNT "SELECTOR" elements`, "Waits until exactly COUNT visible elements match the CSS selector.", `Then I should see 3 "tr.product" elements`, ""},
		`^I should see (\d+) `+q+` elements?`+scopeRE+`$`, func(ctx context.Context, count, selector, within, withinSel, containing string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				n, err := strconv.Atoi(count)
				if err != nil {
					return err
				}
				if err := s.text(&selector, &within, &withinSel, &containing); err != nil {
					return err
				}
				return p.ExpectCount(ctx, selector, n, scopes(within, withinSel, containing)...)
			})
		})
	// locatorThen registers `^PREFIX"LOCATOR"SUFFIX( scope)?$`.
	locatorThen := func(prefix, suffix, what, example string, check func(ctx context.Context, p *support.Page, l support.Locator) error) {
		phrase := "Then " + prefix + `"LOCATOR"` + suffix
		def(r, Doc{area, phrase, what, example, ""},
			`^`+prefix+q+suffix+scopeRE+`$`, func(ctx context.Context, loc, within, withinSel, containing string) error {
				return do(ctx, func(s *step, p *support.Page) error {
					l, err := s.locator(loc, within, withinSel, containing)
					if err != nil {
						return err
					}
					return check(ctx, p, l)
				})
			})
	}
	locatorThen("", ` should be visible`, "Waits until LOCATOR matches a visible element.", `Then "Add product" should be visible`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.ExpectVisible(ctx, l) })
	locatorThen("", ` should not be visible`, "Waits until LOCATOR matches no visible element (absent or hidden).", `Then ".spinner" should not be visible`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.ExpectHidden(ctx, l) })
	locatorThen("", ` should be disabled`, "Waits until the element is disabled (disabled, aria-disabled, or in a disabled fieldset).", `Then "Refund" should be disabled`,
		func(ctx context.Context, p *support.Page, l support.Locator) error {
			return p.ExpectState(ctx, l, "disabled")
		})
	locatorThen("", ` should be enabled`, "Waits until the element is enabled.", `Then "Sign in" should be enabled`,
		func(ctx context.Context, p *support.Page, l support.Locator) error {
			return p.ExpectState(ctx, l, "enabled")
		})
	def(r, Doc{area, `Then the "LOCATOR" field should contain "VALUE"`, "Waits until the field's value (a select's chosen option) contains VALUE.", `Then the "Email" field should contain "@example.com"`, ""},
		`^the `+q+` field should contain `+q+scopeRE+`$`, func(ctx context.Context, loc, value, within, withinSel, containing string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				l, err := s.locator(loc, within, withinSel, containing, &value)
				if err != nil {
					return err
				}
				return p.ExpectValue(ctx, l, value)
			})
		})
	locatorThen(`the `, ` field should be empty`, "Waits until the field is empty.", `Then the "Name" field should be empty`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.ExpectValue(ctx, l, "") })
	locatorThen(`the `, ` checkbox should be checked`, "Waits until the checkbox is checked.", `Then the "Remember me" checkbox should be checked`,
		func(ctx context.Context, p *support.Page, l support.Locator) error {
			return p.ExpectState(ctx, l.As(support.CheckboxKind), "checked")
		})
	locatorThen(`the `, ` checkbox should not be checked`, "Waits until the checkbox is not checked.", `Then the "Remember me" checkbox should not be checked`,
		func(ctx context.Context, p *support.Page, l support.Locator) error {
			return p.ExpectState(ctx, l.As(support.CheckboxKind), "unchecked")
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
