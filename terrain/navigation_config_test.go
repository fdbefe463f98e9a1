package terrain

import (
	"errors"
	"flag"
	"strings"
	"testing"
	"time"
)

// The page-load limit is a setting of its own: 30s unless set, by flag or
// environment, and a limit that cannot work is refused naming the setting.
func TestNavigationTimeoutSetting(t *testing.T) {
	if got := DefaultConfig().NavigationTimeout; got != 30*time.Second {
		t.Errorf("default page-load limit %s, want 30s", got)
	}
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	cfg.bindFlags(fs)
	if err := fs.Parse([]string{"-romaine.navigation-timeout=45s"}); err != nil {
		t.Fatal(err)
	}
	if cfg.NavigationTimeout != 45*time.Second {
		t.Errorf("flag gave %s, want 45s", cfg.NavigationTimeout)
	}
	env := func(v string) func(string) (string, bool) {
		return func(k string) (string, bool) { return v, k == "ROMAINE_NAVIGATION_TIMEOUT" }
	}
	if err := cfg.applyEnv(env("1m")); err != nil || cfg.NavigationTimeout != time.Minute {
		t.Errorf("environment gave %s (%v), want 1m", cfg.NavigationTimeout, err)
	}
	var ce *ConfigError
	if err := cfg.applyEnv(env("30")); !errors.As(err, &ce) || ce.Setting != "ROMAINE_NAVIGATION_TIMEOUT" || !strings.Contains(err.Error(), "30s") {
		t.Errorf("a limit with no unit: %v; want a ConfigError naming ROMAINE_NAVIGATION_TIMEOUT with an example", err)
	}
	if err := cfg.applyEnv(env("0s")); err != nil {
		t.Fatal(err)
	}
	if err := cfg.validate(); !errors.As(err, &ce) || ce.Setting != "ROMAINE_NAVIGATION_TIMEOUT" {
		t.Errorf("a zero limit: %v; want a ConfigError naming ROMAINE_NAVIGATION_TIMEOUT", err)
	}
}
