package steps

import (
	"context"
	"fmt"
	"strconv"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/factories"
)

// RegisterFactories adds (MODEL is a registered factory, singular or plural):
//
//	Given a MODEL exists
//	Given an MODEL exists
//	Given a MODEL exists with:                (table | attribute | value |, no header)
//	Given COUNT MODELs exist
//	Given the following MODELs exist:         (table with a header row of attributes)
//	Given a MODEL "NAME" exists               (remembered as NAME)
//	Given a MODEL "NAME" exists with:
//
// Every record is remembered as the model's latest ({{product.name}}) and, when
// named, under its name ({{NAME.field}}).
func RegisterFactories(sc *godog.ScenarioContext) { registerFactories(sc) }

func registerFactories(r registrar) {
	r.Step(aModelStep, aModelExists)
	r.Step(anModelStep, aModelExists)
	r.Step(aModelWithStep, aModelExistsWith)
	r.Step(countModelsStep, countModelsExist)
	r.Step(followingModelsStep, theFollowingModelsExist)
	r.Step(namedModelStep, aNamedModelExists)
	r.Step(namedModelWithStep, aNamedModelExistsWith)
}

const factoriesArea = "Factories"

var (
	aModelStep = phrase(Doc{Area: factoriesArea, Phrase: `Given a MODEL exists`,
		What:    "Makes one record of the model with its factory's defaults (fake data) and remembers it as {{MODEL.field}}.",
		Example: `Given a product exists`},
		`^a ([^"]+?) exists$`)
	anModelStep = phrase(Doc{Area: factoriesArea, Phrase: `Given an MODEL exists`,
		What:    "The same, for models that start with a vowel sound.",
		Example: `Given an order exists`},
		`^an ([^"]+?) exists$`)
	aModelWithStep = phrase(Doc{Area: factoriesArea, Phrase: `Given a MODEL exists with:`,
		What:    "Makes one record; a table of | attribute | value | (no header) overrides the defaults.",
		Example: "Given a product exists with:\n  | colour | black |\n  | stock  | 3     |"},
		`^an? ([^"]+?) exists with:$`)
	countModelsStep = phrase(Doc{Area: factoriesArea, Phrase: `Given COUNT MODELs exist`,
		What:    "Makes COUNT records with the defaults.",
		Example: `Given 3 products exist`},
		`^(\d+) ([^"]+?) exist$`)
	followingModelsStep = phrase(Doc{Area: factoriesArea, Phrase: `Given the following MODELs exist:`,
		What:    "Makes one record per row of a table whose header row names the attributes.",
		Example: "Given the following products exist:\n  | name    | colour |\n  | sweater | black  |\n  | scarf   | red    |"},
		`^the following ([^"]+?) exist:$`)
	namedModelStep = phrase(Doc{Area: factoriesArea, Phrase: `Given a MODEL "NAME" exists`,
		What:    "Makes one record and remembers it as NAME too: {{NAME.field}}.",
		Example: `Given a customer "alice" exists`},
		`^an? ([^"]+?) "([^"]*)" exists$`)
	namedModelWithStep = phrase(Doc{Area: factoriesArea, Phrase: `Given a MODEL "NAME" exists with:`,
		What:    "Makes one named record with the table's attributes.",
		Example: "Given a customer \"alice\" exists with:\n  | name | Alice |"},
		`^an? ([^"]+?) "([^"]*)" exists with:$`)
)

func aModelExists(ctx context.Context, model string) error {
	return create(ctx, model, "", nil)
}

func aModelExistsWith(ctx context.Context, model string, t *godog.Table) error {
	return createWith(ctx, model, "", t)
}

func countModelsExist(ctx context.Context, count, model string) error {
	n, err := strconv.Atoi(count)
	if err != nil {
		return err
	}
	for range n {
		if err := create(ctx, model, "", nil); err != nil {
			return err
		}
	}
	return nil
}

func theFollowingModelsExist(ctx context.Context, model string, t *godog.Table) error {
	return createTable(ctx, model, t)
}

func aNamedModelExists(ctx context.Context, model, name string) error {
	return create(ctx, model, name, nil)
}

func aNamedModelExistsWith(ctx context.Context, model, name string, t *godog.Table) error {
	return createWith(ctx, model, name, t)
}

func createTable(ctx context.Context, model string, t *godog.Table) error {
	if t == nil || len(t.Rows) < 2 {
		return fmt.Errorf("this step needs a table whose first row names attributes and each further row is one %s, e.g.\n  | name | colour |\n  | sweater | black |", model)
	}
	header := t.Rows[0].Cells
	for i, r := range t.Rows[1:] {
		if len(r.Cells) != len(header) {
			return fmt.Errorf("row %d has %d cells but the header has %d", i+2, len(r.Cells), len(header))
		}
		attrs := map[string]string{}
		for j, c := range r.Cells {
			attrs[header[j].Value] = c.Value
		}
		if err := create(ctx, model, "", attrs); err != nil {
			return fmt.Errorf("row %d: %w", i+2, err)
		}
	}
	return nil
}

func createWith(ctx context.Context, model, name string, t *godog.Table) error {
	rows, err := pairs(t, "| attribute | value |")
	if err != nil {
		return err
	}
	attrs := map[string]string{}
	for _, r := range rows {
		attrs[r[0]] = r[1]
	}
	return create(ctx, model, name, attrs)
}

// create makes one record with the (interpolated) attributes and remembers it.
func create(ctx context.Context, model, name string, attrs map[string]string) error {
	s, err := begin(ctx)
	if err != nil {
		return err
	}
	def, err := s.sc.Factories().Lookup(model)
	if err != nil {
		return err
	}
	if err := s.text(&name); err != nil {
		return err
	}
	for k, v := range attrs {
		if err := s.text(&v); err != nil {
			return err
		}
		attrs[k] = v
	}
	rec, err := s.sc.Data.Create(ctx, def.Name(), attrs)
	if err != nil {
		return err
	}
	remember(s, def, name, rec)
	return nil
}

func remember(s *step, def *factories.Definition, name string, rec factories.Attrs) {
	s.sc.Remember(def.Name(), rec)
	if name != "" {
		s.sc.Remember(name, rec)
	}
}
