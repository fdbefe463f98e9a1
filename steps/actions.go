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
	r.Step(`^I click "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iClick)
	r.Step(`^I double-click "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iDoubleClick)
	r.Step(`^I hover over "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iHoverOver)
	r.Step(`^I fill in "((?:[^"\\]|\\.)*\\?)" with "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iFillIn)
	r.Step(`^I fill in the following:$`, iFillInTheFollowing)
	r.Step(`^I clear "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iClear)
	r.Step(`^I select "((?:[^"\\]|\\.)*\\?)" from "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iSelect)
	r.Step(`^I check "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iCheck)
	r.Step(`^I uncheck "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iUncheck)
	r.Step(`^I choose "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iChoose)
	r.Step(`^I attach the file "((?:[^"\\]|\\.)*\\?)" to "((?:[^"\\]|\\.)*\\?)"(?: within "((?:[^"\\]|\\.)*\\?)"| within the "((?:[^"\\]|\\.)*\\?)" containing "((?:[^"\\]|\\.)*\\?)")?$`, iAttachTheFile)
	r.Step(`^I press the "((?:[^"\\]|\\.)*\\?)" key$`, iPressTheKey)
	r.Step(`^I type "((?:[^"\\]|\\.)*\\?)"$`, iType)
	r.Step(`^I accept the next dialog$`, iAcceptTheNextDialog)
	r.Step(`^I dismiss the next dialog$`, iDismissTheNextDialog)
}

const actions = "Actions"

var actionDocs = []Doc{
	{Area: actions, Phrase: `When I click "LOCATOR"`,
		What:    "Clicks the element at its centre, once it is visible, stable, enabled and not covered: a button, link or field by its name, then any visible element by its text.",
		Example: `When I click "Sign in"`},
	{Area: actions, Phrase: `When I double-click "LOCATOR"`,
		What:    "Double-clicks the element, with the same waiting as click.",
		Example: `When I double-click "#name"`},
	{Area: actions, Phrase: `When I hover over "LOCATOR"`,
		What:    "Moves the mouse over the element.",
		Example: `When I hover over "Help"`},
	{Area: actions, Phrase: `When I fill in "LOCATOR" with "VALUE"`,
		What:    "Replaces the field's value by typing VALUE: input fires as for a person, and change when they move on (the field loses focus, or Enter submits its form).",
		Example: `When I fill in "Email" with "{{me.email}}"`},
	{Area: actions, Phrase: `When I fill in the following:`,
		What:    "Fills in several fields, one per row of a table of | field | value | with no header.",
		Example: "When I fill in the following:\n  | Email    | ann@example.com |\n  | Password | secret          |"},
	{Area: actions, Phrase: `When I clear "LOCATOR"`,
		What:    "Empties the field.",
		Example: `When I clear "Search"`},
	{Area: actions, Phrase: `When I select "OPTION" from "LOCATOR"`,
		What:    "Picks the option whose text (or value) is OPTION in the select box; exact text first, then a unique substring.",
		Example: `When I select "blue sweater" from "Replacement"`},
	{Area: actions, Phrase: `When I check "LOCATOR"`,
		What:    "Checks the checkbox (clicking it, or its label when the box itself is styled away); nothing happens if it is already checked.",
		Example: `When I check "Remember me"`},
	{Area: actions, Phrase: `When I uncheck "LOCATOR"`,
		What:    "Unchecks the checkbox.",
		Example: `When I uncheck "Remember me"`},
	{Area: actions, Phrase: `When I choose "LOCATOR"`,
		What:    "Selects the radio button.",
		Example: `When I choose "Express delivery"`},
	{Area: actions, Phrase: `When I attach the file "FILE" to "LOCATOR"`,
		What:    "Sets the file input to FILE, a path relative to the feature file.",
		Example: `When I attach the file "fixtures/photo.png" to "Photo"`},
	{Area: actions, Phrase: `When I press the "KEY" key`,
		What:    "Presses a key on the focused element: Enter, Escape, Tab, Backspace, Delete, Space, ArrowUp/Down/Left/Right, Home, End, PageUp, PageDown, or one character.",
		Example: `When I press the "Enter" key`},
	{Area: actions, Phrase: `When I type "TEXT"`,
		What:    "Types TEXT into the focused element.",
		Example: `When I type "sweater"`},
	{Area: actions, Phrase: `When I accept the next dialog`,
		What:    "Answers OK to the next alert, confirm or prompt the page opens. Give it before the step that opens the dialog.",
		Example: `When I accept the next dialog`},
	{Area: actions, Phrase: `When I dismiss the next dialog`,
		What:    "Answers Cancel to the next alert, confirm or prompt. A dialog nobody prepared for is dismissed and fails the step.",
		Example: `When I dismiss the next dialog`},
}

// onLocator runs act on the step's locator and scope.
func onLocator(ctx context.Context, loc, within, withinSel, containing string, act func(*support.Page, context.Context, support.Locator) error) error {
	return do(ctx, func(s *step, p *support.Page) error {
		l, err := s.locator(loc, within, withinSel, containing)
		if err != nil {
			return err
		}
		return act(p, ctx, l)
	})
}

func iClick(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, (*support.Page).Click)
}

func iDoubleClick(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, (*support.Page).DoubleClick)
}

func iHoverOver(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, (*support.Page).Hover)
}

func iFillIn(ctx context.Context, loc, value, within, withinSel, containing string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		l, err := s.locator(loc, within, withinSel, containing, &value)
		if err != nil {
			return err
		}
		return p.Fill(ctx, l, value)
	})
}

func iFillInTheFollowing(ctx context.Context, table *godog.Table) error {
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
}

func iClear(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, (*support.Page).Clear)
}

func iSelect(ctx context.Context, option, loc, within, withinSel, containing string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		l, err := s.locator(loc, within, withinSel, containing, &option)
		if err != nil {
			return err
		}
		return p.Select(ctx, l, option)
	})
}

func iCheck(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, func(p *support.Page, ctx context.Context, l support.Locator) error {
		return p.SetChecked(ctx, l, true)
	})
}

func iUncheck(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, func(p *support.Page, ctx context.Context, l support.Locator) error {
		return p.SetChecked(ctx, l, false)
	})
}

func iChoose(ctx context.Context, loc, within, withinSel, containing string) error {
	return onLocator(ctx, loc, within, withinSel, containing, (*support.Page).Choose)
}

func iAttachTheFile(ctx context.Context, file, loc, within, withinSel, containing string) error {
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
}

func iPressTheKey(ctx context.Context, key string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		if err := s.text(&key); err != nil {
			return err
		}
		return p.Press(ctx, key)
	})
}

func iType(ctx context.Context, text string) error {
	return do(ctx, func(s *step, p *support.Page) error {
		if err := s.text(&text); err != nil {
			return err
		}
		return p.Type(ctx, text)
	})
}

func iAcceptTheNextDialog(ctx context.Context) error {
	return do(ctx, func(_ *step, p *support.Page) error { p.NextDialog(true); return nil })
}

func iDismissTheNextDialog(ctx context.Context) error {
	return do(ctx, func(_ *step, p *support.Page) error { p.NextDialog(false); return nil })
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
