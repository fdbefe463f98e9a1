package terrain_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/internal/testenv"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// TestMain lets this test binary play the suite being interrupted.
func TestMain(m *testing.M) {
	if dir := os.Getenv("ROMAINE_TEST_INTERRUPTED_SUITE"); dir != "" {
		s := terrain.New(terrain.WithSteps(steps.Register, func(sc *godog.ScenarioContext) {
			sc.Step(`^the worker's part dies$`, func(ctx context.Context) error {
				return terrain.InScenario(ctx, func(sc *terrain.Scenario) error {
					return syscall.Kill(terrain.BrowserOf(sc.Worker).PID(), syscall.SIGKILL)
				})
			})
		}))
		s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
			// Tell the parent the worker is up and a scenario is running.
			return ctx, os.WriteFile(filepath.Join(dir, "running"), []byte(strconv.Itoa(sc.Worker.Port)), 0o644)
		})
		os.Exit(s.Run())
	}
	status := m.Run()
	// No call of the library's code (terrain, steps, support) may go to the
	// browser without a deadline: a browser that stops answering would hold it.
	if testenv.CallsWithoutDeadline(os.Stderr, "github.com/romaine-bdd/romaine/") > 0 {
		status = 1
	}
	os.Exit(status)
}

func TestCtrlCStopsEverything(t *testing.T) {
	dir := t.TempDir()
	site := staticSite(t)
	cmd, out, done := startSuite(t, dir,
		"ROMAINE_FEATURES=testdata/features/slow.feature",
		"ROMAINE_TIMEOUT=60s",
		"ROMAINE_APP_CMD=echo $$ > "+filepath.Join(dir, "app.pid")+"; exec "+strings.TrimPrefix(site, "exec "),
	)

	// Wait (bounded) for the scenario to be running, then press Ctrl-C.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	waitForFile(t, filepath.Join(dir, "running"), done, out)
	if err := interrupt(ctx, t, cmd, done, out); !exitedWith(err, 130) {
		t.Errorf("exit %v, want status 130 after Ctrl-C", err)
	}
	if !strings.Contains(out.String(), "interrupt: stopping 1 worker(s)") {
		t.Errorf("no word of stopping the workers; output:\n%s", out.String())
	}
	// The run ended properly: godog wrote its report.
	if !strings.Contains(out.String(), "1 scenarios (") {
		t.Errorf("no report from godog after Ctrl-C; output:\n%s", out.String())
	}
	// The step cut short says why, and nothing else: the page is not saved
	// from a browser the run has just closed.
	if strings.Contains(out.String(), "saving page artifacts") {
		t.Errorf("after Ctrl-C the step's error tells of page artifacts that could not be saved; output:\n%s", out.String())
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

// interrupt presses Ctrl-C on the runner behind done and returns how it
// exited; it fails the test when the runner is still there at ctx's end.
func interrupt(ctx context.Context, t *testing.T, cmd *exec.Cmd, done chan error, out *lockedbuf.Buffer) error {
	t.Helper()
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		t.Fatalf("the suite did not stop after Ctrl-C; output:\n%s", out.String())
		return nil
	}
}

// exitedWith reports whether err is a process's exit with that status.
func exitedWith(err error, status int) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() == status
}

// A runner killed by SIGKILL leaves no app, browser or temporary folder
// behind, also when it was started with hangups ignored (nohup, some CI
// agents): the app's guard once relied on SIGHUP, which it then could not
// trap, and the app went on serving.
func TestKilledRunnerLeavesNothingRunning(t *testing.T) {
	t.Run("plain", func(t *testing.T) { killedRunnerLeavesNothing(t, false) })
	t.Run("nohup", func(t *testing.T) { killedRunnerLeavesNothing(t, true) })
}

