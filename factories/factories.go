// Package factories makes the test data behind Gherkin Given steps such as
// "Given a product exists with:" or "Given 3 products exist".
//
// A Registry is filled with model definitions once, at suite start. Each
// scenario then opens its own Session, which owns a seeded faker and the
// per-model sequence counters, so scenarios running concurrently never share
// mutable state and a failing scenario can be replayed from its Seed.
//
// Options of Define add what FactoryBot users reach for: Trait (named sets
// of overrides, combinable), Association (records made, or given, first),
// Transient attributes, AfterBuild and AfterCreate hooks, and
// PerRunSequence. A Session stores records through a Store: HTTPStore (an
// app's test endpoint), SQLStore (database/sql) or a StoreFunc.
package factories

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/brianvoe/gofakeit/v6"
)

// Attrs is one record's attributes, as JSON-ish values (string, float64/int,
// bool, nil, nested). Everything Build returns has been through encoding/json,
// so numbers are float64 and nested values are map[string]any or []any.
type Attrs map[string]any

// Option adjusts a definition at Define time.
type Option func(*options)

// options is kept separate from Definition so that an Option cannot reach a
// registered (and therefore shared) definition after Define returns.
type options struct {
	plural       string
	aliases      []string
	storeName    string
	perRun       bool
	traits       []trait
	associations []association
	transients   []transient
	afterBuild   []func(*Record) error
	afterCreate  []func(context.Context, *Record) error
}

// Plural sets the plural name used in steps ("Given 3 people exist"), for
// nouns the default English rules get wrong.
func Plural(plural string) Option {
	return func(o *options) { o.plural = plural }
}

// Aliases adds other names steps may use for the model ("sweater" for a
// product). Plural forms of aliases are not derived; list them explicitly.
func Aliases(names ...string) Option {
	return func(o *options) { o.aliases = append(o.aliases, names...) }
}

// StoreAs sets the model name sent to the Store, for when the application's
// name differs from the one used in the feature files ("customer" for "user").
func StoreAs(model string) Option {
	return func(o *options) { o.storeName = model }
}

// Definition is a registered model. It is immutable once registered, which is
// what lets concurrent sessions share it without locking (the per-run
// sequence counter is atomic).
type Definition struct {
	name       string
	plural     string
	aliases    []string
	storeName  string
	attributes []string // sorted; nil for DefineMap models, whose keys vary per build

	traits       []trait
	associations []association
	transients   []transient
	afterBuild   []func(*Record) error
	afterCreate  []func(context.Context, *Record) error
	runSeq       *atomic.Int64     // non-nil when sequences count per run (PerRunSequence)
	names        map[string]string // normalised association and transient names → which kind
	schemaless   bool              // not defined in Go: the attributes given, typed by CellValue

	// build makes one record's attributes from the defaults and the raw
	// overrides. It is the only per-kind behaviour (typed, map, schema-less).
	build func(f *gofakeit.Faker, seq int, overrides map[string]string) (Attrs, error)
}

// Name is the model's singular name as defined.
func (d *Definition) Name() string { return d.name }

// PluralName is the plural used to look the model up.
func (d *Definition) PluralName() string { return d.plural }

// Aliases returns the model's extra lookup names.
func (d *Definition) Aliases() []string { return slices.Clone(d.aliases) }

// StoreName is the model name passed to Store.Create.
func (d *Definition) StoreName() string { return d.storeName }

// Attributes returns the sorted attribute names of a Define model, or nil for
// a DefineMap model (its attributes are whatever its defaults return).
func (d *Definition) Attributes() []string { return slices.Clone(d.attributes) }

// Registry holds model definitions. It is filled once at suite start and then
// only read; the lock makes a late Define safe rather than a data race.
type Registry struct {
	mu       sync.RWMutex
	defs     []*Definition          // in definition order
	names    map[string]*Definition // normalised singular, plural and alias names
	implicit map[string]*Definition // schema-less models met so far, by normalised name
}

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry {
	return &Registry{names: map[string]*Definition{}}
}

