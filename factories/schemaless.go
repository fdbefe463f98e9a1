package factories

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/brianvoe/gofakeit/v6"
)

// A model not defined in Go is schema-less: it has no defaults, traits,
// associations or sequences, and a record of it is exactly the attributes a
// step gives, each table cell typed by CellValue. The app (through the
// Store) makes the rest, and what it answers is the record. This is what lets
// a team whose app is not written in Go use the factory steps without a line
// of Go.

// model finds the definition a step or a Session means by name: the Go model
// of that name, or else the schema-less model of that name.
func (r *Registry) model(name string) *Definition {
	if d, err := r.Lookup(name); err == nil {
		return d
	}
	return r.schemaless(name)
}

// schemaless returns the schema-less model called name (case folded, spaces
// collapsed), the same *Definition every time, so a session's per-model
// state has one key per model.
func (r *Registry) schemaless(name string) *Definition {
	key := normalize(name)
	r.mu.Lock()
	defer r.mu.Unlock()
	if d, ok := r.implicit[key]; ok {
		return d
	}
	d := &Definition{name: key, plural: pluralize(key), storeName: key, schemaless: true}
	d.build = func(_ *gofakeit.Faker, _ int, cells map[string]string) (Attrs, error) {
		attrs := Attrs{}
		for k, v := range cells {
			attrs[strings.TrimSpace(k)] = CellValue(v)
		}
		return attrs, nil
	}
	if r.implicit == nil {
		r.implicit = map[string]*Definition{}
	}
	r.implicit[key] = d
	return d
}

// Schemaless reports whether the model is not defined in Go: its records are
// the attributes given, typed by CellValue, and whatever the app adds.
func (d *Definition) Schemaless() bool { return d.schemaless }

// CellValue is how a table cell is sent for a model not defined in Go: a cell
// that is a JSON value is that value (42, 9.99, true, false, null, ["a", "b"],
// {"city": "Oslo"}, and "42", the way to send the string 42); any other cell
// is a string, as written ("Ann", "", "007", "True"). Numbers keep their
// digits exactly (a json.Number), however long.
func CellValue(cell string) any {
	trimmed := strings.TrimSpace(cell)
	if trimmed == "" || !json.Valid([]byte(trimmed)) {
		return cell
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(trimmed)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return cell // json.Valid said otherwise; keep the text rather than lose it
	}
	return v
}

// singular is the model a plural step ("Given 3 users exist") means, when
// it is not defined in Go: the last word loses its regular English plural
// ending. users → user, categories → category, boxes → box, matches →
// match, dishes → dish, addresses → address, buzzes → buzz, courses →
// course; a word ending in ss, us or is, or not in s at all, is already
// singular as far as these rules know (class, status, analysis, people).
func singular(phrase string) string {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return phrase
	}
	last := words[len(words)-1]
	lower := strings.ToLower(last)
	has := func(suffix string) bool { return strings.HasSuffix(lower, suffix) && len(lower) > len(suffix) }
	switch {
	case has("ies"):
		last = last[:len(last)-3] + "y"
	case has("sses"), has("xes"), has("ches"), has("shes"), has("zzes"):
		last = last[:len(last)-2]
	case has("ss"), has("us"), has("is"), !has("s"):
	default:
		last = last[:len(last)-1]
	}
	words[len(words)-1] = last
	return strings.Join(words, " ")
}

// schemalessTraits is the error for traits named on a schema-less model.
func (d *Definition) schemalessTraits(traits string) error {
	return fmt.Errorf("%s is not a model defined in Go, so it has no traits (%q): give its attributes in a table instead, or define it in Go with factories.Trait", d.name, traits)
}

// schemalessPlan takes a step's cells as the attributes, as written: a
// schema-less model has no traits, associations or transient attributes to
// sort them into, so "traits" and "customer.name" are attributes like any.
func (d *Definition) schemalessPlan(spec Spec) (*plan, error) {
	if len(spec.Traits) > 0 {
		return nil, d.schemalessTraits(strings.Join(spec.Traits, ", "))
	}
	for name := range spec.Records {
		return nil, fmt.Errorf("%s is not a model defined in Go, so it has no association %q to give a record: give a field of the remembered record instead, e.g. | %s_id | {{NAME.id}} |", d.name, name, name)
	}
	p := &plan{attrs: map[string]string{}, transient: map[string]string{},
		nested: map[string]map[string]string{}, records: map[string]Attrs{}}
	for k, v := range spec.Overrides {
		p.attrs[strings.TrimSpace(k)] = v
	}
	return p, nil
}

// explain adds to a store's error what a schema-less model's author needs:
// the app was asked for a model Romaine knows nothing of, and if the app
// does not know it either (404, 405), which models Go does define, in case
// the name is a misspelling of one.
func (r *Registry) explain(d *Definition, err error) error {
	if !d.schemaless {
		return err
	}
	var refused *RefusedError
	if !errors.As(err, &refused) || (refused.Status != http.StatusNotFound && refused.Status != http.StatusMethodNotAllowed) {
		return err
	}
	msg := fmt.Sprintf("%v\n%q is not a model defined in Go, so its attributes were sent as written: the app must create a %s at that address, or %s must name where it does", err, d.name, d.name, refused.PathSetting)
	if known := r.Names(); len(known) > 0 {
		msg += fmt.Sprintf(" (or is the name misspelt? models defined in Go: %s)", strings.Join(known, ", "))
	}
	return &explained{msg: msg, err: err}
}

// explained is an error with more said, that still unwraps to the original.
type explained struct {
	msg string
	err error
}

func (e *explained) Error() string { return e.msg }
func (e *explained) Unwrap() error { return e.err }
