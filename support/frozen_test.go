package support_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// A click handler that never returns freezes the page: the click fails by the
// step's limit, and saving the artifacts gives up in bounded time, says what it
// could not save, and still writes what it knows (console.txt).
func TestFrozenPageFailsTheStepAndTheArtifactsGiveUp(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<button onclick="console.log('freezing'); while (true) {}">Freeze</button>`})
	// A bound for the test itself: without the fix it would hang forever.
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	err := p.Click(ctx, support.Loc("Freeze"))
	te := wantTimeout(t, err, "busy or stuck")
	if te.Timeout > testPolicy.Timeout {
		t.Errorf("the error reports a limit of %s, want the step's %s", te.Timeout, testPolicy.Timeout)
	}
	dir := filepath.Join(t.TempDir(), "artifacts")
	_, err = p.SaveArtifacts(ctx, dir)
	if err == nil || !strings.Contains(err.Error(), "screenshot: not saved: the page did not answer") {
		t.Errorf("SaveArtifacts on a frozen page: %v; want it to say the screenshot was not saved", err)
	}
	if ctx.Err() != nil {
		t.Fatal("the test's own bound ran out: something still hangs on a frozen page")
	}
	console, rerr := os.ReadFile(filepath.Join(dir, "console.txt"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	if !strings.Contains(string(console), "url: http://127.0.0.1:") {
		t.Errorf("console.txt lacks the page's address:\n%s", console)
	}
}
