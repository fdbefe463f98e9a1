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
func RegisterAssertions(sc *godog.ScenarioContext) {
	sc.Step(`^I should (not )?see `+q+scopeRE+`$`, func(ctx context.Context, not, text, within, withinSel, containing string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			if err := s.text(&text, &within, &withinSel, &containing); err != nil {
				return err
			}
			sc := scopes(within, withinSel, containing)
			if not != "" {
				return p.ExpectNoText(ctx, text, sc...)
			}
			return p.ExpectText(ctx, text, sc...)
		})
	})
	sc.Step(`^I should see (\d+) `+q+` elements?`+scopeRE+`$`, func(ctx context.Context, count, selector, within, withinSel, containing string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			n, err := strconv.Atoi(count)
			if err != nil {
				return err
			}
			if err := s.text(&selector, &within, &withinSel, &containing); err != nil {
				return err
			}
			if len(selector) > 4 && selector[:4] == "css=" {
				selector = selector[4:]
			}
			return p.ExpectCount(ctx, selector, n, scopes(within, withinSel, containing)...)
		})
	})
	// locatorThen registers `^PREFIX"LOCATOR"SUFFIX( scope)?$`.
	locatorThen := func(prefix, suffix string, check func(ctx context.Context, p *support.Page, l support.Locator) error) {
		sc.Step(`^`+prefix+q+suffix+scopeRE+`$`, func(ctx context.Context, loc, within, withinSel, containing string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				l, err := s.locator(loc, within, withinSel, containing)
				if err != nil {
					return err
				}
				return check(ctx, p, l)
			})
		})
	}
	locatorThen("", ` should be visible`, func(ctx context.Context, p *support.Page, l support.Locator) error { return p.ExpectVisible(ctx, l) })
	locatorThen("", ` should not be visible`, func(ctx context.Context, p *support.Page, l support.Locator) error { return p.ExpectHidden(ctx, l) })
	locatorThen("", ` should be disabled`, func(ctx context.Context, p *support.Page, l support.Locator) error {
		return p.ExpectState(ctx, l, "disabled")
	})
	locatorThen("", ` should be enabled`, func(ctx context.Context, p *support.Page, l support.Locator) error {
		return p.ExpectState(ctx, l, "enabled")
	})
	locatorThen(`the `, ` field should be empty`, func(ctx context.Context, p *support.Page, l support.Locator) error { return p.ExpectValue(ctx, l, "") })
	locatorThen(`the `, ` checkbox should be checked`, func(ctx context.Context, p *support.Page, l support.Locator) error {
		return p.ExpectState(ctx, l.As(support.CheckboxKind), "checked")
	})
	locatorThen(`the `, ` checkbox should not be checked`, func(ctx context.Context, p *support.Page, l support.Locator) error {
		return p.ExpectState(ctx, l.As(support.CheckboxKind), "unchecked")
	})
	sc.Step(`^the `+q+` field should contain `+q+scopeRE+`$`, func(ctx context.Context, loc, value, within, withinSel, containing string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			l, err := s.locator(loc, within, withinSel, containing)
			if err == nil {
				err = s.text(&value)
			}
			if err != nil {
				return err
			}
			return p.ExpectValue(ctx, l, value)
		})
	})
}
