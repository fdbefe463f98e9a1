package steps

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/factories"
)

// RegisterFactories adds (MODEL is a model defined in Go, singular or plural,
// and may start with trait names: "a delivered order", "3 sold out products";
// or any other name, a schema-less model the app makes from the attributes
// given, typed by factories.CellValue, a plural step naming it by its
// singular: "3 users" is user):
//
//	Given a MODEL exists
//	Given an MODEL exists
//	Given a MODEL exists with:                (table | attribute | value |, no header)
//	Given COUNT MODELs exist
//	Given the following MODELs exist:         (table with a header row of attributes)
//	Given a MODEL "NAME" exists               (remembered as NAME)
//	Given a MODEL "NAME" exists with:
//	Given a MODEL exists that is TRAITS       (TRAITS: "delivered and refunded")
//	Given a MODEL "NAME" exists that is TRAITS
//	Given COUNT MODELs exist that are TRAITS
//
// In tables, a traits attribute lists traits, {{NAME}} gives an association a
// remembered record and ASSOCIATION.ATTRIBUTE shapes a new one. Every record
// is remembered as the model's latest ({{product.name}}) and, when named,
// under its name ({{NAME.field}}), with its associated records' fields
// ({{order.customer.name}}); the associated records it made are remembered
// as their models' latest ({{customer.email}}).
func RegisterFactories(sc *godog.ScenarioContext) { registerFactories(sc) }

func registerFactories(r registrar) {
	r.Step(`^a ([^"]+?) exists$`, aModelExists)
	r.Step(`^an ([^"]+?) exists$`, aModelExists)
	r.Step(`^an? ([^"]+?) exists with:$`, aModelExistsWith)
	r.Step(`^(\d+) ([^"]+?) exist$`, countModelsExist)
	r.Step(`^the following ([^"]+?) exist:$`, followingModelsExist)
	r.Step(`^an? ([^"]+?) "([^"]*)" exists$`, namedModelExists)
	r.Step(`^an? ([^"]+?) "([^"]*)" exists with:$`, namedModelExistsWith)
	r.Step(`^an? ([^"]+?) exists that is ([^"]+)$`, aModelExistsThatIs)
	r.Step(`^an? ([^"]+?) "([^"]*)" exists that is ([^"]+)$`, namedModelExistsThatIs)
	r.Step(`^(\d+) ([^"]+?) exist that are ([^"]+)$`, countModelsExistThatAre)
}

const factoriesArea = "Factories"

var factoryDocs = []Doc{
	{Area: factoriesArea, Phrase: `Given a MODEL exists`,
		What:    "Makes one record of the model with its factory's defaults (fake data) and remembers it as {{MODEL.field}}. Trait names may come before MODEL, as in  Given a delivered order exists . A model not defined in Go is made by the app alone, from the attributes the step gives (none here), and remembered as the app answered it.",
		Example: `Given a product exists`},
	{Area: factoriesArea, Phrase: `Given an MODEL exists`,
		What:    "The same, for models that start with a vowel sound.",
		Example: `Given an order exists`},
	{Area: factoriesArea, Phrase: `Given a MODEL exists with:`,
		What:    "Makes one record; a table of | attribute | value | (no header) overrides the defaults. A traits row lists traits (delivered, refunded); an association's row set to {{NAME}} gives it a remembered record; ASSOCIATION.ATTRIBUTE rows (customer.name) shape the record it makes. For a model not defined in Go, a cell that is JSON is sent as that JSON (42, true, null, \"42\" for the text 42) and any other cell as text.",
		Example: "Given a product exists with:\n  | colour | black |\n  | stock  | 3     |"},
	{Area: factoriesArea, Phrase: `Given COUNT MODELs exist`,
		What:    "Makes COUNT records with the defaults (and the traits named before MODELs, if any). A model not defined in Go is named by the singular of its last word: users is user, categories is category.",
		Example: `Given 3 products exist`},
	{Area: factoriesArea, Phrase: `Given the following MODELs exist:`,
		What:    "Makes one record per row of a table whose header row names the attributes (a traits column applies traits).",
		Example: "Given the following products exist:\n  | name    | colour |\n  | sweater | black  |\n  | scarf   | red    |"},
	{Area: factoriesArea, Phrase: `Given a MODEL "NAME" exists`,
		What:    "Makes one record and remembers it as NAME too: {{NAME.field}}.",
		Example: `Given a customer "alice" exists`},
	{Area: factoriesArea, Phrase: `Given a MODEL "NAME" exists with:`,
		What:    "Makes one named record with the table's attributes.",
		Example: "Given a customer \"alice\" exists with:\n  | name | Alice |"},
	{Area: factoriesArea, Phrase: `Given a MODEL exists that is TRAITS`,
		What:    "Makes one record with the model's traits applied in order (later ones win); TRAITS are separated by commas or \"and\".",
		Example: `Given an order exists that is delivered and refunded`},
	{Area: factoriesArea, Phrase: `Given a MODEL "NAME" exists that is TRAITS`,
		What:    "The same, remembered as NAME too.",
		Example: `Given a product "hat" exists that is sold out`},
	{Area: factoriesArea, Phrase: `Given COUNT MODELs exist that are TRAITS`,
		What:    "Makes COUNT records with the traits applied.",
		Example: `Given 2 products exist that are sold out and discounted`},
}

