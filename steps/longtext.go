package steps

import (
	"context"
	"fmt"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/support"
)

// registerLongText adds the doc-string forms, for values too long for one line
// or holding quotes (JSON, addresses, messages):
//
//	When I fill in "LOCATOR" with:           (then a """ doc string)
//	Then the "LOCATOR" field should contain: (then a """ doc string)
//	Then I should see:                        (then a """ doc string)
func registerLongText(r registrar) {
	r.Step(`^I fill in "((?:[^"\\]|\\.)*\\?)" with:$`, fillInWithDocString)
	r.Step(`^the "((?:[^"\\]|\\.)*\\?)" field should contain:$`, fieldContainsDocString)
	r.Step(`^I should see:$`, seeDocString)
}

var longTextDocs = []Doc{
	{Area: actions, Phrase: `When I fill in "LOCATOR" with:`,
		What:    "Fills the field with the doc string under the step, as typed: for long or multi-line values and values with quotes, such as JSON.",
		Example: "When I fill in \"Notes\" with:\n  \"\"\"\n  {\"gift\": true, \"message\": \"Happy birthday\"}\n  \"\"\""},
	{Area: assertions, Phrase: `Then the "LOCATOR" field should contain:`,
		What:    "Waits until the field's value contains the doc string under the step, whitespace-normalised.",
		Example: "Then the \"Notes\" field should contain:\n  \"\"\"\n  \"gift\": true\n  \"\"\""},
	{Area: assertions, Phrase: `Then I should see:`,
		What:    "Waits until the visible text of the page contains the doc string under the step, whitespace-normalised (line breaks and indentation count as one space).",
		Example: "Then I should see:\n  \"\"\"\n  {\"gift\": true, \"message\": \"Happy birthday\"}\n  \"\"\""},
}

// docString is the step's doc string, or an error that shows the form.
func docString(d *godog.DocString, step string) (string, error) {
	if d == nil {
		return "", fmt.Errorf("this step needs a doc string under it:\n  %s\n    \"\"\"\n    the text\n    \"\"\"", step)
	}
	return d.Content, nil
}

func fillInWithDocString(ctx context.Context, loc string, doc *godog.DocString) error {
	value, err := docString(doc, `When I fill in "`+loc+`" with:`)
	if err != nil {
		return err
	}
	return do(ctx, func(s *step, p *support.Page) error {
		l, err := s.locator(loc, "", "", "", &value)
		if err != nil {
			return err
		}
		return p.Fill(ctx, l, value)
	})
}

func fieldContainsDocString(ctx context.Context, loc string, doc *godog.DocString) error {
	value, err := docString(doc, `Then the "`+loc+`" field should contain:`)
	if err != nil {
		return err
	}
	return do(ctx, func(s *step, p *support.Page) error {
		l, err := s.locator(loc, "", "", "", &value)
		if err != nil {
			return err
		}
		return p.ExpectValue(ctx, l, value)
	})
}

func seeDocString(ctx context.Context, doc *godog.DocString) error {
	text, err := docString(doc, `Then I should see:`)
	if err != nil {
		return err
	}
	return expectText(ctx, false, text, "", "", "")
}
