package terrain

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// lookupOf is an environment of its own for resolveConfig.
func lookupOf(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

// Each layer overrides the one before: Go, the file, the flags, the environment.
func TestSettingsFileSitsBetweenGoAndTheFlags(t *testing.T) {
	file := writeFile(t, "settings.yaml", `
# a comment
workers: 2
timeout: 7s
features:
  - specs/a.feature
  - specs/more
reports: [html:out/report.html, messages:out/run.ndjson]
app-reset:
headful: true
pages:
  Sign In: /sign-in
`)
	for _, tc := range []struct {
		reason  string
		flags   []string
		env     map[string]string
		workers int
	}{
		{"the file over Go's default", nil, nil, 2},
		{"a flag over the file", []string{"-romaine.workers=4"}, nil, 4},
		{"the environment over a flag", []string{"-romaine.workers=4"}, map[string]string{"ROMAINE_WORKERS": "5"}, 5},
		{"an empty variable is unset", nil, map[string]string{"ROMAINE_WORKERS": ""}, 2},
	} {
		s := New(WithConfig(func(c *Config) { c.Workers, c.ResetPath = 3, "/go-reset" }), WithOutput(io.Discard))
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		s.BindFlags(fs)
		if err := fs.Parse(append([]string{"-romaine.config=" + file}, tc.flags...)); err != nil {
			t.Fatal(err)
		}
		cfg, f, err := s.resolveConfig(lookupOf(tc.env))
		if err != nil {
			t.Fatalf("%s: %v", tc.reason, err)
		}
		if cfg.Workers != tc.workers {
			t.Errorf("%s: workers %d, want %d", tc.reason, cfg.Workers, tc.workers)
		}
		if cfg.Timeout != 7*time.Second || strings.Join(cfg.Features, "|") != "specs/a.feature|specs/more" ||
			cfg.Reports != "html:out/report.html,messages:out/run.ndjson" || !cfg.Headful || cfg.ResetPath != "/go-reset" {
			t.Errorf("%s: the file's other settings: %+v", tc.reason, cfg)
		}
		if f.pages["sign in"] != "/sign-in" || !strings.HasSuffix(cfg.String(), " config="+file) {
			t.Errorf("%s: pages %v; config line %q", tc.reason, f.pages, cfg.String())
		}
	}
}

func TestTheDefaultSettingsFileIsOptional(t *testing.T) {
	t.Chdir(t.TempDir())
	s := New(WithOutput(io.Discard))
	cfg, f, err := s.resolveConfig(lookupOf(nil))
	if err != nil || f != nil || cfg.Workers != 1 || strings.Contains(cfg.String(), "config=") {
		t.Fatalf("no romaine.yaml: %v %v %d", err, f, cfg.Workers)
	}
	if err := os.WriteFile("romaine.yaml", []byte("workers: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, _, err := s.resolveConfig(lookupOf(nil)); err != nil || cfg.Workers != 3 || cfg.ConfigFile != "romaine.yaml" {
		t.Errorf("romaine.yaml in the folder: %v %d %q", err, cfg.Workers, cfg.ConfigFile)
	}
	// A file named but missing is an error; the default one missing is not.
	_, _, err = s.resolveConfig(lookupOf(map[string]string{"ROMAINE_CONFIG": "ci/romaine.yaml"}))
	if err == nil || !strings.Contains(err.Error(), "ci/romaine.yaml") || !strings.Contains(err.Error(), "ROMAINE_CONFIG") {
		t.Errorf("a named file that is missing: %v", err)
	}
}

func TestSettingsFileMistakesSayWhatWouldBeRight(t *testing.T) {
	for _, tc := range []struct {
		reason, text string
		want         []string
	}{
		{"a misspelt key", "worker: 2\n", []string{`line 1: "worker" is not a setting (did you mean workers?)`, "app-cmd", "pages"}},
		{"the variable's name", "ROMAINE_APP_CMD: python3 app.py\n", []string{"(did you mean app-cmd?)"}},
		{"underscores", "app_url: http://127.0.0.1:8000\n", []string{"(did you mean app-url?)"}},
		{"a bad value, with its line", "\nworkers: two\n", []string{"line 2: workers:", `"two" is not valid`, "a whole number, 1 or more"}},
		{"a list where one value goes", "timeout: [5s, 6s]\n", []string{"timeout: takes one value, not a list"}},
		{"a path with a space", "features: [my features]\n", []string{`"my features": a path with a space cannot be given`}},
		{"not a mapping", "- workers\n", []string{"must be a mapping of settings"}},
		{"not YAML", "workers: [\n", []string{"not YAML"}},
		{"a page without a path", "pages:\n  home: index\n", []string{"line 2: pages: home: the page's path must start with /"}},
	} {
		path := writeFile(t, "romaine.yaml", tc.text)
		s := New(WithOutput(io.Discard))
		_, _, err := s.resolveConfig(lookupOf(map[string]string{"ROMAINE_CONFIG": path}))
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Setting != "ROMAINE_CONFIG" || !strings.Contains(err.Error(), path+": ") {
			t.Errorf("%s: %v; want a configuration error naming the file", tc.reason, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", tc.reason, err, w)
			}
		}
	}
	// A setting that cannot work with the others says where the file set it.
	path := writeFile(t, "romaine.yaml", "app-url: http://127.0.0.1:1\napp-reset: /reset\nworkers: 2\n")
	s := New(WithOutput(io.Discard))
	_, _, err := s.resolveConfig(lookupOf(map[string]string{"ROMAINE_CONFIG": path}))
	if err == nil || !strings.Contains(err.Error(), "(set in "+path+", line 3, as workers)") {
		t.Errorf("a clash of settings from the file: %v", err)
	}
}

// The settings files the README shows are read without a mistake.
func TestTheREADMEsSettingsFilesAreValid(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 2 {
		t.Fatalf("the README shows %d settings files, want the quick start's and the Settings section's", len(blocks))
	}
	for i, b := range blocks {
		path := writeFile(t, "romaine.yaml", b[1])
		if f, err := readConfigFile(path, true); err != nil || len(f.values) == 0 {
			t.Errorf("the README's settings file %d: %v; want settings read from:\n%s", i+1, err, b[1])
		}
	}
}
