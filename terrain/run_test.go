package terrain_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/internal/ports"
	"github.com/romaine-bdd/romaine/internal/testenv"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// startEnv is the environment the test process was started with.
var startEnv = os.Environ()

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// run runs a suite over testdata features with env set (every other ROMAINE_
// variable cleared), and returns godog's status and everything the run printed,
// without colours. setup, when given, registers hooks before the run.
func run(t *testing.T, env map[string]string, setup func(*terrain.Suite)) (int, string, *terrain.Suite) {
	t.Helper()
	return runWith(t, env, nil, setup)
}

// runWith is run with more options for the suite.
func runWith(t *testing.T, env map[string]string, opts []terrain.Option, setup func(*terrain.Suite)) (int, string, *terrain.Suite) {
	t.Helper()
	base := map[string]string{
		"ROMAINE_FEATURES":  "testdata/features/static_site.feature",
		"ROMAINE_FORMAT":    "progress",
		"ROMAINE_ARTIFACTS": t.TempDir(),
		"ROMAINE_TIMINGS":   filepath.Join(t.TempDir(), "timings.json"),
	}
	for k, v := range env {
		base[k] = v
	}
	// Every ROMAINE_ variable the test process was started with is cleared (a
	// developer's own settings must not change a test); the test's own
	// t.Setenv calls before run are kept.
	for _, kv := range startEnv {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "ROMAINE_") {
			if _, ok := base[k]; !ok {
				base[k] = ""
			}
		}
	}
	for k, v := range base {
		t.Setenv(k, v)
	}
	var out lockedbuf.Buffer
	s := terrain.New(append([]terrain.Option{terrain.WithSteps(steps.Register), terrain.WithSuggestions(steps.Suggest), terrain.WithOutput(&out)}, opts...)...)
	if setup != nil {
		setup(s)
	}
	status := s.Run()
	return status, ansi.ReplaceAllString(out.String(), ""), s
}

// staticSite is an app command nobody here wrote: Python's file server.
func staticSite(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		if testenv.Required() {
			t.Fatal("python3 is needed for the static-site tests, and CI machines (and make test) must run them")
		}
		t.Skip("python3 not installed")
	}
	dir, err := filepath.Abs("testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	return "exec python3 -m http.server $PORT --bind 127.0.0.1 --directory " + dir
}

func TestStaticSiteWithSeveralWorkers(t *testing.T) {
	var mu sync.Mutex
	ports := map[int]int{} // worker index -> port
	status, out, s := run(t, map[string]string{"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_WORKERS": "3"}, func(s *terrain.Suite) {
		s.BeforeWorker(func(_ context.Context, w *terrain.Worker) error {
			mu.Lock()
			defer mu.Unlock()
			ports[w.Index] = w.Port
			return nil
		})
	})
	if status != 0 {
		t.Fatalf("status %d, want 0; output:\n%s", status, out)
	}
	if !strings.Contains(out, "6 scenarios (6 passed)") {
		t.Errorf("want 4 passed scenarios in the summary; output:\n%s", out)
	}
	if n := terrain.WorkersStarted(s); n < 2 || n > 3 {
		t.Errorf("%d workers started for 6 scenarios run 3 at a time; want 2 or 3 (one per concurrent scenario, never more)", n)
	}
	if len(ports) != terrain.WorkersStarted(s) {
		t.Errorf("before-worker hook ran %d times for %d workers", len(ports), terrain.WorkersStarted(s))
	}
	seen := map[int]bool{}
	for i, p := range ports {
		if seen[p] {
			t.Errorf("worker %d got port %d, which another worker had", i, p)
		}
		seen[p] = true
		// After the run every app is stopped: nothing answers on its port.
		if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(p)); err == nil {
			c.Close()
			t.Errorf("worker %d's app still answers on port %d after the run", i, p)
		}
	}
}

