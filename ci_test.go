package romaine_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/romaine-bdd/romaine/internal/schedule"
)

// TestCIRecipes checks what can be checked here of docs/ci.md and the compose
// files: the YAML parses, each recipe has the parts the docs promise (shards
// that restore one timings file and never save it, one job that merges the
// reports and the timings and saves the timings once), and the make targets,
// commands and tests they call exist.
func TestCIRecipes(t *testing.T) {
	doc, err := os.ReadFile("docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	var nonGo, goGH, gl, k8s, hunt map[string]any
	for i, b := range blocks {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(b[1]), &m); err != nil {
			t.Fatalf("docs/ci.md YAML recipe %d does not parse: %v", i+1, err)
		}
		checkCommands(t, b[1])
		switch {
		case m["jobs"] != nil && strings.Contains(b[1], "ROMAINE_HUNT"):
			hunt = m
		case m["jobs"] != nil && strings.Contains(b[1], "romaine run"):
			nonGo = m
		case m["jobs"] != nil:
			goGH = m
		case m["kind"] == "Job":
			k8s = m
		case m["features"] != nil:
			gl = m
		}
	}
	if nonGo == nil || goGH == nil || gl == nil || k8s == nil || hunt == nil {
		t.Fatalf("docs/ci.md: want 5 YAML recipes (GitHub for an app in another language, GitHub for a Go suite, GitLab, Kubernetes, the nightly flake hunt), found %d", len(blocks))
	}
	if !strings.Contains(string(doc), "`DISABLE_ROD_FLAG` is not needed") {
		t.Error("docs/ci.md no longer says what DISABLE_ROD_FLAG is")
	}

	for name, gh := range map[string]map[string]any{"GitHub, another language": nonGo, "GitHub, Go": goGH} {
		checkGitHubShards(t, name, gh)
	}
	// An app in another language: romaine run, the app started by
	// ROMAINE_APP_CMD, no Go code of the user's own.
	job := dig(t, nonGo, "jobs", "features")
	if cmd, _ := dig(t, job, "env")["ROMAINE_APP_CMD"].(string); !regexp.MustCompile(`\b(python3?|node|npm)\b`).MatchString(cmd) {
		t.Errorf("GitHub, another language: ROMAINE_APP_CMD %q does not start a Python or Node app", cmd)
	}
	runs := runSteps(t, job)
	if !slices.ContainsFunc(runs, func(r string) bool {
		return strings.Contains(r, "github.com/romaine-bdd/romaine") && strings.Contains(r, "go install ./cmd/romaine")
	}) ||
		slices.ContainsFunc(runs, func(r string) bool { return strings.Contains(r, "go test") }) {
		t.Errorf("GitHub, another language: want romaine installed from a clone with go install (the module is not published yet) and no go test, got %q", runs)
	}
	if dig(t, goGH, "jobs", "features", "services", "chrome")["image"] == nil {
		t.Error("GitHub, Go: want a chrome service container")
	}

	features := dig(t, gl, "features")
	if features["parallel"] == nil || dig(t, features, "artifacts", "reports")["junit"] == nil {
		t.Error("GitLab: want parallel: and a JUnit report")
	}
	timings, _ := dig(t, gl, "variables")["ROMAINE_TIMINGS"].(string)
	if c := dig(t, features, "cache"); c["policy"] != "pull" || !slices.Contains(strs(c["paths"]), timings) {
		t.Errorf("GitLab: the shards must only pull the timings file %q from the cache, got %v", timings, c)
	}
	checkUploadsShardTimings(t, "GitLab", strs(dig(t, features, "artifacts")["paths"]), timings)
	rep := dig(t, gl, "report")
	if c := dig(t, rep, "cache"); c["key"] != dig(t, features, "cache")["key"] || !strings.Contains(c["policy"].(string), "push") {
		t.Errorf("GitLab: the report job must push the merged timings to the shards' cache, got %v", c)
	}
	checkMergesTimingsThenReports(t, "GitLab", strs(rep["script"]))

	checkKubernetesJob(t, k8s)

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

// checkGitHubShards: a matrix of shards, each restoring the one timings file
// and never saving it, uploading its messages report and its own timings; a
// merge job that restores the timings, merges the shards' into it, saves it
// once and merges the reports.
func checkGitHubShards(t *testing.T, name string, gh map[string]any) {
	t.Helper()
	timings, _ := dig(t, gh, "env")["ROMAINE_TIMINGS"].(string)
	if timings == "" {
		t.Fatalf("%s: want ROMAINE_TIMINGS for every job", name)
	}
	job := dig(t, gh, "jobs", "features")
	if shards := dig(t, job, "strategy", "matrix")["shard"]; len(shards.([]any)) < 2 {
		t.Errorf("%s: the matrix must list shards, got %v", name, shards)
	}
	env := dig(t, job, "env")
	if s, _ := env["ROMAINE_SHARD"].(string); !strings.Contains(s, "matrix.shard") {
		t.Errorf("%s: ROMAINE_SHARD %q is not built from the matrix", name, s)
	}
	if r, _ := env["ROMAINE_REPORTS"].(string); !strings.Contains(r, "messages:") {
		t.Errorf("%s: each shard must write a messages report (its plan is in it), got %q", name, r)
	}
	steps := stepsOf(t, job)
	if !restores(steps, timings) {
		t.Errorf("%s: every shard must restore %s from the cache", name, timings)
	}
	for _, s := range steps {
		if uses, _ := s["uses"].(string); strings.HasPrefix(uses, "actions/cache@") || strings.HasPrefix(uses, "actions/cache/save@") {
			t.Errorf("%s: a shard saves the cache (%s): shards that start later would be partitioned by another file", name, uses)
		}
	}
	i := slices.IndexFunc(steps, func(s map[string]any) bool { return strings.HasPrefix(s["uses"].(string), "actions/upload-artifact@") })
	if i < 0 {
		t.Fatalf("%s: the shards upload nothing", name)
	}
	checkUploadsShardTimings(t, name, strings.Fields(dig(t, steps[i], "with")["path"].(string)), timings)

	var merge map[string]any
	for _, j := range dig(t, gh, "jobs") {
		if j := j.(map[string]any); j["needs"] == "features" {
			merge = j
		}
	}
	if merge == nil {
		t.Fatalf("%s: no job waits for the shards to merge them", name)
	}
	steps = stepsOf(t, merge)
	if !restores(steps, timings) {
		t.Errorf("%s: the merge job must restore %s before merging the shards' timings into it", name, timings)
	}
	saved := slices.IndexFunc(steps, func(s map[string]any) bool {
		uses, _ := s["uses"].(string)
		return strings.HasPrefix(uses, "actions/cache/save@") && dig(t, s, "with")["path"] == timings
	})
	merged := slices.IndexFunc(steps, func(s map[string]any) bool { r, _ := s["run"].(string); return strings.Contains(r, "timings merge") })
	if saved < 0 || merged < 0 || merged > saved {
		t.Errorf("%s: the merge job must run `romaine timings merge`, then save %s to the cache", name, timings)
	}
	checkMergesTimingsThenReports(t, name, runSteps(t, merge))
}

// checkUploadsShardTimings: the files a shard writes its timings to are among what it uploads.
func checkUploadsShardTimings(t *testing.T, name string, paths []string, timings string) {
	t.Helper()
	want := schedule.ShardPath(timings, 2, 4)
	if !slices.ContainsFunc(paths, func(p string) bool { ok, _ := filepath.Match(p, want); return ok }) {
		t.Errorf("%s: the shards do not keep their timings (%s, ...): they keep %q", name, want, paths)
	}
}

func checkMergesTimingsThenReports(t *testing.T, name string, runs []string) {
	t.Helper()
	all := strings.Join(runs, "\n")
	if !strings.Contains(all, "timings merge") || !strings.Contains(all, "report merge") {
		t.Errorf("%s: after the shards, want `romaine timings merge` and `romaine report merge`, got %q", name, runs)
	}
}

// checkKubernetesJob: an indexed Job whose pods run Chrome beside the runner
// (a native sidecar, so the Job completes) and write reports and timings to a volume.
func checkKubernetesJob(t *testing.T, k8s map[string]any) {
	t.Helper()
	if dig(t, k8s, "spec")["completionMode"] != "Indexed" {
		t.Error("Kubernetes: want an indexed Job")
	}
	pod := dig(t, k8s, "spec", "template", "spec")
	sidecar := false
	for _, c := range list(pod["initContainers"]) {
		image, _ := c["image"].(string)
		sidecar = sidecar || (strings.Contains(image, "headless-shell") && c["restartPolicy"] == "Always")
	}
	if !sidecar {
		t.Error("Kubernetes: Chrome must be a native sidecar (an init container with restartPolicy: Always), or the pod never completes")
	}
	containers := list(pod["containers"])
	if len(containers) != 1 {
		t.Fatalf("Kubernetes: want the runner as the pod's one container, got %d", len(containers))
	}
	runner := containers[0]
	mounts := list(runner["volumeMounts"])
	if len(mounts) == 0 {
		t.Fatal("Kubernetes: the runner mounts no volume for its reports")
	}
	mount := mounts[0]["mountPath"].(string)
	if !slices.ContainsFunc(list(pod["volumes"]), func(v map[string]any) bool { return v["name"] == mounts[0]["name"] }) {
		t.Errorf("Kubernetes: the volume %v is mounted but not declared", mounts[0]["name"])
	}
	env := map[string]string{}
	for _, e := range list(runner["env"]) {
		env[e["name"].(string)], _ = e["value"].(string)
	}
	args := strings.Join(strs(runner["args"]), " ")
	for _, m := range regexp.MustCompile(`(?:messages|junit|html):(\S+?)(?:,|\s|$)`).FindAllStringSubmatch(args, -1) {
		if !strings.HasPrefix(m[1], mount+"/") {
			t.Errorf("Kubernetes: the report %s is not on the volume mounted at %s", m[1], mount)
		}
	}
	if !strings.Contains(args, "messages:") {
		t.Error("Kubernetes: each shard must write a messages report")
	}
	if !strings.HasPrefix(env["ROMAINE_TIMINGS"], mount+"/") {
		t.Errorf("Kubernetes: the timings file %q is not on the shared volume %s: the shards would not share it", env["ROMAINE_TIMINGS"], mount)
	}
}

func stepsOf(t *testing.T, job map[string]any) []map[string]any {
	t.Helper()
	steps := list(job["steps"])
	for _, s := range steps {
		if s["uses"] == nil {
			s["uses"] = ""
		}
	}
	return steps
}

func runSteps(t *testing.T, job map[string]any) []string {
	var out []string
	for _, s := range stepsOf(t, job) {
		if r, ok := s["run"].(string); ok {
			out = append(out, r)
		}
	}
	return out
}

func restores(steps []map[string]any, path string) bool {
	return slices.ContainsFunc(steps, func(s map[string]any) bool {
		with, _ := s["with"].(map[string]any)
		return strings.HasPrefix(s["uses"].(string), "actions/cache/restore@") && with["path"] == path
	})
}

func list(v any) []map[string]any {
	var out []map[string]any
	for _, x := range asSlice(v) {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func strs(v any) []string {
	var out []string
	for _, x := range asSlice(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

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
