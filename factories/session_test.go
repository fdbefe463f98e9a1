package factories

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

func TestBuildDefaults(t *testing.T) {
	s := newTestRegistry(t).NewSession(42, nil)
	got, err := s.Build("product", nil)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		attr, reason string
		ok           func(v any) bool
	}{
		{"name", "names end with the sequence number", func(v any) bool { s, _ := v.(string); return strings.HasSuffix(s, " 1") }},
		{"colour", "fake colour is a non-empty string", func(v any) bool { s, _ := v.(string); return s != "" }},
		{"size", "pointer default is set, not null", func(v any) bool { s, _ := v.(string); return s == "S" || s == "M" || s == "L" }},
		{"price", "price is in the defaults' range", func(v any) bool { f, _ := v.(float64); return f >= 1 && f <= 100 }},
		{"stock", "JSON numbers decode as float64", func(v any) bool { f, ok := v.(float64); return ok && f >= 0 && f <= 50 }},
	}
	for _, c := range checks {
		if !c.ok(got[c.attr]) {
			t.Errorf("%s: %s: got %#v", c.attr, c.reason, got[c.attr])
		}
	}
	if len(got) != len(checks) {
		t.Errorf("want exactly the %d model attributes, got %v", len(checks), got)
	}
}

func TestBuildOverrides(t *testing.T) {
	cases := []struct {
		name, reason, model string
		overrides           map[string]string
		want                Attrs // only these keys are compared
		wantErr             string
	}{
		{name: "string", reason: "strings pass through unchanged", model: "product",
			overrides: map[string]string{"colour": "black"}, want: Attrs{"colour": "black"}},
		{name: "int", reason: "int fields parse the cell", model: "product",
			overrides: map[string]string{"stock": " 7 "}, want: Attrs{"stock": 7.0}},
		{name: "float", reason: "float fields parse the cell", model: "product",
			overrides: map[string]string{"price": "12.50"}, want: Attrs{"price": 12.5}},
		{name: "bool", reason: "bool fields parse the cell", model: "customer",
			overrides: map[string]string{"active": "false"}, want: Attrs{"active": false}},
		{name: "empty pointer is null", reason: "an empty cell is how a table says null", model: "product",
			overrides: map[string]string{"size": ""}, want: Attrs{"size": nil}},
		{name: "pointer set", reason: "a pointer field takes the element's type", model: "product",
			overrides: map[string]string{"size": "XL"}, want: Attrs{"size": "XL"}},
		{name: "capitalised header", reason: "table headers are often capitalised", model: "product",
			overrides: map[string]string{"Colour": "red"}, want: Attrs{"colour": "red"}},
		{name: "slice as JSON", reason: "non-scalar fields are written as JSON", model: "customer",
			overrides: map[string]string{"Tags": `["vip","new"]`}, want: Attrs{"Tags": []any{"vip", "new"}}},
		{name: "empty slice is null", reason: "slices are nullable", model: "customer",
			overrides: map[string]string{"Tags": ""}, want: Attrs{"Tags": nil}},
		{name: "unknown attribute", reason: "the error lists the attributes so the typo is obvious", model: "product",
			overrides: map[string]string{"colr": "black"},
			wantErr:   `product has no attribute "colr"; attributes: colour, name, price, size, stock`},
		{name: "first unknown attribute in key order", reason: "errors must not depend on map order", model: "product",
			overrides: map[string]string{"zz": "1", "aa": "1", "mm": "1"},
			wantErr:   `product has no attribute "aa"; attributes: colour, name, price, size, stock`},
		{name: "unexported field", reason: "unexported fields never reach JSON, so are not attributes", model: "customer",
			overrides: map[string]string{"secret": "x"},
			wantErr:   `customer has no attribute "secret"; attributes: Tags, active, email, name`},
		{name: "bad int", reason: "name model, attribute, value and expected type", model: "product",
			overrides: map[string]string{"stock": "lots"},
			wantErr:   `product attribute "stock": cannot convert "lots" to int, e.g. 42`},
		{name: "float for int", reason: "no silent truncation", model: "product",
			overrides: map[string]string{"stock": "2.5"},
			wantErr:   `product attribute "stock": cannot convert "2.5" to int, e.g. 42`},
		{name: "bad float", reason: "name model, attribute, value and expected type", model: "product",
			overrides: map[string]string{"price": "cheap"},
			wantErr:   `product attribute "price": cannot convert "cheap" to float64, e.g. 9.99`},
		{name: "bad bool", reason: "name model, attribute, value and expected type", model: "customer",
			overrides: map[string]string{"active": "maybe"},
			wantErr:   `customer attribute "active": cannot convert "maybe" to bool, e.g. true`},
		{name: "bad JSON", reason: "JSON errors keep their detail", model: "customer",
			overrides: map[string]string{"Tags": "vip"},
			wantErr:   `customer attribute "Tags": cannot convert "vip" to []string as JSON (or empty for null), e.g. ["text"]: invalid character 'v' looking for beginning of value`},
		{name: "map model known key converted", reason: "DefineMap overrides take the default's type", model: "order",
			overrides: map[string]string{"number": "12", "total": "99.95", "gift": "true", "note": "ring bell", "lines": `[{"sku":"A"}]`},
			want:      Attrs{"number": 12.0, "total": 99.95, "gift": true, "note": "ring bell", "lines": []any{map[string]any{"sku": "A"}}}},
		{name: "map model null", reason: "empty cell for a nil default stays null", model: "order",
			overrides: map[string]string{"note": ""}, want: Attrs{"note": nil}},
		{name: "map model unknown key", reason: "DefineMap passes unknown keys through as strings", model: "order",
			overrides: map[string]string{"coupon": "10"}, want: Attrs{"coupon": "10"}},
		{name: "map model bad value", reason: "name model, attribute, value and expected type", model: "order",
			overrides: map[string]string{"number": "first"},
			wantErr:   `order attribute "number": cannot convert "first" to int, e.g. 42`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestRegistry(t).NewSession(1, nil)
			got, err := s.Build(tc.model, tc.overrides)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("%s\nerror mismatch (-want +got):\n-%s\n+%v", tc.reason, tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s\nunexpected error: %v", tc.reason, err)
			}
			keys := sortedKeys(tc.want)
			if d := diffAttrs(tc.want, subset(got, keys...)); d != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tc.reason, d)
			}
		})
	}
}