// Define registers a typed model. T must be a struct; its json tags give the
// attribute names. defaults builds a fresh T with fake data from f, and seq is
// this model's 1-based sequence number in the session (for unique values).
func Define[T any](r *Registry, name string, defaults func(f *gofakeit.Faker, seq int) T, opts ...Option) error {
	if defaults == nil {
		return fmt.Errorf("factories: defining %q: defaults function is nil", name)
	}
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return fmt.Errorf("factories: defining %q: type %s is not a struct", name, t)
	}
	fields := jsonFields(t)
	d, err := newDefinition(name, opts)
	if err != nil {
		return err
	}
	d.attributes = sortedKeys(fields)
	if err := d.checkNames(); err != nil {
		return err
	}
	d.build = typedBuilder(d, fields, defaults)
	return r.add(d)
}

// DefineMap registers an untyped model whose defaults are an Attrs, for
// users without a Go struct. Overrides of keys the defaults contain are
// converted to the default's type; other keys pass through as strings.
func DefineMap(r *Registry, name string, defaults func(f *gofakeit.Faker, seq int) Attrs, opts ...Option) error {
	if defaults == nil {
		return fmt.Errorf("factories: defining %q: defaults function is nil", name)
	}
	d, err := newDefinition(name, opts)
	if err != nil {
		return err
	}
	d.build = mapBuilder(d, defaults)
	return r.add(d)
}

func newDefinition(name string, opts []Option) (*Definition, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, errors.New("factories: model name is empty")
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	d := &Definition{
		name:         name,
		plural:       strings.TrimSpace(o.plural),
		storeName:    strings.TrimSpace(o.storeName),
		traits:       o.traits,
		associations: o.associations,
		transients:   o.transients,
		afterBuild:   o.afterBuild,
		afterCreate:  o.afterCreate,
	}
	if o.perRun {
		d.runSeq = new(atomic.Int64)
	}
	if d.plural == "" {
		d.plural = pluralize(name)
	}
	if d.storeName == "" {
		d.storeName = name
	}
	for _, a := range o.aliases {
		a = strings.TrimSpace(a)
		if a == "" {
			return nil, fmt.Errorf("factories: defining %q: empty alias", name)
		}
		d.aliases = append(d.aliases, a)
	}
	if err := d.checkOptions(); err != nil {
		return nil, err
	}
	return d, nil
}

// add registers every lookup name of d, refusing any name already taken so
// that a step can never silently resolve to the wrong model.
func (r *Registry) add(d *Definition) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	keys := append([]string{d.name, d.plural}, d.aliases...)
	for _, k := range keys {
		if other, ok := r.names[normalize(k)]; ok {
			return fmt.Errorf("factories: defining %q: name %q is already used by model %q", d.name, k, other.name)
		}
	}
	for _, k := range keys {
		r.names[normalize(k)] = d
	}
	r.defs = append(r.defs, d)
	return nil
}

// Lookup finds a model defined in Go by singular, plural or alias name,
// ignoring case and surrounding space (step text is typed by people). The
// factory steps and a Session also make models not defined in Go (see
// CellValue); Lookup is for asking whether one is.
func (r *Registry) Lookup(name string) (*Definition, error) {
	r.mu.RLock()
	d, ok := r.names[normalize(name)]
	r.mu.RUnlock()
	if ok {
		return d, nil
	}
	known := r.Names()
	if len(known) == 0 {
		return nil, fmt.Errorf("unknown model %q; no models are defined", name)
	}
	return nil, fmt.Errorf("unknown model %q; known models: %s", name, strings.Join(known, ", "))
}

// Names returns the sorted singular names of all defined models.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.defs))
	for _, d := range r.defs {
		names = append(names, d.name)
	}
	slices.Sort(names)
	return names
}

// normalize folds case and collapses runs of space, so "Order  Item" in a
// step finds "order item".
func normalize(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// pluralize applies the regular English rules; irregular nouns use Plural.
func pluralize(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return name + "es"
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		// "category" → "categories", but "key" → "keys".
		return name[:len(name)-1] + "ies"
	default:
		return name + "s"
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
