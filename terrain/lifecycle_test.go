package terrain_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/cucumber/godog"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/terrain"
)

func TestBeforeScenarioHookErrorReturnsTheWorker(t *testing.T) {
	var mu sync.Mutex
	var pagesLeft []int
	failed := false
	status, out, s := run(t, map[string]string{"ROMAINE_APP_CMD": staticSite(t)}, func(s *terrain.Suite) {
		s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
			mu.Lock()
			defer mu.Unlock()
			if !failed {
				failed = true
				return nil, errors.New("no test account today") // nil, as many hooks return with an error
			}
			return ctx, nil
		})
		s.AfterWorker(func(_ context.Context, w *terrain.Worker) error {
			targets, err := proto.TargetGetTargets{}.Call(terrain.BrowserOf(w).Rod())
			if err != nil {
				return err
			}
			n := 0
			for _, ti := range targets.TargetInfos {
				if ti.Type == proto.TargetTargetInfoTypePage {
					n++
				}
			}
			mu.Lock()
			pagesLeft = append(pagesLeft, n)
			mu.Unlock()
			return nil
		})
	})
	if status != 1 || !scenarios(out, 6, 5, 1) || !strings.Contains(out, "no test account today") {
		t.Fatalf("status %d; want the hook's scenario failed and the others passed; output:\n%s", status, out)
	}
	if terrain.WorkersStarted(s) != 1 {
		t.Errorf("%d workers started for scenarios run one at a time: the failed hook's worker was never returned", terrain.WorkersStarted(s))
	}
	// Only the spare page the worker prepares for its next scenario is left.
	if len(pagesLeft) != 1 || pagesLeft[0] != 1 {
		t.Errorf("pages open when the workers stopped: %v, want [1] (the spare one); a scenario's page was never closed", pagesLeft)
	}
}

