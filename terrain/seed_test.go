package terrain

import (
	"strings"
	"testing"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

// TestSeedSetting: ROMAINE_SEED fixes every scenario's factory seed, which
// is how a failed scenario's data is made again.
func TestSeedSetting(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.applyEnv(func(k string) (string, bool) {
		return map[string]string{"ROMAINE_SEED": " 8151 "}[k], k == "ROMAINE_SEED"
	}); err != nil {
		t.Fatal(err)
	}
	if cfg.Seed != 8151 || newSeed(cfg.Seed) != 8151 {
		t.Errorf("ROMAINE_SEED=8151 must be the scenarios' seed: config %d, seed %d", cfg.Seed, newSeed(cfg.Seed))
	}
	if a, b := newSeed(0), newSeed(0); a == b || a < 0 {
		t.Errorf("without ROMAINE_SEED each scenario gets its own random seed: %d, %d", a, b)
	}
	bad := DefaultConfig()
	err := bad.applyEnv(func(k string) (string, bool) { return "latest", k == "ROMAINE_SEED" })
	if err == nil || !strings.Contains(err.Error(), `ROMAINE_SEED="latest" is not valid`) || !strings.Contains(err.Error(), "a whole number") {
		t.Errorf("a bad seed says which setting and what is valid, got %v", err)
	}
	gs := &godog.Scenario{Uri: "features/returns.feature", Location: &messages.Location{Line: 9}}
	if got := scenarioPath(gs); got != "features/returns.feature:9" {
		t.Errorf("the replay hint names the scenario by file:line, got %q", got)
	}
}
