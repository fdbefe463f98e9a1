package terrain_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

const interruptMarker = "ROMAINE_TEST_SCHEDULE_INTERRUPT"

// init lets this test binary play a suite interrupted part way: it writes a
// file named after each scenario as it starts.
func init() {
	dir := os.Getenv(interruptMarker)
	if dir == "" {
		return
	}
	s := terrain.New(terrain.WithSteps(steps.Register))
	s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
		return ctx, os.WriteFile(filepath.Join(dir, "started-"+strings.ReplaceAll(sc.Name, " ", "-")), nil, 0o644)
	})
	os.Exit(s.Run())
}

func TestCtrlCLeavesNoProcessAndAValidTimingsFile(t *testing.T) {
	dir := t.TempDir()
	timings := filepath.Join(dir, "timings.json")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		interruptMarker+"="+dir,
		"ROMAINE_FEATURES=testdata/features/static_site.feature testdata/features/slow.feature",
		"ROMAINE_ORDER=defined", "ROMAINE_WORKERS=1", "ROMAINE_TIMEOUT=60s", "ROMAINE_PROGRESS=off",
		"ROMAINE_FORMAT=progress", "ROMAINE_TIMINGS="+timings, "ROMAINE_ARTIFACTS="+filepath.Join(dir, "artifacts"),
		"ROMAINE_APP_CMD="+staticSite(t),
	)
	out, done := startRunner(t, cmd)

	// The slow scenario runs after the six quick ones: interrupt it.
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	if !pollUntil(ctx, func() bool {
		_, err := os.Stat(filepath.Join(dir, "started-Waiting-for-text-that-never-comes"))
		return err == nil
	}) {
		_ = cmd.Process.Kill()
		t.Fatalf("the slow scenario never started; output:\n%s", out.String())
	}
	if err := interrupt(ctx, t, cmd, done, out); !exitedWith(err, 130) {
		t.Errorf("exit %v, want status 130 after Ctrl-C; output:\n%s", err, out.String())
	}

	data, err := os.ReadFile(timings)
	if err != nil {
		t.Fatalf("no timings file after Ctrl-C: %v; output:\n%s", err, out.String())
	}
	var f struct {
		Version   int `json:"romaine_timings"`
		Scenarios map[string]struct{ Seconds float64 }
	}
	if err := json.Unmarshal(data, &f); err != nil || f.Version != 1 {
		t.Fatalf("the timings file is not valid (%v):\n%s", err, data)
	}
	if len(f.Scenarios) != 6 {
		t.Errorf("%d scenarios timed, want the 6 that finished before Ctrl-C:\n%s", len(f.Scenarios), data)
	}
	for key, e := range f.Scenarios {
		if strings.HasPrefix(key, "testdata/features/slow.feature") || e.Seconds <= 0 {
			t.Errorf("timed %q at %vs: only finished scenarios have a time", key, e.Seconds)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".timings-*")); len(left) > 0 {
		t.Errorf("half-written timings left: %v", left)
	}

	// Every process the run started (app, browser and the browser's helpers)
	// inherited the marker; none may outlive the run.
	ctx, cancel = context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if !pollUntil(ctx, func() bool { return len(processesWith(interruptMarker+"="+dir)) == 0 }) {
		left := processesWith(interruptMarker + "=" + dir)
		t.Errorf("processes left after Ctrl-C: %v", left)
	}
}

// pollUntil polls cond until it holds or ctx ends.
func pollUntil(ctx context.Context, cond func() bool) bool {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
	return true
}

// processesWith lists the command lines of live processes whose environment holds entry.
func processesWith(entry string) []string {
	envs, _ := filepath.Glob("/proc/[0-9]*/environ")
	var found []string
	for _, e := range envs {
		data, err := os.ReadFile(e)
		if err != nil || !bytes.Contains(data, []byte("\x00"+entry+"\x00")) && !bytes.HasPrefix(data, []byte(entry+"\x00")) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join(filepath.Dir(e), "cmdline"))
		found = append(found, filepath.Dir(e)+": "+strings.ReplaceAll(string(cmdline), "\x00", " "))
	}
	return found
}
