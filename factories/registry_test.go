package factories

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/brianvoe/gofakeit/v6"
)

func TestLookup(t *testing.T) {
	r := newTestRegistry(t)
	cases := []struct {
		name    string
		reason  string
		input   string
		want    string // singular name of the definition found
		wantErr string
	}{
		{name: "singular", reason: "the defined name finds the model", input: "product", want: "product"},
		{name: "plural", reason: "'Given 3 products exist' uses the default plural", input: "products", want: "product"},
		{name: "irregular plural", reason: "Plural option replaces the default", input: "people", want: "person"},
		{name: "default plural not kept", reason: "an explicit plural replaces 'persons'", input: "persons",
			wantErr: `unknown model "persons"; known models: customer, order, person, product`},
		{name: "alias", reason: "Aliases add lookup names", input: "sweater", want: "product"},
		{name: "alias case", reason: "aliases are case-insensitive like names", input: "jumper", want: "product"},
		{name: "case and space", reason: "step text is typed by people", input: "  Products ", want: "product"},
		{name: "store name is not a lookup name", reason: "StoreAs only changes what the Store sees", input: "user",
			wantErr: `unknown model "user"; known models: customer, order, person, product`},
		{name: "typo", reason: "the error lists what exists so the typo is obvious", input: "prodcut",
			wantErr: `unknown model "prodcut"; known models: customer, order, person, product`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := r.Lookup(tc.input)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("%s\nLookup(%q) error mismatch (-want +got):\n-%s\n+%v", tc.reason, tc.input, tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s\nLookup(%q): unexpected error: %v", tc.reason, tc.input, err)
			}
			if d.Name() != tc.want {
				t.Errorf("%s\nLookup(%q) mismatch (-want +got):\n-%s\n+%s", tc.reason, tc.input, tc.want, d.Name())
			}
		})
	}
}

func TestLookupEmptyRegistry(t *testing.T) {
	_, err := NewRegistry().Lookup("product")
	want := `unknown model "product"; no models are defined`
	if err == nil || err.Error() != want {
		t.Errorf("an empty registry should say so rather than list nothing\nmismatch (-want +got):\n-%s\n+%v", want, err)
	}
}

func TestDefinitionAccessors(t *testing.T) {
	r := newTestRegistry(t)
	cases := []struct {
		model, reason            string
		plural, store            string
		aliases, attributes      []string
		attributesFromMapDefault bool
	}{
		{model: "product", reason: "json tags name the attributes, sorted", plural: "products", store: "product",
			aliases: []string{"sweater", "Jumper"}, attributes: []string{"colour", "name", "price", "size", "stock"}},
		{model: "customer", reason: "untagged exported fields use the Go name; unexported are skipped; StoreAs renames",
			plural: "customers", store: "user", attributes: []string{"Tags", "active", "email", "name"}},
		{model: "order", reason: "map models have no fixed attribute list", plural: "orders", store: "order"},
	}
	for _, tc := range cases {
		t.Run(tc.model, func(t *testing.T) {
			d, err := r.Lookup(tc.model)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{d.PluralName(), d.StoreName(), strings.Join(d.Aliases(), ","), strings.Join(d.Attributes(), ",")}
			want := []string{tc.plural, tc.store, strings.Join(tc.aliases, ","), strings.Join(tc.attributes, ",")}
			if !slices.Equal(got, want) {
				t.Errorf("%s\n[plural store aliases attributes] mismatch (-want +got):\n-%q\n+%q", tc.reason, want, got)
			}
		})
	}
	if got, want := r.Names(), []string{"customer", "order", "person", "product"}; !slices.Equal(got, want) {
		t.Errorf("Names should be sorted singular names\nmismatch (-want +got):\n-%q\n+%q", want, got)
	}
}

func TestPluralize(t *testing.T) {
	cases := []struct{ in, want, reason string }{
		{"product", "products", "regular nouns add s"},
		{"address", "addresses", "after s add es"},
		{"box", "boxes", "after x add es"},
		{"match", "matches", "after ch add es"},
		{"wish", "wishes", "after sh add es"},
		{"category", "categories", "consonant + y becomes ies"},
		{"key", "keys", "vowel + y just adds s"},
		{"Order Item", "Order Items", "multi-word names pluralise the last word and keep case"},
	}
	for _, tc := range cases {
		if got := pluralize(tc.in); got != tc.want {
			t.Errorf("%s\npluralize(%q) mismatch (-want +got):\n-%s\n+%s", tc.reason, tc.in, tc.want, got)
		}
	}
}

