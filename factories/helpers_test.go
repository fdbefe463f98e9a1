package factories

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/brianvoe/gofakeit/v6"
)

// Test models. product's attributes match the examples in the package docs.
type product struct {
	Name   string  `json:"name"`
	Colour string  `json:"colour"`
	Size   *string `json:"size"`
	Price  float64 `json:"price"`
	Stock  int     `json:"stock"`
}

type customer struct {
	Email  string `json:"email"`
	Name   string `json:"name"`
	Active bool   `json:"active"`
	Tags   []string
	secret string // unexported: must not become an attribute
}

type person struct {
	Name string `json:"name"`
}

// newTestRegistry defines the models the tests share. It builds a fresh
// Registry each call; nothing is shared between tests.
func newTestRegistry(t testing.TB) *Registry {
	t.Helper()
	r := NewRegistry()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(Define(r, "product", func(f *gofakeit.Faker, seq int) product {
		size := f.RandomString([]string{"S", "M", "L"})
		return product{
			Name:   fmt.Sprintf("%s %d", f.ProductName(), seq),
			Colour: f.SafeColor(),
			Size:   &size,
			Price:  f.Price(1, 100),
			Stock:  f.IntRange(0, 50),
		}
	}, Aliases("sweater", "Jumper")))
	must(Define(r, "customer", func(f *gofakeit.Faker, seq int) customer {
		return customer{Email: fmt.Sprintf("customer%d@example.test", seq), Name: f.Name(), Active: true, secret: "s3cret"}
	}, StoreAs("user")))
	must(Define(r, "person", func(f *gofakeit.Faker, seq int) person {
		return person{Name: f.FirstName()}
	}, Plural("people")))
	must(DefineMap(r, "order", func(f *gofakeit.Faker, seq int) Attrs {
		return Attrs{"number": seq, "total": 10.5, "gift": false, "note": nil, "lines": []any{}}
	}))
	return r
}

// diffAttrs returns "" when want and got are equal, else one -want/+got
// line per differing attribute, in key order.
func diffAttrs(want, got Attrs) string {
	keys := map[string]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	var lines []string
	for _, k := range sortedKeys(keys) {
		w, wok := want[k]
		g, gok := got[k]
		if wok == gok && reflect.DeepEqual(w, g) {
			continue
		}
		if wok {
			lines = append(lines, fmt.Sprintf("-%s: %#v", k, w))
		}
		if gok {
			lines = append(lines, fmt.Sprintf("+%s: %#v", k, g))
		}
	}
	return strings.Join(lines, "\n")
}

// subset keeps only the keys of m named in keys, to compare the attributes a
// case is about without pinning every fake value.
func subset(m Attrs, keys ...string) Attrs {
	out := Attrs{}
	for _, k := range keys {
		if v, ok := m[k]; ok {
			out[k] = v
		}
	}
	return out
}

// fakeApp is a real HTTP server implementing the demo app's test-only create
// endpoint: POST /__test__/factories/{model} stores the JSON object, assigns
// a per-model id and echoes the record. "reject" in the body gets a 422.
type fakeApp struct {
	*httptest.Server
	mu      sync.Mutex
	records map[string][]Attrs
}

func newFakeApp(t testing.TB) *fakeApp {
	t.Helper()
	app := &fakeApp{records: map[string][]Attrs{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /__test__/factories/{model}", func(w http.ResponseWriter, r *http.Request) {
		var attrs Attrs
		if err := json.NewDecoder(r.Body).Decode(&attrs); err != nil {
			http.Error(w, `{"error":"bad json"}`, http.StatusBadRequest)
			return
		}
		if _, ok := attrs["reject"]; ok {
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `{"error":"unknown attribute reject"}`)
			return
		}
		model := r.PathValue("model")
		app.mu.Lock()
		attrs["id"] = float64(len(app.records[model]) + 1)
		app.records[model] = append(app.records[model], attrs)
		app.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(attrs)
	})
	app.Server = httptest.NewServer(mux)
	t.Cleanup(app.Close)
	return app
}

// models returns the model names the app has received records for.
func (a *fakeApp) models() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return sortedKeys(a.records)
}

// all returns the records the app stored for model, in order.
func (a *fakeApp) all(model string) []Attrs {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Attrs(nil), a.records[model]...)
}

// last returns the last record the app stored for model.
func (a *fakeApp) last(model string) Attrs {
	recs := a.all(model)
	if len(recs) == 0 {
		return nil
	}
	return recs[len(recs)-1]
}
