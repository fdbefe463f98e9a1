package report_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// runSuite runs features against handler with env (every other setting
// cleared), the core steps and more, and returns godog's status and the output.
func runSuite(t *testing.T, handler http.Handler, env map[string]string, more ...func(*godog.ScenarioContext)) (int, string) {
	t.Helper()
	for _, k := range []string{"ROMAINE_WORKERS", "ROMAINE_APP_CMD", "ROMAINE_APP_URL", "ROMAINE_READY_PATH", "ROMAINE_APP_RESET",
		"ROMAINE_TIMEOUT", "ROMAINE_START_TIMEOUT", "ROMAINE_BASE_PORT", "ROMAINE_HEADFUL", "ROMAINE_TAGS", "ROMAINE_FACTORY_PATH", "ROMAINE_REPORTS",
		"ROMAINE_RETRIES", "ROMAINE_ORDER", "ROMAINE_SHARD", "ROMAINE_FAIL_ON_FLAKY"} {
		t.Setenv(k, "")
	}
	t.Setenv("ROMAINE_FORMAT", "progress")
	t.Setenv("ROMAINE_ARTIFACTS", t.TempDir())
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out lockedbuf.Buffer
	s := terrain.New(terrain.WithSteps(append([]func(*godog.ScenarioContext){steps.Register}, more...)...), terrain.WithOutput(&out),
		terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) { return handler, nil, nil }}))
	return s.Run(), out.String()
}

// greeting is the app of the recorded run: a page whose Wave button never
// says goodbye.
var greeting = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte(`<!DOCTYPE html><title>Greeting</title><h1>Hello, reader</h1><button onclick="console.log('waved')">Wave</button>`))
})

// TestReportsOfARealRun records a real run (two workers, one failing scenario
// in Chromium), checks the three reports, then opens the HTML report with our
// own browser steps and reads it.
func TestReportsOfARealRun(t *testing.T) {
	dir := t.TempDir()
	status, out := runSuite(t, greeting, map[string]string{
		"ROMAINE_FEATURES": "testdata/features/greeting.feature",
		"ROMAINE_WORKERS":  "2",
		"ROMAINE_TIMEOUT":  "3s",
		"ROMAINE_REPORTS":  "junit:" + filepath.Join(dir, "junit.xml") + ",html:" + filepath.Join(dir, "report.html") + ",messages:" + filepath.Join(dir, "run.ndjson"),
	})
	if status == 0 {
		t.Fatalf("the run has a failing scenario and must fail:\n%s", out)
	}
	if !strings.Contains(out, "romaine: html report written to "+filepath.Join(dir, "report.html")) {
		t.Errorf("the run must say where the reports are:\n%s", out)
	}
	if os.Geteuid() == 0 && strings.Count(out, "romaine: Chrome runs with --no-sandbox (running as root") != 1 {
		t.Errorf("as root, the run must say once that Chrome runs without its sandbox:\n%s", out)
	}
	envs, err := report.ReadFiles(filepath.Join(dir, "run.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	report.CheckReferences(t, envs)
	run := report.Build(envs)
	if got := run.Tally(); got.Passed != 1 || got.Failed != 1 {
		t.Fatalf("want 1 passed and 1 failed scenario in the record, got %s:\n%s", got, out)
	}
	bad := run.Features[0].Scenarios[1]
	f := bad.Final().Failed()
	if f == nil || f.Text != `I should see "Goodbye"` || bad.Final().Worker == "" || bad.Key() != "testdata/features/greeting.feature:7" {
		t.Fatalf("the failed scenario's record: key %s worker %q failed step %+v", bad.Key(), bad.Final().Worker, f)
	}
	var names []string
	for _, a := range f.Attachments {
		names = append(names, a.FileName+"="+a.MediaType)
	}
	if got := strings.Join(names, " "); got != "screenshot.png=image/png page.html=text/html console.txt=text/plain" {
		t.Fatalf("the failed step's attachments: %s", got)
	}
	junit, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	if err != nil || !strings.Contains(string(junit), `[[ATTACHMENT|`+filepath.Join(dir, "junit-attachments")) {
		t.Fatalf("the JUnit report must reference the screenshot (%v):\n%s", err, junit)
	}

	// Open the HTML report as a user would, with our own steps.
	status, out = runSuite(t, http.FileServer(http.Dir(dir)), map[string]string{"ROMAINE_FEATURES": "testdata/read/report.feature"})
	if status != 0 {
		t.Fatalf("reading the report failed:\n%s", out)
	}
}

// TestEachAttemptKeepsItsOwnArtifacts: a scenario failing on its first
// attempt and on its retry saves two folders of artifacts. godog numbers
// steps afresh for every attempt, so a folder named by the step alone was
// written twice and the first attempt's screenshot lost.
func TestEachAttemptKeepsItsOwnArtifacts(t *testing.T) {
	artifacts := t.TempDir()
	status, out := runSuite(t, greeting, map[string]string{
		"ROMAINE_FEATURES":  "testdata/features/greeting.feature:7",
		"ROMAINE_TIMEOUT":   "2s",
		"ROMAINE_RETRIES":   "1",
		"ROMAINE_ARTIFACTS": artifacts,
	})
	if status == 0 {
		t.Fatalf("the scenario fails on both attempts; the run must fail:\n%s", out)
	}
	shots, err := filepath.Glob(filepath.Join(artifacts, "*", "*", "screenshot.png"))
	if err != nil {
		t.Fatal(err)
	}
	if len(shots) != 2 {
		t.Fatalf("want a screenshot of each of the 2 failed attempts, got %d: %v\n%s", len(shots), shots, out)
	}
}
