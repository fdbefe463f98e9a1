package romaine_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestCIRecipes checks what can be checked here of docs/ci.md and the compose
// files: the YAML parses, each recipe has the parts the docs promise, and the
// make targets, commands and tests they call exist.
func TestCIRecipes(t *testing.T) {
	doc, err := os.ReadFile("docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) != 4 {
		t.Fatalf("docs/ci.md: want 4 YAML recipes (GitHub, GitLab, Kubernetes, the nightly flake hunt), found %d", len(blocks))
	}
	var parsed []map[string]any
	for i, b := range blocks {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(b[1]), &m); err != nil {
			t.Fatalf("docs/ci.md YAML recipe %d does not parse: %v", i+1, err)
		}
		parsed = append(parsed, m)
		checkCommands(t, b[1])
	}
	gh, gl, k8s, hunt := parsed[0], parsed[1], parsed[2], parsed[3]

	job := dig(t, gh, "jobs", "features")
	if shards := dig(t, job, "strategy", "matrix")["shard"]; len(shards.([]any)) < 2 {
		t.Errorf("GitHub: the matrix must list shards, got %v", shards)
	}
	if dig(t, job, "services", "chrome")["image"] == nil || dig(t, job, "env")["ROMAINE_SHARD"] == nil {
		t.Error("GitHub: want a chrome service container and ROMAINE_SHARD from the matrix")
	}
	if _, ok := dig(t, gh, "jobs", "report")["needs"]; !ok {
		t.Error("GitHub: the report job must wait for the shards")
	}
	features := dig(t, gl, "features")
	if features["parallel"] == nil || dig(t, features, "artifacts", "reports")["junit"] == nil {
		t.Error("GitLab: want parallel: and a JUnit report")
	}
	if k8s["kind"] != "Job" || dig(t, k8s, "spec")["completionMode"] != "Indexed" {
		t.Error("Kubernetes: want an indexed Job")
	}
	if dig(t, hunt, "on")["schedule"] == nil || dig(t, hunt, "jobs", "hunt", "env")["ROMAINE_HUNT"] == nil || dig(t, hunt, "jobs", "hunt", "env")["ROMAINE_SHARD"] != nil {
		t.Error("the nightly flake hunt: want a schedule, ROMAINE_HUNT and no shard")
	}

	compose, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := yaml.Unmarshal(compose, &c); err != nil {
		t.Fatalf("docker-compose.yml does not parse: %v", err)
	}
	runner := dig(t, c, "services", "runner")
	if dig(t, c, "services", "chrome")["image"] == nil || runner["build"] != "." || dig(t, runner, "environment")["ROMAINE_BROWSER_URL"] != "http://chrome:9222" {
		t.Errorf("docker-compose.yml: want a chrome service and a runner built from . that uses it, got %v", c)
	}
	if df, err := os.ReadFile("Dockerfile"); err != nil || !strings.HasPrefix(strings.TrimSpace(stripComments(string(df))), "FROM ") {
		t.Errorf("Dockerfile: want a FROM line first (%v)", err)
	}
}

// checkCommands: every `make X` names a Makefile target, every `go run ./P` an
// existing package, every `-run '^TestX$'` a test of this package.
func checkCommands(t *testing.T, recipe string) {
	t.Helper()
	makefile, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`\bmake ([a-z-]+)`).FindAllStringSubmatch(recipe, -1) {
		if !regexp.MustCompile(`(?m)^` + m[1] + `:`).Match(makefile) {
			t.Errorf("a recipe runs `make %s`, which the Makefile does not have", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`go run (\./\S+)`).FindAllStringSubmatch(recipe, -1) {
		if _, err := os.Stat(m[1]); err != nil {
			t.Errorf("a recipe runs `go run %s`, which does not exist", m[1])
		}
	}
	root, _ := os.ReadFile("romaine_test.go")
	for _, m := range regexp.MustCompile(`-run '\^(\w+)\$'`).FindAllStringSubmatch(recipe, -1) {
		if !strings.Contains(string(root), "func "+m[1]+"(") {
			t.Errorf("a recipe runs the test %s, which romaine_test.go does not have", m[1])
		}
	}
}

func dig(t *testing.T, m map[string]any, keys ...string) map[string]any {
	t.Helper()
	for i, k := range keys {
		next, ok := m[k].(map[string]any)
		if !ok {
			t.Fatalf("no mapping at %s", strings.Join(keys[:i+1], "."))
		}
		m = next
	}
	return m
}

func stripComments(s string) string {
	lines := strings.Split(s, "\n")
	return strings.Join(slices.DeleteFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "#") }), "\n")
}
