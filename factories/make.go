package factories

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Spec says what to make beyond a model's defaults.
type Spec struct {
	// Traits to apply, in order (later ones win).
	Traits []string
	// Overrides are table cells keyed by attribute, transient attribute or
	// "association.attribute". The key "traits" (or "trait") lists more
	// traits, comma or "and" separated, unless the model has such an attribute.
	Overrides map[string]string
	// Records gives associated records to use as they are, by association name.
	Records map[string]Attrs
}

// Record is what a hook works on: one record of Model being made.
type Record struct {
	// Model is the name of the factory the record is made by.
	Model string
	// Attrs is the record as it will be (AfterBuild) or was (AfterCreate) stored.
	Attrs Attrs
	// Associated holds the associated records, by association name.
	Associated map[string]Attrs

	transient map[string]string
	session   *Session
}

// Transient returns a transient attribute's value as its cell was written.
func (r *Record) Transient(name string) string { return r.transient[name] }

// TransientInt returns a transient attribute as a whole number, with an
// error that says what was given.
func (r *Record) TransientInt(name string) (int, error) {
	raw := r.transient[name]
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil {
		return 0, fmt.Errorf("transient attribute %q: cannot convert %q to int, e.g. 3", name, raw)
	}
	return n, nil
}

// Session is the session making the record, for hooks that make more.
func (r *Record) Session() *Session { return r.session }

// plan is a Spec resolved against one definition.
type plan struct {
	attrs     map[string]string            // attribute overrides
	transient map[string]string            // every transient attribute's value
	nested    map[string]map[string]string // association name → its overrides
	records   map[string]Attrs             // association name → given record
	hooks     []func(*Record) error        // the traits' after-build hooks
}

// plan merges the traits' overrides with the spec's and sorts every key
// into attribute, transient or association.
func (d *Definition) plan(spec Spec) (*plan, error) {
	if d.schemaless {
		return d.schemalessPlan(spec)
	}
	overrides, listed, err := d.tableTraits(spec.Overrides)
	if err != nil {
		return nil, err
	}
	p := &plan{attrs: map[string]string{}, transient: map[string]string{},
		nested: map[string]map[string]string{}, records: map[string]Attrs{}}
	// Merged by normalised key, so a table's "Colour" replaces a trait's "colour".
	type cell struct{ key, value string }
	merged := map[string]cell{}
	for _, name := range append(slices.Clone(spec.Traits), listed...) {
		t, ok := d.trait(name)
		if !ok {
			return nil, d.unknownTrait(name)
		}
		for k, v := range t.overrides {
			merged[normalize(k)] = cell{k, v}
		}
		if t.afterBuild != nil {
			p.hooks = append(p.hooks, t.afterBuild)
		}
	}
	for k, v := range overrides {
		merged[normalize(k)] = cell{strings.TrimSpace(k), v}
	}
	for _, t := range d.transients {
		p.transient[t.name] = t.def
	}
	// In key order, so that of several mistakes the same one is reported.
	for _, k := range sortedKeys(merged) {
		if err := d.place(p, merged[k].key, merged[k].value); err != nil {
			return nil, err
		}
	}
	for _, name := range sortedKeys(spec.Records) {
		a, ok := d.association(name)
		if !ok {
			return nil, d.unknownAssociation(name)
		}
		p.records[a.name] = spec.Records[name]
	}
	return p, nil
}

// tableTraits takes a "traits" (or "trait") cell out of overrides, unless
// the model has an attribute of that name, and reads the traits it lists.
func (d *Definition) tableTraits(overrides map[string]string) (map[string]string, []string, error) {
	rest := maps.Clone(overrides)
	var traits []string
	for _, key := range sortedKeys(overrides) {
		plain := normalize(key)
		if (plain != "traits" && plain != "trait") || slices.Contains(d.attributes, strings.TrimSpace(key)) {
			continue
		}
		delete(rest, key)
		if strings.TrimSpace(overrides[key]) == "" {
			continue
		}
		listed, err := d.ParseTraits(overrides[key])
		if err != nil {
			return nil, nil, err
		}
		traits = append(traits, listed...)
	}
	return rest, traits, nil
}

// place puts one override where it belongs in p.
func (d *Definition) place(p *plan, key, value string) error {
	if prefix, rest, ok := strings.Cut(key, "."); ok {
		a, found := d.association(prefix)
		if !found {
			return d.unknownAssociation(prefix)
		}
		if p.nested[a.name] == nil {
			p.nested[a.name] = map[string]string{}
		}
		p.nested[a.name][rest] = value
		return nil
	}
	for _, t := range d.transients {
		if normalize(t.name) == normalize(key) {
			p.transient[t.name] = value
			return nil
		}
	}
	if a, ok := d.association(key); ok {
		return fmt.Errorf("%s %q is an association: give a remembered record (| %s | {{NAME}} |) or the new one's attributes (| %s.ATTRIBUTE | VALUE |)", d.name, a.name, a.name, a.name)
	}
	p.attrs[key] = value
	return nil
}

func (d *Definition) association(name string) (association, bool) {
	for _, a := range d.associations {
		if normalize(a.name) == normalize(name) {
			return a, true
		}
	}
	return association{}, false
}

func (d *Definition) unknownAssociation(name string) error {
	if len(d.associations) == 0 {
		return fmt.Errorf("%s has no association %q; it has no associations", d.name, name)
	}
	names := make([]string, len(d.associations))
	for i, a := range d.associations {
		names[i] = a.name
	}
	return fmt.Errorf("%s has no association %q; associations: %s", d.name, name, strings.Join(names, ", "))
}

