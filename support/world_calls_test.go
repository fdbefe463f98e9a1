package support_test

import (
	"strconv"
	"testing"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/cdp"

	"github.com/romaine-bdd/romaine/support"
)

// Once a document has the script, a step is calls on it and the input it
// sends, nothing else: no world made again, no script sent again, no world
// looked up, nothing asked of the page's world (no custom element here).
// What the isolated world costs a step is these calls, one per check.
func TestAStepOnlyCallsTheScript(t *testing.T) {
	t.Parallel()
	var conn *counting
	own := ownBrowser(t, func(c *cdp.Client) rod.CDPClient { conn = &counting{Client: c}; return conn })
	srv := serve(t, site{"/": stepsPage})
	p, ctx := openOn(t, own, srv.URL, testPolicy, "/")
	if err := p.ExpectText(ctx, "First note"); err != nil { // the world is made here
		t.Fatal(err)
	}
	conn.mu.Lock()
	conn.calls = nil
	conn.mu.Unlock()
	for i := range 3 {
		note := "Note number " + strconv.Itoa(i)
		if err := p.Fill(ctx, support.Loc("Note"), note); err != nil {
			t.Fatal(err)
		}
		if err := p.Click(ctx, support.Loc("Add")); err != nil {
			t.Fatal(err)
		}
		if err := p.ExpectText(ctx, note); err != nil {
			t.Fatal(err)
		}
	}
	conn.mu.Lock()
	defer conn.mu.Unlock()
	n := map[string]int{}
	for _, m := range conn.calls {
		n[m]++
	}
	for m, k := range n {
		switch m {
		case "Runtime.callFunctionOn", "Input.insertText", "Input.dispatchMouseEvent":
		default:
			t.Errorf("9 steps sent %s %d times; want only calls on the script and input", m, k)
		}
	}
	// A fill and a click each check and then end their hit watch; a text check is one call.
	if k := n["Runtime.callFunctionOn"]; k < 15 || k > 20 {
		t.Errorf("9 steps made %d calls on the script; want 15 (2 per action, 1 per assertion), a few more if a check had to wait", k)
	}
}
