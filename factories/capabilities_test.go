package factories

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTraits(t *testing.T) {
	r := newShopRegistry(t)
	plain, err := r.NewSession(5, nil).Build("product", nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, reason, model string
		spec                Spec
		want                Attrs // only these keys are compared
	}{
		{name: "one trait", reason: "a trait's overrides apply", model: "product",
			spec: Spec{Traits: []string{"sold out"}}, want: Attrs{"stock": 0.0, "name": plain["name"]}},
		{name: "trait with a hook", reason: "a trait's hook works on the built value", model: "product",
			spec: Spec{Traits: []string{"discounted"}}, want: Attrs{"price": roundCents(plain["price"].(float64) * 0.8)}},
		{name: "combined", reason: "traits combine", model: "product",
			spec: Spec{Traits: []string{"sold out", "discounted"}}, want: Attrs{"stock": 0.0, "price": roundCents(plain["price"].(float64) * 0.8)}},
		{name: "later trait wins", reason: "traits apply in the order named", model: "order",
			spec: Spec{Traits: []string{"delivered", "refunded"}}, want: Attrs{"status": "refunded", "refund_method": "card"}},
		{name: "later trait wins the other way", reason: "and the other order gives the other status", model: "order",
			spec: Spec{Traits: []string{"refunded", "delivered"}}, want: Attrs{"status": "delivered", "refund_method": "card"}},
		{name: "overrides win over traits", reason: "the step's own cells win", model: "order",
			spec: Spec{Traits: []string{"refunded"}, Overrides: map[string]string{"refund_method": "store_credit"}},
			want: Attrs{"status": "refunded", "refund_method": "store_credit"}},
		{name: "table form", reason: "a traits cell lists traits, commas or and", model: "product",
			spec: Spec{Overrides: map[string]string{"traits": "sold out and discounted"}}, want: Attrs{"stock": 0.0, "price": roundCents(plain["price"].(float64) * 0.8)}},
		{name: "capitalised traits header", reason: "table headers are often capitalised", model: "product",
			spec: Spec{Overrides: map[string]string{"Traits": "sold out"}}, want: Attrs{"stock": 0.0}},
		{name: "capitalised table form", reason: "the cell beats the trait whatever its case", model: "product",
			spec: Spec{Traits: []string{"sold out"}, Overrides: map[string]string{"Stock": "4"}}, want: Attrs{"stock": 4.0}},
		{name: "trait sets transient and nested", reason: "a trait may shape associations and transients", model: "order",
			spec: Spec{Traits: []string{"gift"}}, want: Attrs{"quantity": 2.0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.NewSession(5, nil).BuildSpec(tc.model, tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			keys := make([]string, 0, len(tc.want))
			for k := range tc.want {
				keys = append(keys, k)
			}
			if d := cmp.Diff(tc.want, subset(got, keys...)); d != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tc.reason, d)
			}
		})
	}
	gift, _ := r.NewSession(5, nil).BuildSpec("order", Spec{Traits: []string{"gift"}})
	if c := gift["product"].(Attrs)["colour"]; c != "gold" {
		t.Errorf("the gift trait's product.colour must reach the product: got %v", c)
	}
}