// make builds a record of d, with its associations, and stores both when
// persist is set. path is the chain of models being made, to refuse cycles.
func (s *Session) make(ctx context.Context, d *Definition, spec Spec, persist bool, path []string) (Attrs, error) {
	if persist && s.store == nil {
		return nil, fmt.Errorf("factories: session has no Store; cannot create %s", d.name)
	}
	path = append(slices.Clone(path), d.name)
	p, err := d.plan(spec)
	if err != nil {
		return nil, err
	}
	related, err := s.makeAssociations(ctx, d, p, persist, path)
	if err != nil {
		return nil, err
	}
	attrs, err := s.buildAttrs(d, p.attrs)
	if err != nil {
		return nil, err
	}
	rec := &Record{Model: d.name, Attrs: attrs, Associated: related, transient: p.transient, session: s}
	for _, hook := range append(slices.Clone(d.afterBuild), p.hooks...) {
		if err := hook(rec); err != nil {
			return nil, fmt.Errorf("%s after build: %w", d.name, err)
		}
	}
	// Hooks may set Go values (an int); stores and steps see JSON's. A
	// schema-less record has no hooks, and goes out with its numbers' digits
	// as written (json.Number); what comes back is made JSON's below.
	if !d.schemaless {
		if rec.Attrs, err = toAttrs(rec.Attrs); err != nil {
			return nil, fmt.Errorf("%s after build: %w", d.name, err)
		}
	}
	if persist {
		if err := s.persist(ctx, d, rec); err != nil {
			return nil, err
		}
	}
	if d.schemaless {
		if rec.Attrs, err = toAttrs(rec.Attrs); err != nil {
			return nil, fmt.Errorf("%s: %w", d.name, err)
		}
	}
	out := maps.Clone(rec.Attrs)
	for name, a := range related {
		out[name] = a
	}
	return out, nil
}

// makeAssociations makes (or takes as given) each associated record and
// copies its keys into p's overrides.
func (s *Session) makeAssociations(ctx context.Context, d *Definition, p *plan, persist bool, path []string) (map[string]Attrs, error) {
	related := map[string]Attrs{}
	for _, a := range d.associations {
		rec, given := p.records[a.name]
		nested := p.nested[a.name]
		if !given {
			if other, ok := a.givenOtherwise(p.attrs); ok {
				if len(nested) > 0 {
					return nil, fmt.Errorf("%s: %s.%s is for a new %s, but %s already names one; give one or the other", d.name, a.name, sortedKeys(nested)[0], a.name, other)
				}
				continue
			}
			var err error
			if rec, err = s.makeAssociated(ctx, d, a, nested, persist, path); err != nil {
				return nil, err
			}
		} else if len(nested) > 0 {
			return nil, fmt.Errorf("%s: %s is given as a remembered record, so %s.%s cannot shape it; give one or the other", d.name, a.name, a.name, sortedKeys(nested)[0])
		}
		related[a.name] = rec
		for attr, field := range a.keys {
			if v, ok := rec[field]; ok && v != nil {
				p.attrs[attr] = cellOf(v)
			}
		}
	}
	return related, nil
}

func (s *Session) makeAssociated(ctx context.Context, d *Definition, a association, nested map[string]string, persist bool, path []string) (Attrs, error) {
	ad, err := s.reg.Lookup(a.model)
	if err != nil {
		return nil, fmt.Errorf("%s's association %q: %w", d.name, a.name, err)
	}
	if slices.Contains(path, ad.name) {
		return nil, fmt.Errorf("association cycle: %s → %s; give one of them as a remembered record (| %s | {{NAME}} |)", strings.Join(path, " → "), ad.name, a.name)
	}
	rec, err := s.make(ctx, ad, Spec{Overrides: nested}, persist, path)
	if err != nil {
		return nil, fmt.Errorf("%s's %s: %w", d.name, a.name, err)
	}
	return rec, nil
}

// givenOtherwise reports the first key or instead attribute that overrides
// already set, which means the association is not to be made.
func (a association) givenOtherwise(overrides map[string]string) (string, bool) {
	for _, name := range append(sortedKeys(a.keys), a.instead...) {
		for k := range overrides {
			if strings.EqualFold(strings.TrimSpace(k), name) {
				return name, true
			}
		}
	}
	return "", false
}

// buildAttrs takes the next sequence number and builds the attributes. The
// lock keeps one record's faker draws contiguous.
func (s *Session) buildAttrs(d *Definition, overrides map[string]string) (Attrs, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var seq int
	if d.runSeq != nil {
		seq = int(d.runSeq.Add(1))
	} else {
		s.seqs[d]++
		seq = s.seqs[d]
	}
	return d.build(s.faker, seq, overrides)
}

// persist stores rec and merges the store's answer over it, so
// server-assigned values (id, timestamps, normalised fields) win.
func (s *Session) persist(ctx context.Context, d *Definition, rec *Record) error {
	// The store gets its own copy so it cannot alias what we return.
	stored, err := s.store.Create(ctx, d.storeName, maps.Clone(rec.Attrs))
	if err != nil {
		// Stores name the model and request themselves (see HTTPStore).
		return s.reg.explain(d, err)
	}
	maps.Copy(rec.Attrs, stored)
	for _, hook := range d.afterCreate {
		if err := hook(ctx, rec); err != nil {
			return fmt.Errorf("%s after create: %w", d.name, err)
		}
	}
	return nil
}

// cellOf writes a JSON value back as a table cell, the form overrides take.
func cellOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