func aModelExists(ctx context.Context, phrase string) error {
	return makeRecord(ctx, one(phrase), "", "", nil)
}

func aModelExistsWith(ctx context.Context, phrase string, t *godog.Table) error {
	cells, err := attributeCells(t)
	if err != nil {
		return err
	}
	return makeRecord(ctx, one(phrase), "", "", cells)
}

func countModelsExist(ctx context.Context, count, phrase string) error {
	return makeCount(ctx, count, phrase, "")
}

func followingModelsExist(ctx context.Context, phrase string, t *godog.Table) error {
	if t == nil || len(t.Rows) < 2 {
		return fmt.Errorf("this step needs a table whose first row names attributes and each further row is one %s, e.g.\n  | name | colour |\n  | sweater | black |", phrase)
	}
	header := t.Rows[0].Cells
	return withStepLimit(ctx, func(ctx context.Context) error {
		for i, r := range t.Rows[1:] {
			if len(r.Cells) != len(header) {
				return fmt.Errorf("row %d has %d cells but the header has %d", i+2, len(r.Cells), len(header))
			}
			cells := map[string]string{}
			for j, c := range r.Cells {
				cells[header[j].Value] = c.Value
			}
			if err := makeRecord(ctx, many(phrase), "", "", cells); err != nil {
				return fmt.Errorf("row %d: %w", i+2, err)
			}
		}
		return nil
	})
}

func namedModelExists(ctx context.Context, phrase, name string) error {
	return makeRecord(ctx, one(phrase), name, "", nil)
}

func namedModelExistsWith(ctx context.Context, phrase, name string, t *godog.Table) error {
	cells, err := attributeCells(t)
	if err != nil {
		return err
	}
	return makeRecord(ctx, one(phrase), name, "", cells)
}

func aModelExistsThatIs(ctx context.Context, phrase, traits string) error {
	return makeRecord(ctx, one(phrase), "", traits, nil)
}

func namedModelExistsThatIs(ctx context.Context, phrase, name, traits string) error {
	return makeRecord(ctx, one(phrase), name, traits, nil)
}

func countModelsExistThatAre(ctx context.Context, count, phrase, traits string) error {
	return makeCount(ctx, count, phrase, traits)
}

func makeCount(ctx context.Context, count, phrase, traits string) error {
	n, err := strconv.Atoi(count)
	if err != nil {
		return fmt.Errorf("%q is not a count of records: write a whole number such as 3", count)
	}
	return withStepLimit(ctx, func(ctx context.Context) error {
		for i := range n {
			if err := makeRecord(ctx, many(phrase), "", traits, nil); err != nil {
				return fmt.Errorf("%s %d of %d: %w", phrase, i+1, n, err)
			}
		}
		return nil
	})
}

// modelPhrase is a step's words for the model, and whether the step is
// about several records: "users" then names the schema-less model user.
type modelPhrase struct {
	words  string
	plural bool
}

func one(words string) modelPhrase  { return modelPhrase{words, false} }
func many(words string) modelPhrase { return modelPhrase{words, true} }

type stepLimitKey struct{}

// withStepLimit gives a factory step one deadline, ROMAINE_TIMEOUT, however
// many records it makes: an app that never answers fails the step.
func withStepLimit(ctx context.Context, fn func(context.Context) error) error {
	s, err := begin(ctx)
	if err != nil {
		return err
	}
	if ctx.Value(stepLimitKey{}) != nil {
		return fn(ctx) // a record of a step that makes several: the step's limit is set
	}
	limit := s.sc.StepTimeout()
	ctx, cancel := context.WithTimeout(context.WithValue(ctx, stepLimitKey{}, true), limit)
	defer cancel()
	err = fn(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w; the step's limit is %s (ROMAINE_TIMEOUT)", err, limit)
	}
	return err
}

