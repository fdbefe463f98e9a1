package terrain

import (
	"context"
	"strings"
	"testing"
)

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