func TestConfigurationErrors(t *testing.T) {
	folder := t.TempDir()
	aFile := filepath.Join(folder, "a-file")
	if err := os.WriteFile(aFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		reason string
		env    map[string]string
		want   []string
	}{
		{"a count must be a number", map[string]string{"ROMAINE_WORKERS": "two"},
			[]string{`ROMAINE_WORKERS="two" is not valid`, "a whole number, 1 or more"}},
		{"zero workers can run nothing", map[string]string{"ROMAINE_WORKERS": "0"},
			[]string{"ROMAINE_WORKERS=0", "must be 1 or more"}},
		{"a timeout needs a unit", map[string]string{"ROMAINE_TIMEOUT": "5"},
			[]string{`ROMAINE_TIMEOUT="5" is not valid`, "5s or 1500ms"}},
		{"an app is started or reached, not both", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_APP_URL": "http://127.0.0.1:1"},
			[]string{"ROMAINE_APP_CMD and ROMAINE_APP_URL are both set"}},
		{"the app URL must be http", map[string]string{"ROMAINE_APP_URL": "localhost:3000"},
			[]string{`ROMAINE_APP_URL="localhost:3000" is not an http(s) URL`, "http://127.0.0.1:3000"}},
		{"features must exist", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_FEATURES": "no/such/dir"},
			[]string{`ROMAINE_FEATURES names "no/such/dir", which does not exist`}},
		{"a configured browser must exist", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_BROWSER": "/no/such/chrome"},
			[]string{`ROMAINE_BROWSER="/no/such/chrome" is not an executable file`, "/usr/bin/chromium"}},
		{"no app at all", map[string]string{},
			[]string{"no app to test", "ROMAINE_APP_CMD", "ROMAINE_APP_URL"}},
		{"a shared app cannot be reset under concurrent scenarios", map[string]string{"ROMAINE_APP_URL": "http://127.0.0.1:1", "ROMAINE_APP_RESET": "/reset", "ROMAINE_WORKERS": "2"},
			[]string{"all workers share the one running app", "ROMAINE_WORKERS=1"}},
		{"a tag expression must parse (godog itself panics on this one)", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_TAGS": "@a &&"},
			[]string{`ROMAINE_TAGS="@a &&" is not a tag expression`, "not @wip", "(@a or @b) and not @slow"}},
		{"a Cucumber tag expression must parse", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_TAGS": "(@a or @b"},
			[]string{`ROMAINE_TAGS="(@a or @b" is not a tag expression`, "Unmatched ("}},
		{"a dangling operator is no tag expression", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_TAGS": "@a and"},
			[]string{`ROMAINE_TAGS="@a and" is not a tag expression`, "operator lacks its operand"}},
		{"tags start with @", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_TAGS": "not wip"},
			[]string{`"wip" is not a tag; tags start with @, e.g. @wip`}},
		{"a browser setting must name a browser", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_BROWSER": "/bin/ls"},
			[]string{`ROMAINE_BROWSER="/bin/ls" is not a Chrome or Chromium browser`, "--version", "/usr/bin/chromium"}},
		{"a browser setting must name a program that runs", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_BROWSER": "/bin/false"},
			[]string{`ROMAINE_BROWSER="/bin/false" is not a Chrome or Chromium browser`, "running it with --version failed (exit status 1"}},
		{"an app URL where nothing listens is reported at once", map[string]string{"ROMAINE_APP_URL": "http://127.0.0.1:" + strconv.Itoa(closedPort(t)) + "/shop"},
			[]string{"nothing answers at ROMAINE_APP_URL: tried GET http://127.0.0.1:", "/shop/", "connection refused", "Start the app before the run"}},
		{"a factory path names the model", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_FACTORY_PATH": "/factories"},
			[]string{`ROMAINE_FACTORY_PATH="/factories" has no {model}`}},
		{"a reset path is a path", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_APP_RESET": "reset"},
			[]string{`ROMAINE_APP_RESET="reset" must be a path starting with /`}},
		{"a report is a file, not a folder", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_REPORTS": "junit:" + folder},
			[]string{`ROMAINE_REPORTS="junit:` + folder + `"`, "junit:" + folder + " cannot be written: it is a folder", "e.g. junit:reports/junit.xml"}},
		{"a report is written where files can be made", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_REPORTS": "messages:/proc/x.ndjson"},
			[]string{"messages:/proc/x.ndjson cannot be written: no file can be created in /proc", "e.g. messages:reports/run.ndjson"}},
		{"a report's folder cannot be a file", map[string]string{"ROMAINE_APP_CMD": "true", "ROMAINE_REPORTS": "html:" + aFile + "/sub/report.html"},
			[]string{aFile + " is a file, not a folder", "e.g. html:reports/report.html"}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			status, out, s := run(t, c.env, nil)
			if status != 2 {
				t.Errorf("status %d, want 2 (configuration error)", status)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "$PORT") && c.env["ROMAINE_APP_URL"] != "" {
				t.Errorf("advice about $PORT for an app given by URL:\n%s", out)
			}
			if terrain.WorkersStarted(s) != 0 {
				t.Errorf("%d workers started; a bad configuration must stop the run before any", terrain.WorkersStarted(s))
			}
		})
	}
}

