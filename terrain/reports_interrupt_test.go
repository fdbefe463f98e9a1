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
// its reports: what finished, and the scenario that was running, unfinished.
func TestInterruptedRunWritesItsReports(t *testing.T) {
	dir := t.TempDir()
	messages, html := filepath.Join(dir, "run.ndjson"), filepath.Join(dir, "report.html")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		"ROMAINE_TEST_INTERRUPTED_SUITE="+dir, // TestMain plays the suite
		"ROMAINE_FEATURES=testdata/features/slow.feature",
		"ROMAINE_TIMEOUT=60s",
		"ROMAINE_ARTIFACTS="+filepath.Join(dir, "artifacts"),
		"ROMAINE_APP_CMD="+staticSite(t),
		"ROMAINE_REPORTS=messages:"+messages+",html:"+html,
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
	if len(run.Features) != 1 || len(run.Features[0].Scenarios) != 1 {
		t.Fatalf("want the running scenario in the record, got %d features; output:\n%s", len(run.Features), out.String())
	}
	// Stopped mid-step, the scenario either failed there (its browser closed under
	// it) or has a step with no result; it never passed.
	f := run.Features[0].Scenarios[0].Final().Failed()
	if f == nil || (f.Status == "UNKNOWN" && !strings.Contains(f.Error, "the run ended before this step finished")) {
		t.Errorf("the interrupted scenario must show as failed or unfinished, got %+v", f)
	}
	if _, err := os.Stat(html); err != nil {
		t.Errorf("no HTML report after Ctrl-C: %v", err)
	}
}
