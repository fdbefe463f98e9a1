package steps_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/factories"
	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

type product struct {
	Name   string `json:"name"`
	Colour string `json:"colour"`
	Stock  int    `json:"stock"`
}

type customer struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type order struct {
	CustomerID    int    `json:"customer_id,omitempty"`
	CustomerEmail string `json:"customer_email,omitempty"`
	ProductID     int    `json:"product_id,omitempty"`
	Quantity      int    `json:"quantity"`
	Status        string `json:"status"`
}

func shopModels(t *testing.T) *factories.Registry {
	r := factories.NewRegistry()
	for _, err := range []error{
		factories.Define(r, "product", func(f *gofakeit.Faker, n int) product {
			return product{Name: fmt.Sprintf("%s %d", f.Noun(), n), Colour: f.SafeColor(), Stock: f.Number(1, 9)}
		}, factories.Trait("sold out", map[string]string{"stock": "0"})),
		factories.Define(r, "customer", func(f *gofakeit.Faker, n int) customer {
			return customer{Name: f.FirstName(), Email: fmt.Sprintf("c%d@example.test", n)}
		}),
		factories.Define(r, "order", func(f *gofakeit.Faker, n int) order { return order{Quantity: 1, Status: "placed"} },
			factories.Association("customer", "customer", map[string]string{"customer_id": "id"}, "customer_email"),
			factories.Association("product", "product", map[string]string{"product_id": "id"}),
			factories.Trait("delivered", map[string]string{"status": "delivered"}),
			factories.Trait("refunded", map[string]string{"status": "refunded"}),
			factories.Transient("item_count", "1"),
			factories.AfterBuild(func(r *factories.Record) error {
				n, err := r.TransientInt("item_count")
				r.Attrs["quantity"] = n
				return err
			})),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// echoQuery answers a GET with its query as a JSON object, so a feature can
// check what a {{reference}} became: GET /echo?v=X answers {"v": "X"}.
var echoQuery = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	out := map[string]string{}
	for k := range r.URL.Query() {
		out[k] = r.URL.Query().Get(k)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
})

// runFactoryFeature runs a feature of testdata/ through the real suite (a
// browser page per scenario, an app that echoes queries) with a Go store
// that writes down every record it is given, in order.
func runFactoryFeature(t *testing.T, feature, seed string) (status int, out string, stored []string) {
	var mu sync.Mutex
	ids := map[string]int{}
	store := factories.StoreFunc(func(_ context.Context, model string, attrs factories.Attrs) (factories.Attrs, error) {
		mu.Lock()
		defer mu.Unlock()
		ids[model]++
		b, err := json.Marshal(attrs)
		stored = append(stored, model+" "+string(b))
		return factories.Attrs{"id": float64(ids[model])}, err
	})
	status, out = runFeature(t, feature, map[string]string{"ROMAINE_SEED": seed}, echoQuery,
		terrain.WithFactories(shopModels(t)),
		terrain.WithStore(func(*terrain.Worker) factories.Store { return store }))
	return status, out, stored
}

// runFeature runs a feature of testdata/ through the real suite, one worker
// with a browser page per scenario and app as the app, with the core steps,
// settings (env) over quiet defaults and opts; it returns godog's status and
// the output without colours.
func runFeature(t *testing.T, feature string, env map[string]string, app http.Handler, opts ...terrain.Option) (int, string) {
	settings := map[string]string{"ROMAINE_FEATURES": "testdata/" + feature, "ROMAINE_FORMAT": "progress",
		"ROMAINE_ARTIFACTS": t.TempDir(), "ROMAINE_SEED": "1", "ROMAINE_WORKERS": "1", "ROMAINE_APP_CMD": "",
		"ROMAINE_APP_URL": "", "ROMAINE_APP_RESET": "", "ROMAINE_FACTORY_PATH": "", "ROMAINE_TAGS": "", "ROMAINE_TIMEOUT": ""}
	maps.Copy(settings, env)
	for k, v := range settings {
		t.Setenv(k, v)
	}
	var buf lockedbuf.Buffer
	s := terrain.New(append([]terrain.Option{
		terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) {
			return app, nil, nil
		}}),
		terrain.WithSteps(steps.Register),
		terrain.WithOutput(&buf),
	}, opts...)...)
	status := s.Run()
	return status, regexp.MustCompile(`\x1b\[[0-9;]*m`).ReplaceAllString(buf.String(), "")
}

// golden compares got with testdata/name, or writes it there with -update.
func golden(t *testing.T, name, got, what string) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update ./steps/ writes it)", err, t.Name())
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s changed (-golden +got); if intended, rerun with -update:\n%s", what, d)
	}
}

// TestFactoryStepsReplay runs every step form with a fixed ROMAINE_SEED:
// the records stored are the golden file's, and a second run stores the
// very same records (what a replayed failure relies on).
func TestFactoryStepsReplay(t *testing.T) {
	status, out, first := runFactoryFeature(t, "factories.feature", "4242")
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	golden(t, "factories.golden", strings.Join(first, "\n")+"\n", "the records stored by testdata/factories.feature")
	_, _, again := runFactoryFeature(t, "factories.feature", "4242")
	if d := cmp.Diff(first, again); d != "" {
		t.Errorf("ROMAINE_SEED=4242 twice must store the same records (-first +again):\n%s", d)
	}
}

func TestFactoryStepErrors(t *testing.T) {
	status, out, _ := runFactoryFeature(t, "factory_errors.feature", "1")
	if status == 0 {
		t.Fatalf("every scenario should fail; output:\n%s", out)
	}
	for _, want := range []string{
		`unicorn is not a model defined in Go, so it has no traits ("sparkly")`,
		`order has no trait "shipped"; traits: delivered, refunded`,
		`order has no trait "lost"; traits: delivered, refunded`,
		`order customer: nothing called "bob" was remembered in this scenario`,
		`order has no association "buyer"; associations: customer, product`,
		`product attribute "stock": cannot convert "lots" to int, e.g. 42`,
		`same data again: ROMAINE_SEED=1 ROMAINE_FEATURES=testdata/factory_errors.feature:3`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