func TestAppThatExitsIsReportedWithItsOutput(t *testing.T) {
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD": `echo "cannot open database shop.db" >&2; exit 3`,
	}, nil)
	if status == 0 {
		t.Fatalf("status 0 for an app that cannot start; output:\n%s", out)
	}
	for _, w := range []string{"worker 1: the app exited before it was ready", "(status 3)", "Check ROMAINE_APP_CMD", "cannot open database shop.db"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	// Every scenario fails, but the app's output is shown once (past the
	// configuration line, which shows the command); the start is tried twice
	// (once more after the first failure), then never again.
	_, out, _ = strings.Cut(out, "\n")
	if n := strings.Count(out, "cannot open database shop.db"); n != 1 {
		t.Errorf("the app's output is shown %d times, want once:\n%s", n, out)
	}
	if n := strings.Count(out, "worker 1 did not start"); n != 1 {
		t.Errorf("%d retries announced, want 1:\n%s", n, out)
	}
	if n := strings.Count(out, "no worker could start: worker 1: the app exited before it was ready (status 3)"); n != 5 {
		t.Errorf("%d later scenarios point at the first error, want 5:\n%s", n, out)
	}
}

func TestAppThatPrintsALotShowsItsLastLinesOnce(t *testing.T) {
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD": `i=0; while [ $i -lt 3000 ]; do echo "migrating table $i of 3000"; i=$((i+1)); done; echo "panic: disk full" >&2; exit 2`,
	}, nil)
	if status == 0 {
		t.Fatalf("status 0 for an app that crashed; output:\n%s", out)
	}
	_, out, _ = strings.Cut(out, "\n") // past the configuration line, which shows the command
	for _, w := range []string{"--- the app's last lines ---", "(earlier output left out)", "migrating table 2999 of 3000", "panic: disk full"} {
		if n := strings.Count(out, w); n != 1 {
			t.Errorf("%q appears %d times, want once:\n%s", w, n, out)
		}
	}
	if strings.Contains(out, "migrating table 100 of 3000") {
		t.Errorf("early output is shown; only the last lines should be")
	}
	if len(out) > 16<<10 {
		t.Errorf("the run printed %d bytes for one crashed app", len(out))
	}
}

func TestWorkerStartIsRetried(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "tried")
	status, out, s := run(t, map[string]string{
		// Fails its first start only, as a port or a cache might.
		"ROMAINE_APP_CMD": "if [ ! -e " + marker + " ]; then touch " + marker + "; echo first start fails; exit 1; fi; " + staticSite(t),
	}, nil)
	if status != 0 || !strings.Contains(out, "6 scenarios (6 passed)") {
		t.Fatalf("status %d; a start that failed once must be tried again; output:\n%s", status, out)
	}
	if !strings.Contains(out, "romaine: worker 1 did not start (worker 1: the app exited before it was ready (status 1)") || !strings.Contains(out, "trying again") {
		t.Errorf("the retry is not announced:\n%s", out)
	}
	if terrain.WorkersStarted(s) != 1 {
		t.Errorf("%d workers started, want 1", terrain.WorkersStarted(s))
	}
}

// closedPort is a port nothing listens on.
func closedPort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// waitForListener waits (bounded) until something listens on port, or nothing does.
func waitForListener(t *testing.T, port int, listening bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			c.Close()
		}
		if (err == nil) == listening {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("port %d: listening=%v after 30s, want %v%s", port, err == nil, listening, portHolder(port))
		case <-tick.C:
		}
	}
}

// portHolder names the processes listening on port, from /proc (for a
// failure's message: a port still listening after its app was killed may be
// the app, or another run's that took the port since).
func portHolder(port int) string {
	inodes := map[string]bool{}
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, _ := os.ReadFile(f)
		for _, line := range strings.Split(string(data), "\n")[1:] {
			fs := strings.Fields(line)
			// local_address is HEXIP:HEXPORT; state 0A is LISTEN; field 9 the inode.
			if len(fs) > 9 && fs[3] == "0A" && strings.HasSuffix(fs[1], fmt.Sprintf(":%04X", port)) {
				inodes["socket:["+fs[9]+"]"] = true
			}
		}
	}
	var who []string
	procs, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range procs {
		if l, err := os.Readlink(fd); err == nil && inodes[l] {
			pid := strings.Split(fd, "/")[2]
			cmd, _ := os.ReadFile("/proc/" + pid + "/cmdline")
			who = append(who, fmt.Sprintf("pid %s (%s)", pid, strings.ReplaceAll(strings.TrimSpace(string(cmd)), "\x00", " ")))
		}
	}
	if len(who) == 0 {
		return ""
	}
	return "; listening: " + strings.Join(slices.Compact(who), ", ")
}

