package terrain

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/factories"
)

func TestScenarioInterpolate(t *testing.T) {
	sc := &Scenario{remembered: map[string]factories.Attrs{}}
	if _, err := sc.Interpolate("{{product.name}}"); err == nil || !strings.Contains(err.Error(), "nothing has been made yet") {
		t.Errorf("with nothing remembered: %v", err)
	}
	sc.Remember("product", factories.Attrs{"name": "sweater", "price": 39.9, "id": float64(7)})
	sc.Remember("Alice", factories.Attrs{"email": "a@example.com"})
	cases := []struct{ reason, in, want, wantErr string }{
		{"a field of the latest of a model", "{{product.name}}", "sweater", ""},
		{"a whole-number id prints as an integer", "/products/{{product.id}}", "/products/7", ""},
		{"names are case-insensitive", "{{alice.email}}", "a@example.com", ""},
		{"an unknown name lists the known ones", "{{bob.email}}", "", `nothing called "bob" was remembered in this scenario; known: alice, product`},
		{"an unknown field lists the fields", "{{product.colour}}", "", `{{product.colour}}: product has no field "colour"; fields: id, name, price`},
		{"a record needs a field", "{{product}}", "", `{{product}} names a record, not a value: write {{product.FIELD}}`},
	}
	for _, c := range cases {
		got, err := sc.Interpolate(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%s: error %v\nwant it to contain %s", c.reason, err, c.wantErr)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: %q gave %q, %v; want %q", c.reason, c.in, got, err, c.want)
		}
	}
}

func TestFromContextOutsideAScenario(t *testing.T) {
	if _, err := FromContext(context.Background()); err == nil || !strings.Contains(err.Error(), "outside a Romaine scenario") {
		t.Errorf("got %v", err)
	}
}

func TestPagePathListsKnownPages(t *testing.T) {
	s := New(WithPage("Inventory", "/inventory"), WithPage("orders", "/orders"))
	if p, err := s.pagePath("inventory "); err != nil || p != "/inventory" {
		t.Errorf("PagePath(inventory) = %q, %v", p, err)
	}
	if _, err := s.pagePath("basket"); err == nil || !strings.Contains(err.Error(), `no page is named "basket"; known pages: inventory, orders`) {
		t.Errorf("got %v", err)
	}
}

func TestFactoryPathSetting(t *testing.T) {
	cases := []struct{ reason, app, setting, want string }{
		{"the default is the factories package's", "", "", ""},
		{"an in-process app brings its own (the deprecated %s spelling still works)", "/__test__/factories/%s", "", "/__test__/factories/%s"},
		{"an in-process app's path is spelled with {model}, like the setting", "/test/{model}/new?x=5%", "", "/test/%s/new?x=5%%"},
		{"the setting wins, {model} becomes the model", "/__test__/factories/{model}", "/test/{model}/create?x=100%", "/test/%s/create?x=100%%"},
	}
	for _, c := range cases {
		s := New(WithApp(HandlerApp{FactoryPath: c.app}))
		s.cfg.FactoryPath = c.setting
		got := s.storeFor(&Worker{BaseURL: "http://127.0.0.1:1"}).(factories.HTTPStore).PathFormat
		if got != c.want {
			t.Errorf("%s: path format %q, want %q", c.reason, got, c.want)
		}
	}
}

// A factory request has the step limit, not a fixed 10 s, and its errors
// name the settings a user of ROMAINE_APP_CMD has.
func TestFactoryStoreFollowsTheStepLimit(t *testing.T) {
	s := New()
	s.cfg.Timeout = 42 * time.Second
	got := s.storeFor(&Worker{BaseURL: "http://127.0.0.1:1"}).(factories.HTTPStore)
	if got.Timeout != s.cfg.Timeout || got.TimeoutSetting != "ROMAINE_TIMEOUT" || got.PathSetting != "ROMAINE_FACTORY_PATH" {
		t.Errorf("store %+v: want Timeout %s named ROMAINE_TIMEOUT, path named ROMAINE_FACTORY_PATH", got, s.cfg.Timeout)
	}
}

// A domain step gets its scenario in one call, and outside a scenario that call
// says what is wrong instead of running the step.
func TestInScenario(t *testing.T) {
	want := &Scenario{Name: "refunds"}
	ctx := context.WithValue(context.Background(), scenarioKey{}, want)
	var got *Scenario
	if err := InScenario(ctx, func(sc *Scenario) error { got = sc; return nil }); err != nil || got != want {
		t.Errorf("InScenario gave %v, %v; want the scenario in the context", got, err)
	}
	ran := false
	err := InScenario(context.Background(), func(*Scenario) error { ran = true; return nil })
	if ran || err == nil || !strings.Contains(err.Error(), "no scenario in this context") {
		t.Errorf("outside a scenario: ran=%v, err=%v; want the step not run and an error saying why", ran, err)
	}
}

// The HTTP steps' cookies belong to the scenario, not to the user's Values.
func TestCookiesAreTheScenarios(t *testing.T) {
	a, b := &Scenario{Values: map[string]any{}}, &Scenario{}
	if a.Cookies() == nil || a.Cookies() != a.Cookies() {
		t.Fatal("a scenario's cookie jar is made once and kept")
	}
	if a.Cookies() == b.Cookies() {
		t.Error("two scenarios share a cookie jar")
	}
	if len(a.Values) != 0 {
		t.Errorf("the cookie jar went into Values: %v", a.Values)
	}
}