func TestDefineErrors(t *testing.T) {
	noop := func(f *gofakeit.Faker, seq int) product { return product{} }
	cases := []struct {
		name, reason, wantErr string
		define                func(r *Registry) error
	}{
		{
			name: "duplicate name", reason: "a second definition must not silently replace the first",
			define:  func(r *Registry) error { return Define(r, "Product", noop) },
			wantErr: `factories: defining "Product": name "Product" is already used by model "product"`,
		},
		{
			name: "plural collides", reason: "a plural equal to another model's name would make lookups ambiguous",
			define:  func(r *Registry) error { return Define(r, "widget", noop, Plural("people")) },
			wantErr: `factories: defining "widget": name "people" is already used by model "person"`,
		},
		{
			name: "alias collides", reason: "aliases share the lookup namespace",
			define:  func(r *Registry) error { return Define(r, "garment", noop, Aliases("sweater")) },
			wantErr: `factories: defining "garment": name "sweater" is already used by model "product"`,
		},
		{
			name: "not a struct", reason: "attribute names come from struct json tags",
			define: func(r *Registry) error {
				return Define(r, "count", func(f *gofakeit.Faker, seq int) int { return seq })
			},
			wantErr: `factories: defining "count": type int is not a struct`,
		},
		{
			name: "nil defaults", reason: "fail at suite start, not mid-scenario",
			define:  func(r *Registry) error { return DefineMap(r, "thing", nil) },
			wantErr: `factories: defining "thing": defaults function is nil`,
		},
		{
			name: "empty name", reason: "no step could name it",
			define:  func(r *Registry) error { return Define(r, "  ", noop) },
			wantErr: `factories: model name is empty`,
		},
		{
			name: "empty alias", reason: "an empty alias is a typo in the suite setup",
			define:  func(r *Registry) error { return Define(r, "widget", noop, Aliases("")) },
			wantErr: `factories: defining "widget": empty alias`,
		},
		{
			name: "trait twice", reason: "which one a step meant would be a guess",
			define: func(r *Registry) error {
				return Define(r, "widget", noop, Trait("sold out", nil), Trait("Sold  Out", nil))
			},
			wantErr: `factories: defining "widget": trait "Sold  Out" is already a trait`,
		},
		{
			name: "transient named like an association", reason: "a cell could not say which it sets",
			define: func(r *Registry) error {
				return Define(r, "widget", noop, Association("maker", "person", nil), Transient("maker", ""))
			},
			wantErr: `factories: defining "widget": transient attribute "maker" is already an association`,
		},
		{
			name: "transient named like an attribute", reason: "a cell could not say which it sets",
			define:  func(r *Registry) error { return Define(r, "widget", noop, Transient("stock", "1")) },
			wantErr: `factories: defining "widget": transient attribute "stock" has the name of an attribute`,
		},
		{
			name: "association key not an attribute", reason: "the copied id would have nowhere to go",
			define: func(r *Registry) error {
				return Define(r, "widget", noop, Association("maker", "person", map[string]string{"maker_id": "id"}))
			},
			wantErr: `factories: defining "widget": association "maker" uses "maker_id", which is not an attribute; attributes: colour, name, price, size, stock`,
		},
		{
			name: "association without a model", reason: "nothing could be made",
			define:  func(r *Registry) error { return Define(r, "widget", noop, Association("maker", " ", nil)) },
			wantErr: `factories: defining "widget": association "maker" names no model`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newTestRegistry(t)
			err := tc.define(r)
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("%s\nerror mismatch (-want +got):\n-%s\n+%v", tc.reason, tc.wantErr, err)
			}
			if got, want := len(r.Names()), 4; got != want {
				t.Errorf("a failed Define must register nothing: %d models, want %d", got, want)
			}
		})
	}
}

func TestEmbeddedJSONFields(t *testing.T) {
	type Base struct {
		ID    int    `json:"id"`
		Label string `json:"label"`
	}
	type Audit struct {
		Label string `json:"label"`
		By    string `json:"by"`
	}
	type widget struct {
		*Base
		Audit
		Label   string `json:"label"`
		Skipped string `json:"-"`
		Note    string `json:"note,omitempty"`
	}
	got := sortedKeys(jsonFields(reflect.TypeFor[widget]()))
	want := []string{"by", "id", "label", "note"}
	if !slices.Equal(got, want) {
		t.Errorf("embedded fields flatten, outer fields shadow, json:\"-\" is skipped, omitempty kept\nmismatch (-want +got):\n-%q\n+%q", want, got)
	}
}
