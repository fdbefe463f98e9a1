package factories

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the current output")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update ./factories/ to create it)", err, t.Name())
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s changed (-golden +got); if intended, rerun with -update:\n%s", path, d)
	}
}

// TestErrorMessages pins every error a feature writer can meet, word for
// word: each must say what was wrong and what would be right.
func TestErrorMessages(t *testing.T) {
	r := newShopRegistry(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A model whose association names no defined model, and two in a cycle.
	must(Define(r, "review", func(*gofakeit.Faker, int) shopCustomer { return shopCustomer{} },
		Association("author", "writer", map[string]string{"name": "name"})))
	must(DefineMap(r, "egg", func(*gofakeit.Faker, int) Attrs { return Attrs{} }, Association("hen", "hen", nil)))
	must(DefineMap(r, "hen", func(*gofakeit.Faker, int) Attrs { return Attrs{} }, Association("egg", "egg", nil)))

	build := func(model string, spec Spec) func() error {
		return func() error { _, err := r.NewSession(1, nil).BuildSpec(model, spec); return err }
	}
	resolve := func(phrase string) func() error {
		return func() error { _, _, err := r.Resolve(phrase); return err }
	}
	cases := []struct {
		name string
		run  func() error
	}{
		{"traits of a model not defined in Go", build("invoice", Spec{Traits: []string{"paid"}})},
		{"traits after that is, on a model not defined in Go", func() error {
			d, _, err := r.Resolve("invoice")
			if err == nil {
				_, err = d.ParseTraits("paid and sent")
			}
			return err
		}},
		{"an association's record for a model not defined in Go", build("invoice", Spec{Records: map[string]Attrs{"customer": {"id": 1.0}}})},
		{"unknown attribute", build("product", Spec{Overrides: map[string]string{"colr": "black"}})},
		{"unknown attribute of a model with everything", build("order", Spec{Overrides: map[string]string{"state": "x"}})},
		{"bad int", build("product", Spec{Overrides: map[string]string{"stock": "lots"}})},
		{"bad float", build("product", Spec{Overrides: map[string]string{"price": "cheap"}})},
		{"bad JSON list", build("order", Spec{Overrides: map[string]string{"lines": "one, two"}})},
		{"bad transient", build("order", Spec{Overrides: map[string]string{"item_count": "many"}})},
		{"unknown trait", build("order", Spec{Traits: []string{"shipped"}})},
		{"unknown trait in a phrase", resolve("shipped order")},
		{"unknown trait in a table", build("order", Spec{Overrides: map[string]string{"traits": "delivered and lost"}})},
		{"trait of a model without traits", build("customer", Spec{Traits: []string{"vip"}})},
		{"unknown association in a nested override", build("order", Spec{Overrides: map[string]string{"buyer.name": "Ann"}})},
		{"unknown association given a record", build("order", Spec{Records: map[string]Attrs{"buyer": {}}})},
		{"association given a plain value", build("order", Spec{Overrides: map[string]string{"customer": "Alice"}})},
		{"nested override and a record", build("order", Spec{Records: map[string]Attrs{"customer": {"id": 1.0}}, Overrides: map[string]string{"customer.name": "Ann"}})},
		{"nested override and another key", build("order", Spec{Overrides: map[string]string{"customer_email": "a@example.test", "customer.name": "Ann"}})},
		{"bad nested override", build("order", Spec{Overrides: map[string]string{"product.stock": "some"}})},
		{"missing association model", build("review", Spec{})},
		{"association cycle", build("egg", Spec{})},
		{"no store", func() error { _, err := r.NewSession(1, nil).Create(context.Background(), "product", nil); return err }},
	}
	var out strings.Builder
	for _, tc := range cases {
		err := tc.run()
		if err == nil {
			t.Errorf("%s: want an error, got none", tc.name)
			continue
		}
		fmt.Fprintf(&out, "%s:\n\t%v\n", tc.name, err)
	}
	golden(t, "errors.golden", out.String())
}
