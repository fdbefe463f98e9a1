package support_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/support"
)

// hangPolicy is short, so that a test of every operation against a page or a
// browser that never answers takes seconds; its StepLimit bounds each.
var hangPolicy = support.Policy{Timeout: time.Second, Slice: 500 * time.Millisecond, Navigation: 2 * time.Second}

// hangPage has one control of each kind the operations act on.
const hangPage = `<h1>Controls</h1>
<label>Name <input id="name" value="x"></label>
<label>Colour <select><option>Red</option><option>Blue</option></select></label>
<label><input type="checkbox"> Agree</label> <label><input type="radio" name="r"> Express</label>
<label>Receipt <input type="file"></label>
<button>Save</button> <span>Tip</span> <p id="total">Total 42</p>
<div role="combobox" aria-label="Size" tabindex="0" aria-expanded="false" aria-controls="sizes">M</div>
<ul role="listbox" id="sizes" hidden><li role="option">S</li><li role="option">L</li></ul>`

// operation is one public operation of a Page, and what its error must say
// on a page whose JavaScript is stuck (frozen) and on a browser that does not
// answer (silent); "" means it needs no answer from the page, and a leading
// "?" that it may not need one.
type operation struct {
	name           string
	do             func(ctx context.Context, p *support.Page) error
	frozen, silent string
}

const (
	stuck     = "busy or stuck"
	noAnswer  = "neither the page nor the browser answered"
	noBrowser = "the browser did not answer"
	notLoaded = "the page did not load within"
	// a page load of a browser that does not answer
	browserSilent = "the browser itself did not answer"
)

func operations(t *testing.T) []operation {
	file := filepath.Join(t.TempDir(), "receipt.txt")
	if err := os.WriteFile(file, []byte("paid"), 0o644); err != nil {
		t.Fatal(err)
	}
	return []operation{
		{"visit", func(ctx context.Context, p *support.Page) error { return p.Visit(ctx, "/?again") }, notLoaded, browserSilent},
		{"reload", func(ctx context.Context, p *support.Page) error { return p.Reload(ctx) }, notLoaded, browserSilent},
		{"back", func(ctx context.Context, p *support.Page) error { return p.Back(ctx) }, notLoaded, browserSilent},
		{"url", func(ctx context.Context, p *support.Page) error { _, err := p.URL(ctx); return err }, "", noBrowser},
		{"click", func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Save")) }, stuck, noAnswer},
		{"double-click", func(ctx context.Context, p *support.Page) error { return p.DoubleClick(ctx, support.Loc("Save")) }, stuck, noAnswer},
		{"hover", func(ctx context.Context, p *support.Page) error { return p.Hover(ctx, support.Loc("Tip")) }, stuck, noAnswer},
		{"fill", func(ctx context.Context, p *support.Page) error { return p.Fill(ctx, support.Loc("Name"), "y") }, stuck, noAnswer},
		{"clear", func(ctx context.Context, p *support.Page) error { return p.Clear(ctx, support.Loc("Name")) }, stuck, noAnswer},
		{"select", func(ctx context.Context, p *support.Page) error { return p.Select(ctx, support.Loc("Colour"), "Blue") }, stuck, noAnswer},
		{"select in a combobox", func(ctx context.Context, p *support.Page) error { return p.Select(ctx, support.Loc("Size"), "L") }, stuck, noAnswer},
		{"check", func(ctx context.Context, p *support.Page) error { return p.SetChecked(ctx, support.Loc("Agree"), true) }, stuck, noAnswer},
		{"choose", func(ctx context.Context, p *support.Page) error { return p.Choose(ctx, support.Loc("Express")) }, stuck, noAnswer},
		{"attach", func(ctx context.Context, p *support.Page) error {
			return p.AttachFile(ctx, support.Loc("Receipt"), file)
		}, stuck, noAnswer},
		// A key event may be taken by the browser for a page that is stuck.
		{"press", func(ctx context.Context, p *support.Page) error { return p.Press(ctx, "a") }, "?" + stuck, noAnswer},
		{"type", func(ctx context.Context, p *support.Page) error { return p.Type(ctx, "abc") }, stuck, noAnswer},
		{"see", func(ctx context.Context, p *support.Page) error { return p.ExpectText(ctx, "Controls") }, stuck, noAnswer},
		{"see exactly", func(ctx context.Context, p *support.Page) error {
			return p.ExpectExactText(ctx, "Total 42", support.Within("#total"))
		}, stuck, noAnswer},
		{"not see", func(ctx context.Context, p *support.Page) error { return p.ExpectNoText(ctx, "Sold out") }, stuck, noAnswer},
		{"count", func(ctx context.Context, p *support.Page) error { return p.ExpectCount(ctx, support.Loc("input"), 5) }, stuck, noAnswer},
		{"visible", func(ctx context.Context, p *support.Page) error { return p.ExpectVisible(ctx, support.Loc("Save")) }, stuck, noAnswer},
		{"hidden", func(ctx context.Context, p *support.Page) error { return p.ExpectHidden(ctx, support.Loc("Sold out")) }, stuck, noAnswer},
		{"state", func(ctx context.Context, p *support.Page) error {
			return p.ExpectState(ctx, support.Loc("Save"), support.Enabled)
		}, stuck, noAnswer},
		{"value", func(ctx context.Context, p *support.Page) error { return p.ExpectValue(ctx, support.Loc("Name"), "x") }, stuck, noAnswer},
		// The address and the title are asked of the browser, which answers
		// for a frozen page: they fail saying what they saw instead.
		{"path", func(ctx context.Context, p *support.Page) error { return p.ExpectPath(ctx, "/elsewhere") }, "the page is at", noBrowser},
		{"title", func(ctx context.Context, p *support.Page) error { return p.ExpectTitle(ctx, "Elsewhere") }, "the title is", noBrowser},
		{"title containing", func(ctx context.Context, p *support.Page) error { return p.ExpectTitleContaining(ctx, "Elsewhere") }, "the title is", noBrowser},
	}
}

// checkOperation runs op on p, and says what is wrong ("" when nothing is):
// it must return within limit (with a little slack for a loaded machine's
// scheduling; past 30 s more it is given up on) with an error that says want.
func checkOperation(ctx context.Context, op operation, p *support.Page, want string, limit time.Duration) string {
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- op.do(ctx, p) }()
	select {
	case err := <-done:
		took := time.Since(start)
		if w, maybe := strings.CutPrefix(want, "?"); maybe {
			want = ""
			if err != nil {
				want = w
			}
		}
		switch {
		case want == "" && err != nil:
			return fmt.Sprintf("%s: %v; want no error", op.name, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			return fmt.Sprintf("%s: %v; want an error saying %q", op.name, err, want)
		case want != "" && !errors.Is(err, context.DeadlineExceeded):
			return fmt.Sprintf("%s: %v is not a context.DeadlineExceeded", op.name, err)
		case took > limit+2*time.Second:
			return fmt.Sprintf("%s took %s, over its limit of %s", op.name, took.Round(time.Millisecond), limit)
		}
		return ""
	case <-time.After(limit + 30*time.Second):
		return fmt.Sprintf("%s had not returned %s after its limit of %s", op.name, 30*time.Second, limit)
	}
}

// checkOperations runs every operation at once (test.parallel would queue
// them), each with its limit, and reports what is wrong.
func checkOperations(t *testing.T, ops []operation, p *support.Page, want func(operation) string, limit func(operation) time.Duration) {
	t.Helper()
	problems := make([]string, len(ops))
	var wg sync.WaitGroup
	for i, op := range ops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			problems[i] = checkOperation(t.Context(), op, p, want(op), limit(op))
		}()
	}
	wg.Wait()
	for _, pr := range problems {
		if pr != "" {
			t.Error(pr)
		}
	}
}