func TestBuildTextUnmarshalerAndEmbedded(t *testing.T) {
	type Base struct {
		ID int `json:"id"`
	}
	type event struct {
		*Base
		At time.Time `json:"at"`
	}
	r := NewRegistry()
	if err := Define(r, "event", func(f *gofakeit.Faker, seq int) event { return event{} }); err != nil {
		t.Fatal(err)
	}
	s := r.NewSession(1, nil)
	got, err := s.Build("event", map[string]string{"at": "2024-05-01T10:00:00Z", "id": "9"})
	if err != nil {
		t.Fatal(err)
	}
	want := Attrs{"at": "2024-05-01T10:00:00Z", "id": 9.0}
	if d := diffAttrs(want, got); d != "" {
		t.Errorf("time.Time parses itself; a nil embedded *Base is allocated to set id\nmismatch (-want +got):\n%s", d)
	}
	_, err = s.Build("event", map[string]string{"at": "tomorrow"})
	wantErr := `event attribute "at": cannot convert "tomorrow" to time.Time, e.g. 2024-05-01T10:00:00Z: parsing time "tomorrow" as "2006-01-02T15:04:05Z07:00": cannot parse "tomorrow" as "2006"`
	if err == nil || err.Error() != wantErr {
		t.Errorf("parser detail helps with formats\nmismatch (-want +got):\n-%s\n+%v", wantErr, err)
	}
}

