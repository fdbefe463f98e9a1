package terrain

import (
	"errors"
	"strings"
	"testing"
)

// ROMAINE_ISOLATION and ROMAINE_BROWSERS: reset and a browser per worker unless
// set; a value that is neither choice is refused, naming the setting and both.
func TestIsolationAndBrowsersSettings(t *testing.T) {
	if c := DefaultConfig(); c.Isolation != "reset" || c.Browsers != "worker" {
		t.Errorf("defaults isolation=%q browsers=%q, want reset and worker", c.Isolation, c.Browsers)
	}
	for _, tc := range []struct{ env, value, want string }{
		{"ROMAINE_ISOLATION", "context", ""},
		{"ROMAINE_ISOLATION", "fresh", "reset"},
		{"ROMAINE_BROWSERS", "shared", ""},
		{"ROMAINE_BROWSERS", "one", "shared"},
	} {
		cfg := DefaultConfig()
		if err := cfg.applyEnv(func(k string) (string, bool) { return tc.value, k == tc.env }); err != nil {
			t.Fatal(err)
		}
		err := cfg.validate()
		var ce *ConfigError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s=%s: %v", tc.env, tc.value, err)
		case tc.want != "" && (!errors.As(err, &ce) || ce.Setting != tc.env || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s=%s: %v; want a ConfigError naming %s and offering %s", tc.env, tc.value, err, tc.env, tc.want)
		}
	}
}
