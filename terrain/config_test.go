package terrain

import (
	"errors"
	"flag"
	"strings"
	"testing"
	"time"
)

func TestConfigPrecedence(t *testing.T) {
	cases := []struct {
		reason string
		goEdit func(*Config)
		flags  []string
		env    map[string]string
		check  func(c Config) string // "" when right
	}{
		{"defaults when nothing is set", nil, nil, nil, func(c Config) string {
			if c.Workers != 1 || c.Timeout != 5*time.Second || c.Features[0] != "features" || c.ReadyPath != "/" {
				return "defaults changed"
			}
			return ""
		}},
		{"flags override Go", func(c *Config) { c.Workers = 3 }, []string{"-romaine.workers=4"}, nil, func(c Config) string {
			if c.Workers != 4 {
				return "workers not 4"
			}
			return ""
		}},
		{"environment overrides flags", nil, []string{"-romaine.timeout=2s"}, map[string]string{"ROMAINE_TIMEOUT": "750ms"}, func(c Config) string {
			if c.Timeout != 750*time.Millisecond {
				return "timeout " + c.Timeout.String()
			}
			return ""
		}},
		{"an empty variable counts as unset", func(c *Config) { c.AppCmd = "serve" }, nil, map[string]string{"ROMAINE_APP_CMD": ""}, func(c Config) string {
			if c.AppCmd != "serve" {
				return "app cmd " + c.AppCmd
			}
			return ""
		}},
		{"features are space separated", nil, nil, map[string]string{"ROMAINE_FEATURES": " a.feature  dir/b "}, func(c Config) string {
			if strings.Join(c.Features, "|") != "a.feature|dir/b" {
				return "features " + strings.Join(c.Features, "|")
			}
			return ""
		}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			cfg := DefaultConfig()
			if c.goEdit != nil {
				c.goEdit(&cfg)
			}
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			cfg.bindFlags(fs)
			if err := fs.Parse(c.flags); err != nil {
				t.Fatal(err)
			}
			lookup := func(k string) (string, bool) { v, ok := c.env[k]; return v, ok }
			if err := cfg.applyEnv(lookup); err != nil {
				t.Fatal(err)
			}
			if msg := c.check(cfg); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestBadFlagNamesTheSetting(t *testing.T) {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(new(strings.Builder))
	cfg.bindFlags(fs)
	err := fs.Parse([]string{"-romaine.workers=many"})
	if err == nil || !strings.Contains(err.Error(), `ROMAINE_WORKERS="many" is not valid`) {
		t.Fatalf("got %v", err)
	}
}

func TestEnvErrorIsAConfigError(t *testing.T) {
	cfg := DefaultConfig()
	err := cfg.applyEnv(func(k string) (string, bool) {
		if k == "ROMAINE_HEADFUL" {
			return "sometimes", true
		}
		return "", false
	})
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Setting != "ROMAINE_HEADFUL" {
		t.Fatalf("got %v, want a ConfigError for ROMAINE_HEADFUL", err)
	}
}
