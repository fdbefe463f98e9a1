package factories

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// trait is a named set of overrides, written as table cells so that a trait
// can set attributes, transient attributes and nested association attributes
// ("customer.name") exactly as a step's table can.
type trait struct {
	name       string
	overrides  map[string]string
	afterBuild func(*Record) error
}

// association is a record this model makes (or is given) before itself.
type association struct {
	name  string            // how overrides and the built record refer to it
	model string            // the associated model's name
	keys  map[string]string // this model's attribute ← the associated record's field
	// instead lists attributes that name the associated record another way
	// (customer_email): when one is given, nothing is made.
	instead []string
}

type transient struct{ name, def string }

// Trait defines a named set of overrides ("delivered": status delivered),
// applied by name before the step's own overrides, in the order named. Later
// traits win over earlier ones, and the step's own overrides win over all.
// afterBuild, if given, runs after the record is built, for what a fixed
// value cannot say ("discounted": 20% off whatever the price is).
func Trait(name string, overrides map[string]string, afterBuild ...func(*Record) error) Option {
	return func(o *options) {
		t := trait{name: strings.TrimSpace(name), overrides: maps.Clone(overrides)}
		if len(afterBuild) > 0 {
			fns := afterBuild
			t.afterBuild = func(r *Record) error {
				for _, fn := range fns {
					if err := fn(r); err != nil {
						return err
					}
				}
				return nil
			}
		}
		o.traits = append(o.traits, t)
	}
}

// Association says that a record of this model needs a record of model,
// made first unless given. keys copies fields of the associated record into
// this one ({"customer_id": "id"}). With the build strategy the associated
// record is only built, so fields only the store assigns (id) are not copied.
// instead names attributes that identify the associated record otherwise
// (customer_email): an override of one of them, or of a key, means the
// association is not made.
//
// A step gives the associated record by reference (| customer | {{alice}} |)
// or shapes a new one with nested overrides (| customer.name | Alice |).
// The built record carries the associated one under name.
func Association(name, model string, keys map[string]string, instead ...string) Option {
	return func(o *options) {
		o.associations = append(o.associations, association{
			name: strings.TrimSpace(name), model: strings.TrimSpace(model),
			keys: maps.Clone(keys), instead: slices.Clone(instead),
		})
	}
}

// Transient declares an attribute that shapes the record without being
// stored (an order's item_count): steps and traits may set it like any
// attribute, and hooks read it with Record.Transient. def is its value when
// not given, written as a table cell.
func Transient(name, def string) Option {
	return func(o *options) { o.transients = append(o.transients, transient{strings.TrimSpace(name), def}) }
}

// AfterBuild adds a hook run on every record of the model once it is built
// (for both strategies), before it is stored. It may change r.Attrs.
func AfterBuild(fn func(r *Record) error) Option {
	return func(o *options) { o.afterBuild = append(o.afterBuild, fn) }
}

// AfterCreate adds a hook run once the record is stored, with the store's
// answer in r.Attrs; it may make more records through r.Session.
func AfterCreate(fn func(ctx context.Context, r *Record) error) Option {
	return func(o *options) { o.afterCreate = append(o.afterCreate, fn) }
}

// PerRunSequence makes the model's sequence number count across every
// session of the Registry (the whole run) instead of per scenario, for
// values that must be unique in an app that is not reset between scenarios.
// It is safe under concurrent sessions. It does not draw from the faker, so
// the rest of a record still replays from the seed; the number itself
// depends on how many records the run made before, so a replay numbers anew.
func PerRunSequence() Option {
	return func(o *options) { o.perRun = true }
}

// checkOptions refuses definitions a step could never use sensibly.
func (d *Definition) checkOptions() error {
	seen := map[string]string{}
	claim := func(kind, name string) error {
		if name == "" {
			return fmt.Errorf("factories: defining %q: a %s has an empty name", d.name, kind)
		}
		key := normalize(name)
		if prev, ok := seen[key]; ok {
			article := "a"
			if strings.ContainsRune("aeiou", rune(prev[0])) {
				article = "an"
			}
			return fmt.Errorf("factories: defining %q: %s %q is already %s %s", d.name, kind, name, article, prev)
		}
		seen[key] = kind
		return nil
	}
	for _, t := range d.traits {
		if err := claim("trait", t.name); err != nil {
			return err
		}
	}
	seen = map[string]string{} // traits have their own namespace; the rest share the overrides'
	for _, a := range d.associations {
		if err := claim("association", a.name); err != nil {
			return err
		}
		if a.model == "" {
			return fmt.Errorf("factories: defining %q: association %q names no model", d.name, a.name)
		}
	}
	for _, t := range d.transients {
		if err := claim("transient attribute", t.name); err != nil {
			return err
		}
	}
	d.names = seen
	return nil
}

// checkNames refuses associations and transients named like a typed model's
// attributes (an override could not say which it means), and associations
// whose keys are not attributes (the copied id would have nowhere to go).
func (d *Definition) checkNames() error {
	for _, a := range d.attributes {
		if kind, ok := d.names[normalize(a)]; ok {
			return fmt.Errorf("factories: defining %q: %s %q has the name of an attribute", d.name, kind, a)
		}
	}
	for _, a := range d.associations {
		for _, attr := range append(sortedKeys(a.keys), a.instead...) {
			if !slices.Contains(d.attributes, attr) {
				return fmt.Errorf("factories: defining %q: association %q uses %q, which is not an attribute; attributes: %s", d.name, a.name, attr, strings.Join(d.attributes, ", "))
			}
		}
	}
	return nil
}

// Traits returns the model's trait names, in definition order.
func (d *Definition) Traits() []string {
	out := make([]string, len(d.traits))
	for i, t := range d.traits {
		out[i] = t.name
	}
	return out
}

// AssociationInfo describes one association, for steps that remember the
// associated records a record was made with.
type AssociationInfo struct {
	Name  string // the attribute the associated record goes in
	Model string // the model it is made from
}

// Associations returns the model's associations, in definition order.
func (d *Definition) Associations() []AssociationInfo {
	out := make([]AssociationInfo, len(d.associations))
	for i, a := range d.associations {
		out[i] = AssociationInfo{a.name, a.model}
	}
	return out
}

// Transients returns the names of the model's transient attributes.
func (d *Definition) Transients() []string {
	out := make([]string, len(d.transients))
	for i, t := range d.transients {
		out[i] = t.name
	}
	return out
}

func (d *Definition) trait(name string) (trait, bool) {
	for _, t := range d.traits {
		if normalize(t.name) == normalize(name) {
			return t, true
		}
	}
	return trait{}, false
}

func (d *Definition) unknownTrait(name string) error {
	if len(d.traits) == 0 {
		return fmt.Errorf("%s has no trait %q; it has no traits", d.name, name)
	}
	return fmt.Errorf("%s has no trait %q; traits: %s", d.name, name, strings.Join(d.Traits(), ", "))
}