// attributeCells reads a | attribute | value | table.
func attributeCells(t *godog.Table) (map[string]string, error) {
	rows, err := pairs(t, "| attribute | value |")
	if err != nil {
		return nil, err
	}
	cells := map[string]string{}
	for _, r := range rows {
		cells[r[0]] = r[1]
	}
	return cells, nil
}

// makeRecord creates one record from the step's words (phrase: traits and
// model; traits: a "that is" list) and cells, and remembers it.
func makeRecord(ctx context.Context, phrase modelPhrase, name, traits string, cells map[string]string) error {
	return withStepLimit(ctx, func(ctx context.Context) error {
		return makeRecordBy(ctx, phrase, name, traits, cells)
	})
}

func makeRecordBy(ctx context.Context, phrase modelPhrase, name, traits string, cells map[string]string) error {
	s, err := begin(ctx)
	if err != nil {
		return err
	}
	resolve := s.sc.Factories().Resolve
	if phrase.plural {
		resolve = s.sc.Factories().ResolvePlural
	}
	d, named, err := resolve(phrase.words)
	if err != nil {
		return err
	}
	if traits != "" {
		more, err := d.ParseTraits(traits)
		if err != nil {
			return err
		}
		named = append(named, more...)
	}
	if err := s.text(&name); err != nil {
		return err
	}
	spec, err := s.spec(d, named, cells)
	if err != nil {
		return err
	}
	rec, err := s.sc.Data.CreateSpec(ctx, d.Name(), spec)
	if err != nil {
		return err
	}
	remembered := withPaths(rec)
	s.sc.Remember(d.Name(), remembered)
	if name != "" {
		s.sc.Remember(name, remembered)
	}
	s.rememberMade(d, rec, spec.Records)
	return nil
}

// withPaths adds an associated record's fields under dotted names
// ("customer.name"), so {{order.customer.name}} reaches them.
func withPaths(rec factories.Attrs) factories.Attrs {
	out := factories.Attrs{}
	for k, v := range rec {
		out[k] = v
		if nested, ok := v.(factories.Attrs); ok {
			for nk, nv := range withPaths(nested) {
				out[k+"."+nk] = nv
			}
		}
	}
	return out
}

// wholeRecord is a cell that names a remembered record, not one of its values.
var wholeRecord = regexp.MustCompile(`^\s*\{\{\s*([^.{}]+?)\s*\}\}\s*$`)

// spec interpolates the cells; a {{NAME}} cell of an association gives it
// the remembered record itself.
func (s *step) spec(d *factories.Definition, traits []string, cells map[string]string) (factories.Spec, error) {
	spec := factories.Spec{Traits: traits, Overrides: map[string]string{}, Records: map[string]factories.Attrs{}}
	for k, v := range cells {
		if m := wholeRecord.FindStringSubmatch(v); m != nil && isAssociation(d, k) {
			rec, err := s.sc.Recall(m[1])
			if err != nil {
				return spec, fmt.Errorf("%s %s: %w", d.Name(), strings.TrimSpace(k), err)
			}
			spec.Records[strings.TrimSpace(k)] = rec
			continue
		}
		if err := s.text(&v); err != nil {
			return spec, err
		}
		spec.Overrides[k] = v
	}
	return spec, nil
}

func isAssociation(d *factories.Definition, key string) bool {
	for _, a := range d.Associations() {
		if strings.EqualFold(a.Name, strings.TrimSpace(key)) {
			return true
		}
	}
	return false
}

// rememberMade remembers the associated records a record's factory made
// (not those it was given) as their models' latest, all the way down.
func (s *step) rememberMade(d *factories.Definition, rec factories.Attrs, given map[string]factories.Attrs) {
	for _, a := range d.Associations() {
		made, ok := rec[a.Name].(factories.Attrs)
		if _, isGiven := given[a.Name]; !ok || isGiven {
			continue
		}
		ad, err := s.sc.Factories().Lookup(a.Model)
		if err != nil {
			continue
		}
		s.sc.Remember(ad.Name(), made)
		s.rememberMade(ad, made, nil)
	}
}