func TestSequences(t *testing.T) {
	r := newTestRegistry(t)
	a, b := r.NewSession(1, nil), r.NewSession(1, nil)
	steps := []struct {
		session      *Session
		label, model string
		want         string // customer email carries the sequence
	}{
		{a, "a", "customer", "customer1@example.test"},
		{a, "a", "customer", "customer2@example.test"},
		{a, "a", "product", ""}, // other models do not advance the customer sequence
		{b, "b", "customers", "customer1@example.test"},
		{a, "a", "customers", "customer3@example.test"}, // plural shares the sequence
		{b, "b", "customer", "customer2@example.test"},
	}
	for i, st := range steps {
		got, err := st.session.Build(st.model, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.want != "" && got["email"] != st.want {
			t.Errorf("step %d (session %s): sequences are per model per session\nmismatch (-want +got):\n-%s\n+%v", i, st.label, st.want, got["email"])
		}
	}
	got, _ := a.Build("product", nil)
	if name, _ := got["name"].(string); !strings.HasSuffix(name, " 2") {
		t.Errorf("second product in session a should carry sequence 2, got name %q", name)
	}
}

func TestSeeds(t *testing.T) {
	r := newTestRegistry(t)
	records := func(s *Session) []Attrs {
		var out []Attrs
		for _, m := range []string{"product", "customer", "person", "product"} {
			a, err := s.Build(m, nil)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, a)
		}
		return out
	}
	first, again, other := records(r.NewSession(42, nil)), records(r.NewSession(42, nil)), records(r.NewSession(43, nil))
	if !reflect.DeepEqual(first, again) {
		t.Errorf("the same seed must give the same data\nmismatch (-want +got):\n-%v\n+%v", first, again)
	}
	if reflect.DeepEqual(first, other) {
		t.Errorf("different seeds should give different data, both gave %v", first)
	}

	z1, z2 := r.NewSession(0, nil), r.NewSession(0, nil)
	if z1.Seed() == 0 || z1.Seed() == z2.Seed() {
		t.Errorf("seed 0 should pick a random non-zero seed: got %d and %d", z1.Seed(), z2.Seed())
	}
	replay := r.NewSession(z1.Seed(), nil)
	if a, b := records(z1), records(replay); !reflect.DeepEqual(a, b) {
		t.Errorf("Seed() of a random session must replay it\nmismatch (-want +got):\n-%v\n+%v", a, b)
	}
}