func TestTagsInCucumberSyntax(t *testing.T) {
	site := staticSite(t)
	cases := []struct {
		reason, tags string
		want         []string
	}{
		{"not excludes", "not @wip", []string{"Tagged a", "Tagged b", "Tagged a and c"}},
		{"and needs both", "@a and @c", []string{"Tagged a and c"}},
		{"parentheses group", "(@a or @b) and not @c", []string{"Tagged a", "Tagged b"}},
		{"godog's own syntax still works", "@a && ~@c,@wip", []string{"Tagged a", "Tagged wip"}},
	}
	all := []string{"Tagged a", "Tagged b", "Tagged a and c", "Tagged wip"}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			var mu sync.Mutex
			ran := map[string]bool{}
			status, out, _ := run(t, map[string]string{
				"ROMAINE_APP_CMD": site, "ROMAINE_FEATURES": "testdata/features/tagged.feature", "ROMAINE_TAGS": c.tags,
			}, func(s *terrain.Suite) {
				s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
					mu.Lock()
					defer mu.Unlock()
					ran[sc.Name] = true
					return ctx, nil
				})
			})
			if status != 0 {
				t.Fatalf("status %d; output:\n%s", status, out)
			}
			for _, name := range all {
				if want := contains(c.want, name); ran[name] != want {
					t.Errorf("ROMAINE_TAGS=%q: scenario %q ran=%v, want %v", c.tags, name, ran[name], want)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestNoScenariosIsAFailure(t *testing.T) {
	cases := []struct {
		reason string
		env    map[string]string
		want   []string
	}{
		{"a folder without feature files", map[string]string{"ROMAINE_FEATURES": "testdata/features/empty"},
			[]string{"no scenario ran: none found in testdata/features/empty (ROMAINE_FEATURES)"}},
		{"tags that select nothing", map[string]string{"ROMAINE_FEATURES": "testdata/features/tagged.feature", "ROMAINE_TAGS": "@nightly"},
			[]string{"no scenario ran: none found in testdata/features/tagged.feature (ROMAINE_FEATURES) matching the tags \"@nightly\" (ROMAINE_TAGS)"}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			c.env["ROMAINE_APP_CMD"] = staticSite(t)
			status, out, _ := run(t, c.env, nil)
			if status == 0 {
				t.Fatalf("status 0 for a run of no scenario; output:\n%s", out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestHTTPStepHasADeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hang" {
			select { // an app that never answers (until the test ends)
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		_, _ = w.Write([]byte("<title>up</title>"))
	}))
	defer srv.Close()
	defer close(release)
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_URL": srv.URL, "ROMAINE_FEATURES": "testdata/features/http_hang.feature", "ROMAINE_TIMEOUT": "1s",
	}, nil)
	if status != 1 || !scenarios(out, 2, 1, 1) {
		t.Fatalf("status %d; want the hung request failed and the run gone on; output:\n%s", status, out)
	}
	if want := "GET " + srv.URL + "/hang: no complete answer within 1s (ROMAINE_TIMEOUT)"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

// partDies registers the step "When the worker's part dies", which runs die.
func partDies(die func(ctx context.Context, sc *terrain.Scenario) error) func(*terrain.Suite) {
	return func(s *terrain.Suite) {
		terrain.WithSteps(func(sc *godog.ScenarioContext) {
			sc.Step(`^the worker's part dies$`, func(ctx context.Context) error {
				scn, err := terrain.FromContext(ctx)
				if err != nil {
					return err
				}
				return die(ctx, scn)
			})
		})(s)
	}
}

func TestBrowserKilledMidRun(t *testing.T) {
	status, out, s := run(t, map[string]string{
		"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_FEATURES": "testdata/features/crashes.feature", "ROMAINE_WORKERS": "2",
	}, partDies(func(_ context.Context, sc *terrain.Scenario) error {
		return syscall.Kill(terrain.BrowserOf(sc.Worker).PID(), syscall.SIGKILL)
	}))
	if status != 1 || !scenarios(out, 6, 5, 1) {
		t.Fatalf("status %d; want only the scenario whose browser was killed failed; output:\n%s", status, out)
	}
	if !regexpMatch(`romaine: the browser of worker \d crashed`, out) || !regexpMatch(`romaine: worker \d: starting a new browser`, out) {
		t.Errorf("the crash is not named, or no new browser was started:\n%s", out)
	}
	if terrain.WorkersStarted(s) > 2 {
		t.Errorf("%d workers started at 2 workers: the worker should mend its browser, not be replaced", terrain.WorkersStarted(s))
	}
}

func TestAppExitsMidRun(t *testing.T) {
	dir := t.TempDir()
	status, out, _ := run(t, map[string]string{
		"ROMAINE_APP_CMD":  "echo $$ > " + dir + "/app-$ROMAINE_WORKER.pid; echo serving on $PORT; " + staticSite(t),
		"ROMAINE_FEATURES": "testdata/features/crashes.feature",
	}, partDies(func(_ context.Context, sc *terrain.Scenario) error {
		data, err := os.ReadFile(filepath.Join(dir, "app-"+strconv.Itoa(sc.Worker.Index)+".pid"))
		if err != nil {
			return err
		}
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
			return err
		}
		waitForListener(t, sc.Worker.Port, false)
		return nil
	}))
	if status != 1 || !scenarios(out, 6, 5, 1) {
		t.Fatalf("status %d; want only the scenario whose app exited failed, the app restarted for the others; output:\n%s", status, out)
	}
	for _, w := range []string{"romaine: worker 1: the app exited (status 143) during this scenario", "--- the app's last lines ---", "serving on", "starting it again"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestHungBrowserIsReplaced(t *testing.T) {
	t.Setenv("ROMAINE_ORDER", "defined") // the message below names the first scenario of the file
	var once sync.Once
	status, out, s := run(t, map[string]string{
		"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_TIMEOUT": "1s",
	}, func(s *terrain.Suite) {
		// After the first scenario, its browser stops answering (as a hung one does).
		s.AfterScenario(func(_ context.Context, sc *terrain.Scenario, _ error) error {
			var err error
			once.Do(func() { err = syscall.Kill(terrain.BrowserOf(sc.Worker).PID(), syscall.SIGSTOP) })
			return err
		})
	})
	// The scenario's steps had all passed: the hung close is printed, not failed.
	if status != 0 || !strings.Contains(out, "6 scenarios (6 passed)") {
		t.Fatalf("status %d; want every scenario passed and the run gone on past the hung browser; output:\n%s", status, out)
	}
	if want := "romaine: worker 1: the browser did not close the page of \"Reading the about page\" within 15s; it is replaced by a new browser"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if terrain.WorkersStarted(s) != 1 {
		t.Errorf("%d workers, want 1 that mended its browser", terrain.WorkersStarted(s))
	}
}

// scenarios reports whether godog's summary counts total scenarios, passed and failed.
func scenarios(out string, total, passed, failed int) bool {
	m := regexp.MustCompile(`(\d+) scenarios \(([^)]*)\)`).FindStringSubmatch(out)
	if m == nil || m[1] != strconv.Itoa(total) {
		return false
	}
	return strings.Contains(m[2], strconv.Itoa(passed)+" passed") && strings.Contains(m[2], strconv.Itoa(failed)+" failed")
}
