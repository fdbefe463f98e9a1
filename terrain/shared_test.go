package terrain_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/terrain"
)

// TestSharedBrowser: under ROMAINE_BROWSERS=shared two workers drive one
// browser, each over a connection of its own, each scenario in a browser
// context of its own. (It once checked only that both named one address.)
func TestSharedBrowser(t *testing.T) {
	t.Setenv("ROMAINE_BROWSERS", "shared")
	var mu sync.Mutex
	endpoints := map[string]bool{}
	conns := map[int]*rod.Browser{}       // worker -> its connection
	contexts := map[int]map[string]bool{} // worker -> its scenarios' browser contexts
	seenFrom := map[int]map[string]bool{} // worker -> the page contexts its connection lists
	status, out, s := run(t, map[string]string{"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_WORKERS": "2"}, func(s *terrain.Suite) {
		s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
			b := terrain.BrowserOf(sc.Worker)
			tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			targets, err := proto.TargetGetTargets{}.Call(b.Rod().Context(tctx))
			if err != nil {
				return ctx, err
			}
			mu.Lock()
			defer mu.Unlock()
			i := sc.Worker.Index
			endpoints[b.ControlURL] = true
			if conns[i] != nil && conns[i] != b.Rod() {
				t.Errorf("worker %d changed connections between scenarios", i)
			}
			conns[i] = b.Rod()
			if contexts[i] == nil {
				contexts[i], seenFrom[i] = map[string]bool{}, map[string]bool{}
			}
			contexts[i][string(sc.Page.Rod().Browser().BrowserContextID)] = true
			for _, ti := range targets.TargetInfos {
				if ti.Type == proto.TargetTargetInfoTypePage {
					seenFrom[i][string(ti.BrowserContextID)] = true
				}
			}
			return ctx, nil
		})
	})
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	if terrain.WorkersStarted(s) != 2 || len(conns) != 2 || len(endpoints) != 1 {
		t.Fatalf("%d workers, %d ran scenarios, on %d DevTools addresses (%v); want 2 workers on one shared browser", terrain.WorkersStarted(s), len(conns), len(endpoints), endpoints)
	}
	if conns[1] == conns[2] {
		t.Error("the two workers share one connection; each must have its own (it reads only its own pages' events)")
	}
	for c := range contexts[1] {
		if contexts[2][c] {
			t.Errorf("browser context %s served scenarios of both workers", c)
		}
	}
	// One browser: a worker's connection lists the other worker's pages.
	sees := func(i, j int) bool {
		for c := range contexts[j] {
			if seenFrom[i][c] {
				return true
			}
		}
		return false
	}
	if !sees(1, 2) && !sees(2, 1) {
		t.Errorf("neither worker's browser lists the other's pages: they are two browsers (contexts %v; seen %v)", contexts, seenFrom)
	}
}

// TestSharedBrowserCrashes: when the shared browser crashes, only the
// scenarios running on it fail; it is started again once and the run goes on.
func TestSharedBrowserCrashes(t *testing.T) {
	t.Setenv("ROMAINE_BROWSERS", "shared")
	status, out, s := run(t, map[string]string{
		"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_FEATURES": "testdata/features/crashes.feature", "ROMAINE_WORKERS": "2",
	}, partDies(func(_ context.Context, sc *terrain.Scenario) error {
		_ = proto.BrowserCrash{}.Call(terrain.BrowserOf(sc.Worker).Rod()) // it never answers: it crashed
		return nil
	}))
	failed := 0
	for n := range 3 {
		if scenarios(out, 6, 6-n, n) {
			failed = n
		}
	}
	// The other worker's scenario fails too when it was running at the crash.
	if status != 1 || failed < 1 {
		t.Fatalf("status %d; want the scenario that crashed the browser (and at most the one beside it) failed, the rest passed; output:\n%s", status, out)
	}
	if !regexpMatch(`romaine: the browser of worker \d crashed`, out) || !regexpMatch(`romaine: worker \d: starting a new browser`, out) {
		t.Errorf("the crash is not named, or no new browser was started:\n%s", out)
	}
	if terrain.WorkersStarted(s) > 2 {
		t.Errorf("%d workers started at 2 workers: the workers should reconnect, not be replaced", terrain.WorkersStarted(s))
	}
}
