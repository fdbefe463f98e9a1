package terrain_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/report"
)

// A run stopped by Ctrl-C or SIGTERM (a CI job at its timeout) still writes
// its reports: what finished, the scenario that was running, unfinished, and
// the scenarios that never started, as not run (godog's summary counts them
// passed; Romaine's own line does not).
func TestInterruptedRunWritesItsReports(t *testing.T) {
	dir := t.TempDir()
	messages, html, junit := filepath.Join(dir, "run.ndjson"), filepath.Join(dir, "report.html"), filepath.Join(dir, "junit.xml")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		"ROMAINE_TEST_INTERRUPTED_SUITE="+dir, // TestMain plays the suite
		"ROMAINE_FEATURES=testdata/features/slow.feature testdata/features/static_site.feature",
		"ROMAINE_ORDER=defined", // the slow scenario first, the six others wait
		"ROMAINE_WORKERS=1",
		"ROMAINE_TIMEOUT=60s",
		"ROMAINE_TIMINGS="+filepath.Join(dir, "timings.json"),
		"ROMAINE_ARTIFACTS="+filepath.Join(dir, "artifacts"),
		"ROMAINE_APP_CMD="+staticSite(t),
		"ROMAINE_REPORTS=messages:"+messages+",html:"+html+",junit:"+junit,
	)
	out, done := startRunner(t, cmd)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	waitForFile(t, filepath.Join(dir, "running"), done, out)
	_ = interrupt(ctx, t, cmd, done, out) // how it exits is not what this test is about
	envs, err := report.ReadFiles(messages)
	if err != nil {
		t.Fatalf("no messages after Ctrl-C: %v; output:\n%s", err, out.String())
	}
	run := report.Build(envs)
	if len(run.Features) != 2 || len(run.Features[0].Scenarios) != 1 {
		t.Fatalf("want the running scenario and the six others in the record, got %d features; output:\n%s", len(run.Features), out.String())
	}
	// Stopped mid-step, the scenario either failed there (its browser closed under
	// it) or has a step with no result; it never passed.
	f := run.Features[0].Scenarios[0].Final().Failed()
	if f == nil || (f.Status == "UNKNOWN" && !strings.Contains(f.Error, "the run ended before this step finished")) {
		t.Errorf("the interrupted scenario must show as failed or unfinished, got %+v", f)
	}
	if got := run.Tally(); got != (report.Tally{Scenarios: 7, Failed: 1, NotRun: 6}) {
		t.Errorf("the record: %s; want the six scenarios that never started as not run", got)
	}
	if !strings.Contains(out.String(), "romaine: 7 scenarios: 0 passed, 1 failed, 0 flaky, 6 not run") || strings.Contains(out.String(), "disagree") {
		t.Errorf("Romaine's summary line must count the scenarios that never started as not run, and the reports agree with the run; output:\n%s", out.String())
	}
	if _, err := os.Stat(html); err != nil {
		t.Errorf("no HTML report after Ctrl-C: %v", err)
	}
	x, err := os.ReadFile(junit)
	if err != nil || strings.Count(string(x), `<skipped message="not run: before scenario hook failed: romaine: the run was interrupted (Ctrl-C or SIGTERM) before this scenario started">`) != 6 {
		t.Errorf("JUnit must skip the six scenarios that never started, saying why (%v):\n%s", err, x)
	}
}