func killedRunnerLeavesNothing(t *testing.T, nohup bool) {
	// TMPDIR short: Chrome's profile lies under it, and a long path makes
	// Chrome abort on its singleton socket's name.
	dir, tmp := t.TempDir(), shortTempDir(t)
	site := staticSite(t)
	start := startSuite
	if nohup {
		start = startSuiteIgnoringHangups
	}
	cmd, out, done := start(t, dir,
		"TMPDIR="+tmp,
		"ROMAINE_FEATURES=testdata/features/slow.feature",
		"ROMAINE_TIMEOUT=60s",
		// The server is the shell's child, as with go run or npm start: the
		// shell alone getting a signal would leave it running.
		"ROMAINE_APP_CMD="+strings.TrimPrefix(site, "exec ")+" & echo $! > "+filepath.Join(dir, "app.pid")+"; wait",
	)
	port := waitForFile(t, filepath.Join(dir, "running"), done, out)
	runDirs, _ := filepath.Glob(filepath.Join(tmp, "romaine-run-*"))
	if len(runDirs) != 1 {
		t.Fatalf("want the run's one temporary folder in TMPDIR, found %v", runDirs)
	}

	_ = cmd.Process.Kill() // SIGKILL: the runner cleans nothing up itself
	<-done

	p, _ := strconv.Atoi(string(port))
	waitForListener(t, p, false)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(waitForFile(t, filepath.Join(dir, "app.pid"), nil, out))))
	waitFor(t, "the app process to end", func() bool { return !alive(pid) })
	waitFor(t, "the browser to end", func() bool { return len(processesMentioning(runDirs[0])) == 0 })

	// The next run removes what the killed one left in TMPDIR.
	t.Setenv("TMPDIR", tmp)
	status, out2, _ := run(t, map[string]string{"ROMAINE_APP_CMD": site, "ROMAINE_TAGS": "@none"}, nil)
	if _, err := os.Stat(runDirs[0]); err == nil {
		t.Errorf("%s, left by the killed run, is still there (status %d); output:\n%s", runDirs[0], status, out2)
	}
	if !strings.Contains(out2, "left by a run that was killed") {
		t.Errorf("the clean-up is not reported:\n%s", out2)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "romaine-[rc]*")); len(left) != 0 { // romaine-ports holds port locks, meant to stay
		t.Errorf("the second run left %v in TMPDIR", left)
	}
}

// startSuite starts this test binary playing the suite of TestMain
// (ROMAINE_TEST_INTERRUPTED_SUITE=dir, which it tells when a scenario runs),
// with env added to this process's environment.
func startSuite(t *testing.T, dir string, env ...string) (*exec.Cmd, *lockedbuf.Buffer, chan error) {
	t.Helper()
	return startSuiteBy(t, exec.Command(os.Args[0], "-test.run=^$"), dir, env...)
}

// startSuiteBy starts cmd, which runs this test binary as startSuite does.
func startSuiteBy(t *testing.T, cmd *exec.Cmd, dir string, env ...string) (*exec.Cmd, *lockedbuf.Buffer, chan error) {
	t.Helper()
	cmd.Env = append(append(os.Environ(), "ROMAINE_TEST_INTERRUPTED_SUITE="+dir), env...)
	out, done := startRunner(t, cmd)
	return cmd, out, done
}

// shortTempDir is a temporary directory with a short path, removed at the end.
func shortTempDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("", "rk")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

// startSuiteIgnoringHangups is startSuite under nohup: the runner starts
// with SIGHUP ignored, as its children then do (a shell execs it, same pid).
func startSuiteIgnoringHangups(t *testing.T, dir string, env ...string) (*exec.Cmd, *lockedbuf.Buffer, chan error) {
	t.Helper()
	return startSuiteBy(t, exec.Command("sh", "-c", `trap "" HUP; exec "$0" -test.run='^$'`, os.Args[0]), dir, env...)
}

// waitForFile waits (bounded) until path exists and returns its contents,
// failing early when the process behind done has ended.
// startRunner starts cmd (a runner subprocess) with its output in out, and
// reports its end on done.
func startRunner(t *testing.T, cmd *exec.Cmd) (out *lockedbuf.Buffer, done chan error) {
	t.Helper()
	out = &lockedbuf.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done = make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return out, done
}

func waitForFile(t *testing.T, path string, done chan error, out *lockedbuf.Buffer) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			return data
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s never appeared; output:\n%s", path, out.String())
		case err := <-done:
			t.Fatalf("the suite ended (%v) before %s appeared; output:\n%s", err, path, out.String())
		case <-tick.C:
		}
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if !pollUntil(ctx, cond) {
		t.Fatalf("waited 30s for %s", what)
	}
}

// processesMentioning lists the live processes whose command line contains s.
func processesMentioning(s string) []int { return chrome.ProcessesMentioning(s) }

// alive reports whether pid is a running process (a zombie serves nothing).
func alive(pid int) bool { return chrome.Alive(pid) }
