package demo

import (
	"net/http"
	"strings"
	"testing"
)

func TestChaosDelaysAreSeededAndBounded(t *testing.T) {
	a, b := newChaosClock(42), newChaosClock(42)
	for i := 0; i < 100; i++ {
		da, db := a.next(), b.next()
		if da != db {
			t.Fatalf("delay %d: %v vs %v; the same seed must give the same delays", i, da, db)
		}
		if da < 0 || da > maxAPIDelay {
			t.Fatalf("delay %d: %v is outside 0-%v", i, da, maxAPIDelay)
		}
	}
}

// Chaos makes timing random, never results wrong.
func TestChaosModeStillAnswersCorrectly(t *testing.T) {
	sh := startShop(t, Options{TestMode: true, Chaos: true, Seed: 7})
	w := sh.classicWorld()
	owner := sh.signIn("owner@example.com")

	_, _, body := sh.page(owner, "/inventory")
	if !strings.Contains(body, "window.DEMO_CHAOS = true") {
		t.Error("pages must tell the scripts that chaos is on")
	}
	status, answer := sh.call(owner, "POST", "/api/orders/"+jsonID(w.aliceOrder["id"])+"/refund", nil)
	if status != http.StatusOK || decodeJSON[orderJSON](t, answer).Status != StatusRefunded {
		t.Fatalf("refund under chaos: %d %s", status, answer)
	}
	if s := sh.product(owner, w.black["id"]).Stock; s != 4 {
		t.Errorf("black sweater stock %d, want 4", s)
	}
}
