package terrain_test

import (
	"context"
	"sync"
	"testing"

	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/terrain"
)

// TestSharedBrowser: under ROMAINE_BROWSERS=shared two workers drive one
// browser (one DevTools address), each scenario in a context of its own.
func TestSharedBrowser(t *testing.T) {
	t.Setenv("ROMAINE_BROWSERS", "shared")
	var mu sync.Mutex
	seen := map[string]bool{}
	status, out, s := run(t, map[string]string{"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_WORKERS": "2"}, func(s *terrain.Suite) {
		s.BeforeScenario(func(ctx context.Context, sc *terrain.Scenario) (context.Context, error) {
			mu.Lock()
			seen[terrain.BrowserOf(sc.Worker).ControlURL] = true
			mu.Unlock()
			return ctx, nil
		})
	})
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	if terrain.WorkersStarted(s) != 2 || len(seen) != 1 {
		t.Errorf("%d workers used %d browsers (%v); want 2 workers on one shared browser", terrain.WorkersStarted(s), len(seen), seen)
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