func roundCents(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func TestResolve(t *testing.T) {
	r := newShopRegistry(t)
	cases := []struct {
		phrase, model string
		traits        []string
	}{
		{"order", "order", nil},
		{"delivered order", "order", []string{"delivered"}},
		{"Delivered  Orders", "order", []string{"delivered"}},
		{"sold out product", "product", []string{"sold out"}},
		{"sold out, discounted products", "product", []string{"sold out", "discounted"}},
		{"delivered and refunded order", "order", []string{"delivered", "refunded"}},
	}
	for _, tc := range cases {
		d, traits, err := r.Resolve(tc.phrase)
		if err != nil {
			t.Errorf("%q: %v", tc.phrase, err)
			continue
		}
		if d.Name() != tc.model || !cmp.Equal(traits, tc.traits) {
			t.Errorf("%q: want %s %v, got %s %v", tc.phrase, tc.model, tc.traits, d.Name(), traits)
		}
	}
	d, _ := r.Lookup("order")
	got, err := d.ParseTraits("delivered, refunded")
	if err != nil || !cmp.Equal(got, []string{"delivered", "refunded"}) {
		t.Errorf("ParseTraits: got %v, %v", got, err)
	}
}

func TestAssociationsBuild(t *testing.T) {
	r := newShopRegistry(t)
	order, err := r.NewSession(3, nil).Build("order", map[string]string{"customer.name": "Alice"})
	if err != nil {
		t.Fatal(err)
	}
	customer, _ := order["customer"].(Attrs)
	product, _ := order["product"].(Attrs)
	if customer["name"] != "Alice" || customer["email"] != "customer1@example.test" || product["name"] == nil {
		t.Errorf("build strategy builds the associations, nested overrides shaping them: %v", order)
	}
	if _, ok := order["customer_id"]; ok {
		t.Errorf("a built customer has no id, so none is copied: customer_id = %v", order["customer_id"])
	}
}

func TestAssociationsCreate(t *testing.T) {
	app := newFakeApp(t)
	r := newShopRegistry(t)
	ctx := context.Background()
	s := r.NewSession(3, HTTPStore{BaseURL: app.URL})

	alice, err := s.Create(ctx, "customer", map[string]string{"name": "Alice"})
	if err != nil {
		t.Fatal(err)
	}
	order, err := s.Create(ctx, "order", map[string]string{"product.colour": "black"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"customer", "order", "product"}; !cmp.Equal(app.models(), want) {
		t.Errorf("create strategy stores the associations: models stored %v, want %v", app.models(), want)
	}
	sent := app.last("order")
	if sent["customer_id"] != 2.0 || sent["product_id"] != 1.0 {
		t.Errorf("the order must be stored with its associations' ids (customer 2: Alice is 1), got %v", sent)
	}
	if _, leaked := sent["customer"]; leaked {
		t.Errorf("associated records are not attributes and must not be sent: %v", sent)
	}
	if p := order["product"].(Attrs); p["colour"] != "black" || p["id"] != 1.0 {
		t.Errorf("the returned order carries the stored product: %v", p)
	}

	given, err := s.CreateSpec(ctx, "order", Spec{Records: map[string]Attrs{"customer": alice}})
	if err != nil {
		t.Fatal(err)
	}
	if given["customer_id"] != alice["id"] || len(app.all("customer")) != 2 {
		t.Errorf("a given customer is used, not made: customer_id %v (want %v), customers stored %d (want 2)",
			given["customer_id"], alice["id"], len(app.all("customer")))
	}
	if _, err := s.Create(ctx, "order", map[string]string{"customer_email": "x@example.test"}); err != nil {
		t.Fatal(err)
	}
	if n := len(app.all("customer")); n != 2 {
		t.Errorf("customer_email names the customer another way, so none is made: %d customers, want 2", n)
	}
}

func TestTransientsAndHooks(t *testing.T) {
	app := newFakeApp(t)
	r := newShopRegistry(t)
	ctx := context.Background()
	s := r.NewSession(9, HTTPStore{BaseURL: app.URL})

	order, err := s.Create(ctx, "order", map[string]string{"item_count": "3"})
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := order["lines"].([]any)
	if len(lines) != 3 || order["quantity"] != 3.0 {
		t.Errorf("the after-build hook makes item_count lines: %v", order)
	}
	if _, ok := app.last("order")["item_count"]; ok {
		t.Errorf("a transient attribute is not stored: %v", app.last("order"))
	}
	if _, ok := order["item_count"]; ok {
		t.Errorf("a transient attribute is not part of the record: %v", order)
	}

	bob, err := s.Create(ctx, "customer", map[string]string{"order_count": "2"})
	if err != nil {
		t.Fatal(err)
	}
	var his int
	for _, o := range app.all("order") {
		if o["customer_id"] == bob["id"] {
			his++
		}
	}
	if his != 2 {
		t.Errorf("the after-create hook makes order_count orders for the stored customer: %d, want 2", his)
	}
}