func TestAppThatNeverGetsReadyIsStoppedAndReported(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD":       "echo $$ > " + pidFile + "; echo listening soon; exec sleep 60",
		"ROMAINE_START_TIMEOUT": "1s",
		"ROMAINE_READY_PATH":    "/health",
	}, nil)
	if status == 0 {
		t.Fatalf("status 0 for an app that never got ready; output:\n%s", out)
	}
	for _, w := range []string{"the app was not ready after 1s (connection refused)", "/health", "ROMAINE_READY_PATH", "ROMAINE_START_TIMEOUT", "listening soon"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the app command did not run: %v", err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	if err := syscall.Kill(pid, 0); err == nil {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the app (pid %d) is still running after the run ended", pid)
	}
}

func TestBasePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	status, out, _ := run(t, map[string]string{"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_BASE_PORT": strconv.Itoa(port)}, nil)
	if status == 0 {
		t.Fatalf("status 0 with the app's port taken; output:\n%s", out)
	}
	for _, w := range []string{fmt.Sprintf("worker 1 needs port %d", port), "already in use", "Choose another ROMAINE_BASE_PORT", "unset ROMAINE_BASE_PORT"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestFailedStepSavesThePage(t *testing.T) {
	artifacts := t.TempDir()
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD":   staticSite(t),
		"ROMAINE_FEATURES":  "testdata/features/failing.feature",
		"ROMAINE_TIMEOUT":   "1s",
		"ROMAINE_ARTIFACTS": artifacts,
	}, nil)
	if status != 1 {
		t.Fatalf("status %d, want 1 (a scenario failed); output:\n%s", status, out)
	}
	for _, w := range []string{`timed out after 1s waiting to click "Sign up"`, `no button, link, field or visible text "Sign up"`, "page saved in " + artifacts, "factory seed"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	// A timeout is saved like any other failure: the hook's "page saved in DIR"
	// comes first, godog joins the step's own error after it.
	saved := regexp.MustCompile(`page saved in ` + regexp.QuoteMeta(artifacts) + `/\S+, timed out after 1s waiting to click "Sign up"`)
	if !saved.MatchString(out) {
		t.Errorf("output does not read %q:\n%s", saved, out)
	}
	for _, name := range []string{"screenshot.png", "page.html", "console.txt"} {
		matches, _ := filepath.Glob(filepath.Join(artifacts, "*", "*", name))
		if len(matches) != 1 {
			t.Errorf("want one %s under %s, found %v", name, artifacts, matches)
		}
	}
}

func TestUndefinedStepSuggestsTheCloseOne(t *testing.T) {
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD":  staticSite(t),
		"ROMAINE_FEATURES": "testdata/features/undefined.feature",
	}, nil)
	if status == 0 {
		t.Fatalf("status 0 with an undefined step (strict mode); output:\n%s", out)
	}
	for _, w := range []string{`romaine: undefined step "I clik \"About us\""; did you mean:`, `When I click "LOCATOR"`,
		"You can implement step definitions for undefined steps with these snippets"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestAppAlreadyRunningIsShared(t *testing.T) {
	lease, err := ports.Take(0)
	if err != nil {
		t.Fatal(err)
	}
	defer lease.Release()
	lease.Unbind()
	app := exec.Command("sh", "-c", strings.Replace(staticSite(t), "$PORT", strconv.Itoa(lease.Port), 1))
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = app.Process.Kill(); _ = app.Wait() }()
	waitForListener(t, lease.Port, true)
	status, out, s := run(t, map[string]string{
		"ROMAINE_APP_URL": "http://127.0.0.1:" + strconv.Itoa(lease.Port) + "/",
		"ROMAINE_WORKERS": "2",
	}, func(s *terrain.Suite) {
		s.BeforeWorker(func(_ context.Context, w *terrain.Worker) error {
			if w.Port != 0 || !strings.HasSuffix(w.BaseURL, strconv.Itoa(lease.Port)) {
				return fmt.Errorf("worker %d: port %d, base %s; want the running app's URL and no port of its own", w.Index, w.Port, w.BaseURL)
			}
			return nil
		})
	})
	if status != 0 || !strings.Contains(out, "6 scenarios (6 passed)") {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	if terrain.WorkersStarted(s) < 1 {
		t.Error("no worker started")
	}
}

func TestStateStepsNameControlsNotText(t *testing.T) {
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD":  staticSite(t),
		"ROMAINE_FEATURES": "testdata/features/state_of_text.feature",
		"ROMAINE_TIMEOUT":  "500ms",
	}, nil)
	if status != 1 {
		t.Fatalf("status %d: text that is no control was found enabled; output:\n%s", status, out)
	}
	if want := `no button, link or field with that text, label, placeholder, aria-label, title, name or id "Subscribed readers"`; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
