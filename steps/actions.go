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
func RegisterActions(sc *godog.ScenarioContext) {
	onLocator := func(phrase string, act func(ctx context.Context, p *support.Page, l support.Locator) error) {
		sc.Step(`^`+phrase+` `+q+scopeRE+`$`, func(ctx context.Context, loc, within, withinSel, containing string) error {
			return do(ctx, func(s *step, p *support.Page) error {
				l, err := s.locator(loc, within, withinSel, containing)
				if err != nil {
					return err
				}
				return act(ctx, p, l)
			})
		})
	}
	onLocator("I click", func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Click(ctx, l) })
	onLocator("I double-click", func(ctx context.Context, p *support.Page, l support.Locator) error { return p.DoubleClick(ctx, l) })
	onLocator("I hover over", func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Hover(ctx, l) })
	onLocator("I clear", func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Clear(ctx, l) })
	onLocator("I check", func(ctx context.Context, p *support.Page, l support.Locator) error { return p.SetChecked(ctx, l, true) })
	onLocator("I uncheck", func(ctx context.Context, p *support.Page, l support.Locator) error {
		return p.SetChecked(ctx, l, false)
	})
	onLocator("I choose", func(ctx context.Context, p *support.Page, l support.Locator) error { return p.Choose(ctx, l) })

	sc.Step(`^I fill in `+q+` with `+q+scopeRE+`$`, func(ctx context.Context, loc, value, within, withinSel, containing string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			l, err := s.locator(loc, within, withinSel, containing)
			if err == nil {
				err = s.text(&value)
			}
			if err != nil {
				return err
			}
			return p.Fill(ctx, l, value)
		})
	})
	sc.Step(`^I fill in the following:$`, func(ctx context.Context, table *godog.Table) error {
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
	sc.Step(`^I select `+q+` from `+q+scopeRE+`$`, func(ctx context.Context, option, loc, within, withinSel, containing string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			l, err := s.locator(loc, within, withinSel, containing)
			if err == nil {
				err = s.text(&option)
			}
			if err != nil {
				return err
			}
			return p.Select(ctx, l, option)
		})
	})
	sc.Step(`^I attach the file `+q+` to `+q+scopeRE+`$`, func(ctx context.Context, file, loc, within, withinSel, containing string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			l, err := s.locator(loc, within, withinSel, containing)
			if err == nil {
				err = s.text(&file)
			}
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
	sc.Step(`^I press the `+q+` key$`, func(ctx context.Context, key string) error {
		return do(ctx, func(_ *step, p *support.Page) error { return p.Press(ctx, key) })
	})
	sc.Step(`^I type `+q+`$`, func(ctx context.Context, text string) error {
		return do(ctx, func(s *step, p *support.Page) error {
			if err := s.text(&text); err != nil {
				return err
			}
			return p.Type(ctx, text)
		})
	})
	sc.Step(`^I (accept|dismiss) the next dialog$`, func(ctx context.Context, how string) error {
		return do(ctx, func(_ *step, p *support.Page) error { p.NextDialog(how == "accept"); return nil })
	})
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
