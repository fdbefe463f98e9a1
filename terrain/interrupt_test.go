package terrain_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// TestMain lets this test binary play the suite being interrupted.
func TestMain(m *testing.M) {
	if dir := os.Getenv("ROMAINE_TEST_INTERRUPTED_SUITE"); dir != "" {
		s := terrain.New(terrain.WithSteps(steps.Register))
		s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
			// Tell the parent the worker is up and a scenario is running.
			return ctx, os.WriteFile(filepath.Join(dir, "running"), []byte(strconv.Itoa(sc.Worker.Port)), 0o644)
		})
		os.Exit(s.Run())
	}
	os.Exit(m.Run())
}

func TestCtrlCStopsEverything(t *testing.T) {
	dir := t.TempDir()
	site := staticSite(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		"ROMAINE_TEST_INTERRUPTED_SUITE="+dir,
		"ROMAINE_FEATURES=testdata/features/slow.feature",
		"ROMAINE_TIMEOUT=60s",
		"ROMAINE_APP_CMD=echo $$ > "+filepath.Join(dir, "app.pid")+"; exec "+strings.TrimPrefix(site, "exec "),
	)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	// Wait (bounded) for the scenario to be running, then press Ctrl-C.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var port []byte
	for port == nil {
		select {
		case <-ctx.Done():
			_ = cmd.Process.Kill()
			t.Fatalf("the suite never started its scenario; output:\n%s", out.String())
		case err := <-done:
			t.Fatalf("the suite ended before the interrupt (%v); output:\n%s", err, out.String())
		case <-tick.C:
			port, _ = os.ReadFile(filepath.Join(dir, "running"))
		}
	}
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errorsAs(err, &exit) || exit.ExitCode() != 130 {
			t.Errorf("exit %v, want status 130 after Ctrl-C", err)
		}
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		t.Fatalf("the suite did not stop after Ctrl-C; output:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "interrupt: stopping 1 worker(s)") {
		t.Errorf("no word of stopping the workers; output:\n%s", out.String())
	}
	pidData, _ := os.ReadFile(filepath.Join(dir, "app.pid"))
	pid, _ := strconv.Atoi(strings.TrimSpace(string(pidData)))
	if pid == 0 {
		t.Fatal("the app's pid was not recorded")
	}
	if syscall.Kill(pid, 0) == nil {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the app (pid %d) outlived the interrupted run", pid)
	}
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}