func TestCreate(t *testing.T) {
	app := newFakeApp(t)
	s := newTestRegistry(t).NewSession(7, HTTPStore{BaseURL: app.URL})
	ctx := context.Background()

	built, err := newTestRegistry(t).NewSession(7, nil).Build("product", map[string]string{"colour": "black"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Create(ctx, "product", map[string]string{"colour": "black"})
	if err != nil {
		t.Fatal(err)
	}
	want := Attrs{"id": 1.0}
	for k, v := range built {
		want[k] = v
	}
	if d := diffAttrs(want, got); d != "" {
		t.Errorf("Create returns the built record plus the store's id\nmismatch (-want +got):\n%s", d)
	}

	many, err := s.CreateN(ctx, "customers", 3, map[string]string{"active": "false"})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range many {
		want := Attrs{"id": float64(i + 1), "active": false, "email": fmt.Sprintf("customer%d@example.test", i+1)}
		if d := diffAttrs(want, subset(c, "id", "active", "email")); d != "" {
			t.Errorf("CreateN record %d: same overrides, own sequence and id\nmismatch (-want +got):\n%s", i, d)
		}
	}
	if got, want := strings.Join(app.models(), ","), "product,user"; got != want {
		t.Errorf("StoreAs(\"user\") decides the model name the store sees\nmismatch (-want +got):\n-%s\n+%s", want, got)
	}
}

func TestCreateErrors(t *testing.T) {
	app := newFakeApp(t)
	r := newTestRegistry(t)
	ctx := context.Background()
	cases := []struct {
		name, reason, wantErr string
		run                   func() error
	}{
		{
			name: "store rejects", reason: "the app's own explanation reaches the step, once",
			run: func() error {
				_, err := r.NewSession(1, HTTPStore{BaseURL: app.URL}).Create(ctx, "order", map[string]string{"reject": "yes"})
				return err
			},
			wantErr: `creating order: POST ` + app.URL + `/__test__/factories/order answered 422 Unprocessable Entity: {"error":"unknown attribute reject"}; sent {"gift":false,"lines":[],"note":null,"number":1,"reject":"yes","total":10.5}`,
		},
		{
			name: "CreateN says which record failed", reason: "'3 products' failing needs to say which one",
			run: func() error {
				_, err := r.NewSession(1, HTTPStore{BaseURL: app.URL}).CreateN(ctx, "orders", 2, map[string]string{"reject": "yes"})
				return err
			},
			wantErr: `order 1 of 2: creating order: POST ` + app.URL + `/__test__/factories/order answered 422 Unprocessable Entity: {"error":"unknown attribute reject"}; sent {"gift":false,"lines":[],"note":null,"number":1,"reject":"yes","total":10.5}`,
		},
		{
			name: "no store", reason: "a build-only session cannot create",
			run: func() error {
				_, err := r.NewSession(1, nil).Create(ctx, "order", nil)
				return err
			},
			wantErr: `factories: session has no Store; cannot create order`,
		},
		{
			name: "negative count", reason: "a bad count in a step is reported, not ignored",
			run: func() error {
				_, err := r.NewSession(1, nil).CreateN(ctx, "orders", -1, nil)
				return err
			},
			wantErr: `cannot create -1 records of orders`,
		},
		{
			name: "bad override before any request", reason: "build errors surface unchanged from Create",
			run: func() error {
				_, err := r.NewSession(1, HTTPStore{BaseURL: app.URL}).Create(ctx, "product", map[string]string{"colr": "x"})
				return err
			},
			wantErr: `product has no attribute "colr"; attributes: colour, name, price, size, stock`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); err == nil || err.Error() != tc.wantErr {
				t.Errorf("%s\nerror mismatch (-want +got):\n-%s\n+%v", tc.reason, tc.wantErr, err)
			}
		})
	}
}

// TestConcurrentSessions runs sessions the way godog runs scenarios, in
// parallel goroutines, and checks that each still gets exactly the data its
// seed gives when run alone. Run with -race.
func TestConcurrentSessions(t *testing.T) {
	app := newFakeApp(t)
	r := newTestRegistry(t)
	const sessions, perSession = 16, 5

	alone := make([][]Attrs, sessions)
	for i := range sessions {
		s := r.NewSession(int64(i+1), nil)
		for range perSession {
			a, err := s.Build("product", nil)
			if err != nil {
				t.Fatal(err)
			}
			alone[i] = append(alone[i], a)
		}
	}

	together := make([][]Attrs, sessions)
	errs := make([]error, sessions)
	var wg sync.WaitGroup
	for i := range sessions {
		wg.Go(func() {
			s := r.NewSession(int64(i+1), HTTPStore{BaseURL: app.URL})
			recs, err := s.CreateN(context.Background(), "products", perSession, nil)
			for _, rec := range recs {
				delete(rec, "id") // ids depend on interleaving; the data must not
			}
			together[i], errs[i] = recs, err
		})
	}
	wg.Wait()
	for i := range sessions {
		if errs[i] != nil {
			t.Fatalf("session %d: %v", i, errs[i])
		}
		if !reflect.DeepEqual(alone[i], together[i]) {
			t.Errorf("session %d: concurrent sessions must not disturb each other's data\nmismatch (-want +got):\n-%v\n+%v", i, alone[i], together[i])
		}
	}
}
