package steps

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/support"
)

// RegisterActions adds (each LOCATOR step may end with a scope):
//
//	When I click "LOCATOR"
//	When I double-click "LOCATOR"
//	When I hover over "LOCATOR"
//	When I fill in "LOCATOR" with "VALUE"
//	When I fill in the following:            (table | field | value |, no header)
//	When I clear "LOCATOR"
//	When I select "OPTION" from "LOCATOR"
//	When I check "LOCATOR"
//	When I uncheck "LOCATOR"
//	When I choose "LOCATOR"
//	When I attach the file "FILE" to "LOCATOR"
//	When I press the "KEY" key
//	When I type "TEXT"
//	When I accept the next dialog
//	When I dismiss the next dialog
func RegisterActions(sc *godog.ScenarioContext) { registerActions(sc) }

func registerActions(r registrar) {
	const area = "Actions"
	onLocator := func(phrase, what, example string, act func(ctx context.Context, p *support.Page, l support.Locator) error) {
		def(r, Doc{area, "When " + phrase + ` "LOCATOR"`, what, example, ""},
			`^`+phrase+` `+q+scopeRE+`$`, func(ctx context.Context, loc, within, withinSel, containing string) error {
				return do(ctx, func(s *step, p *support.Page) error {
					l, err := s.locator(loc, within, withinSel, containing)
					if err != nil {
						return err
					}
					return act(ctx, p, l)
				})
			})
	}
	onLocator("I click", "Clicks the element at its centre, once it is visible, stable, enabled and not covered: a button, link or field by its name, then any visible element by its text.", `When I click "Sign in"`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Click(ctx, l) })
	onLocator("I double-click", "Double-clicks the element, with the same waiting as click.", `When I double-click "#name"`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.DoubleClick(ctx, l) })
	onLocator("I hover over", "Moves the mouse over the element.", `When I hover over "Help"`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Hover(ctx, l) })
	def(r, Doc{area, `When I fill in "LOCATOR" with "VALUE"`, "Replaces the field's value by typing VALUE (input and change events fire as for a person).", `When I fill in "Email" with "{{me.email}}"`, ""},
		`^I fill in `+q+` with `+q+scopeRE+`$`, func(ctx context.Context, loc, value, within, withinSel, containing string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				l, err := s.locator(loc, within, withinSel, containing, &value)
				if err != nil {
					return err
				}
				return p.Fill(ctx, l, value)
			})
		})
	def(r, Doc{area, `When I fill in the following:`, "Fills in several fields, one per row of a table of | field | value | with no header.", "When I fill in the following:\n  | Email    | ann@example.com |\n  | Password | secret          |", ""},
		`^I fill in the following:$`, func(ctx context.Context, table *godog.Table) error {
			return do(ctx, func(s *step, p *support.Page) error {
				rows, err := pairs(table, "| field | value |")
				if err != nil {
					return err
				}
				for _, r := range rows {
					field, value := r[0], r[1]
					if err := s.text(&field, &value); err != nil {
						return err
					}
					if err := p.Fill(ctx, support.Loc(field), value); err != nil {
						return err
					}
				}
				return nil
			})
		})
	onLocator("I clear", "Empties the field.", `When I clear "Search"`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Clear(ctx, l) })
	def(r, Doc{area, `When I select "OPTION" from "LOCATOR"`, "Picks the option whose text (or value) is OPTION in the select box; exact text first, then a unique substring.", `When I select "blue sweater" from "Replacement"`, ""},
		`^I select `+q+` from `+q+scopeRE+`$`, func(ctx context.Context, option, loc, within, withinSel, containing string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				l, err := s.locator(loc, within, withinSel, containing, &option)
				if err != nil {
					return err
				}
				return p.Select(ctx, l, option)
			})
		})
	onLocator("I check", "Checks the checkbox (clicking it, or its label when the box itself is styled away); nothing happens if it is already checked.", `When I check "Remember me"`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.SetChecked(ctx, l, true) })
	onLocator("I uncheck", "Unchecks the checkbox.", `When I uncheck "Remember me"`,
		func(ctx context.Context, p *support.Page, l support.Locator) error {
			return p.SetChecked(ctx, l, false)
		})
	onLocator("I choose", "Selects the radio button.", `When I choose "Express delivery"`,
		func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Choose(ctx, l) })
	def(r, Doc{area, `When I attach the file "FILE" to "LOCATOR"`, "Sets the file input to FILE, a path relative to the feature file.", `When I attach the file "fixtures/photo.png" to "Photo"`, ""},
		`^I attach the file `+q+` to `+q+scopeRE+`$`, func(ctx context.Context, file, loc, within, withinSel, containing string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				l, err := s.locator(loc, within, withinSel, containing, &file)
				if err != nil {
					return err
				}
				// Relative to the feature file, so features can ship their fixtures.
				if !filepath.IsAbs(file) {
					file = filepath.Join(filepath.Dir(s.sc.URI), file)
				}
				return p.AttachFile(ctx, l, file)
			})
		})
	def(r, Doc{area, `When I press the "KEY" key`, "Presses a key on the focused element: Enter, Escape, Tab, Backspace, Delete, Space, ArrowUp/Down/Left/Right, Home, End, PageUp, PageDown, or one character.", `When I press the "Enter" key`, ""},
		`^I press the `+q+` key$`, func(ctx context.Context, key string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				if err := s.text(&key); err != nil {
					return err
				}
				return p.Press(ctx, key)
			})
		})
	def(r, Doc{area, `When I type "TEXT"`, "Types TEXT into the focused element.", `When I type "sweater"`, ""},
		`^I type `+q+`$`, func(ctx context.Context, text string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				if err := s.text(&text); err != nil {
					return err
				}
				return p.Type(ctx, text)
			})
		})
	dialog := func(how, what string) {
		def(r, Doc{area, "When I " + how + " the next dialog", what, "When I " + how + " the next dialog", ""},
			`^I `+how+` the next dialog$`, func(ctx context.Context) error {
				return do(ctx, func(_ *step, p *support.Page) error { p.NextDialog(how == "accept"); return nil })
			})
	}
	dialog("accept", "Answers OK to the next alert, confirm or prompt the page opens. Give it before the step that opens the dialog.")
	dialog("dismiss", "Answers Cancel to the next alert, confirm or prompt. A dialog nobody prepared for is dismissed and fails the step.")
}

// pairs reads a two-column table with no header.
func pairs(t *godog.Table, shape string) ([][2]string, error) {
	if t == nil || len(t.Rows) == 0 {
		return nil, fmt.Errorf("this step needs a table of two columns, no header: %s", shape)
	}
	out := make([][2]string, 0, len(t.Rows))
	for i, r := range t.Rows {
		if len(r.Cells) != 2 {
			return nil, fmt.Errorf("row %d of the table has %d cells; this step needs two per row: %s", i+1, len(r.Cells), shape)
		}
		out = append(out, [2]string{r.Cells[0].Value, r.Cells[1].Value})
	}
	return out, nil
}