// Every operation on a page whose JavaScript is stuck (a loop that never
// ends, after load) returns within the step's limit, saying why. They run
// side by side on the one frozen page: one renderer spins, not thirty; and
// not beside other tests, whose timing it would starve.
func TestEveryOperationOnAFrozenPage(t *testing.T) {
	p, _ := open(t, site{"/": hangPage + `<script>armed.push(() => setTimeout(() => { while (true) {} }, 0));</script>`})
	js(t, p, "arm()")
	p = p.WithPolicy(hangPolicy)
	checkOperations(t, operations(t), p, func(op operation) string { return op.frozen },
		func(operation) time.Duration { return hangPolicy.StepLimit() })
}

// Every operation on a browser that stops answering (its processes stopped)
// returns within its limit, saying that the browser did not answer; so do
// the page's lifecycle: opening, taking, wiping and closing a page.
func TestEveryOperationOnABrowserThatStopsAnswering(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	lctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	b, err := chrome.Launch(lctx, chrome.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	srv := serve(t, site{"/": hangPage})
	pol := hangPolicy
	pages := support.NewPages(ctx, b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: pol}, support.IsolationReset)
	p, err := pages.Take(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
		t.Fatal(err)
	}
	spare, err := support.NewPage(ctx, b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: pol})
	if err != nil {
		t.Fatal(err)
	}
	// Stopped, the browser and its renderers keep their connections open and never answer.
	if err := syscall.Kill(-b.PID(), syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-b.PID(), syscall.SIGCONT)
		_ = b.Close()
	})
	hang := pol.HangLimit()
	ops := append(operations(t),
		operation{name: "open a page", do: func(ctx context.Context, _ *support.Page) error {
			_, err := support.NewPage(ctx, b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: pol})
			return err
		}, silent: "the browser did not answer in time"},
		operation{name: "close a page", do: func(context.Context, *support.Page) error { return spare.Close() }, silent: "the browser did not answer in time"},
		operation{name: "wipe the page", do: func(ctx context.Context, p *support.Page) error { return pages.Put(ctx, p) }, silent: "the browser did not answer in time"},
		// Waiting for the wiped page, or for the one prepared in its place.
		operation{name: "take a page", do: func(ctx context.Context, _ *support.Page) error {
			_, err := pages.Take(ctx)
			return err
		}, silent: "in time"},
	)
	checkOperations(t, ops, p, func(op operation) string { return op.silent }, func(op operation) time.Duration {
		if strings.Contains(op.silent, "in time") {
			return hang
		}
		return pol.StepLimit()
	})
}
