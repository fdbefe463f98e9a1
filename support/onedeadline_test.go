package support_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/support"
)

// withinStep checks that an operation given limit returned within it (and the
// grace for the page's last answer): two waits on clocks of their own would
// take the first one's time and a whole limit more.
func withinStep(t *testing.T, took, limit time.Duration) {
	t.Helper()
	if bound := limit + support.AnswerGrace + limit/6; took > bound {
		t.Errorf("the operation took %s: its waits did not share one deadline (bound %s)", took, bound)
	}
}

// Select on an ARIA combobox checks the box, clicks it open and waits for the
// option: one step, one deadline. The wait for the option once had a clock of
// its own. Here the box appears late (2.2 s of 3) and the option never does.
func TestSelectHasOneDeadline(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<div id="slot"></div><script>
armed.push(() => setTimeout(() => {
  slot.innerHTML = '<div role="combobox" aria-label="Size" tabindex="0" aria-expanded="false" aria-controls="sizes">M</div><ul role="listbox" id="sizes" hidden><li role="option">S</li></ul>';
  const box = slot.firstChild;
  box.addEventListener('click', () => { sizes.hidden = false; box.setAttribute('aria-expanded', 'true'); rec('opened'); });
}, 2200));
</script>`})
	const limit = 3 * time.Second
	js(t, p, "arm()")
	before := time.Now()
	err := p.WithPolicy(support.Policy{Timeout: limit, Slice: 500 * time.Millisecond}).Select(ctx, support.Loc("Size"), "XL")
	took := time.Since(before)
	wantTimeout(t, err, `no option "XL"`)
	wantEvents(t, p, "opened")
	withinStep(t, took, limit)
}

// A fill in a frame clicks the field (a frame gets the keyboard from a click)
// and then types: one step, one deadline. The click once had a clock of its
// own. Here the field is enabled late (2.2 s of 3) and refuses typing once
// clicked.
func TestFillInAFrameHasOneDeadline(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{
		"/": `<iframe title="Form" src="/form" width="600" height="200"></iframe>`,
		"/form": `<label>Note <input id="n" disabled></label><script>
setTimeout(() => { n.disabled = false; }, 2200);
n.addEventListener('mousedown', () => { n.readOnly = true; parent.rec('clicked'); });
</script>`,
	})
	const limit = 3 * time.Second
	before := time.Now()
	err := p.WithPolicy(support.Policy{Timeout: limit, Slice: 500 * time.Millisecond}).InFrame(support.Loc("Form")).Fill(ctx, support.Loc("Note"), "hello")
	took := time.Since(before)
	wantTimeout(t, err, "read-only")
	wantEvents(t, p, "clicked")
	withinStep(t, took, limit)
}

// A page that freezes in the middle of an operation, past its first check:
// the click that opens a combobox, the change event of a file input. The
// input once went with the caller's context, which has no deadline under
// godog: the step waited forever. It fails by its limit, saying why.
//
// Not parallel: a frozen page spins a core, which would starve the timing of
// the tests beside it.
func TestAPageThatFreezesMidOperation(t *testing.T) {
	file := filepath.Join(t.TempDir(), "receipt.txt")
	if err := os.WriteFile(file, []byte("paid"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, page string
		do         func(ctx context.Context, p *support.Page) error
	}{
		{"a combobox whose click freezes the page", `<div role="combobox" aria-label="Size" tabindex="0" aria-expanded="false" aria-controls="sizes" onclick="while (true) {}">M</div><ul role="listbox" id="sizes" hidden><li role="option">S</li></ul>`,
			func(ctx context.Context, p *support.Page) error { return p.Select(ctx, support.Loc("Size"), "S") }},
		{"a file input whose change freezes the page", `<label>Receipt <input type="file" onchange="while (true) {}"></label>`,
			func(ctx context.Context, p *support.Page) error {
				return p.AttachFile(ctx, support.Loc("Receipt"), file)
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, _ := open(t, site{"/": c.page})
			p = p.WithPolicy(hangPolicy)
			// The caller's context has no deadline, as godog's has none.
			if problem := checkOperation(context.Background(), operation{name: c.name, do: c.do}, p, stuck, hangPolicy.StepLimit()); problem != "" {
				t.Error(problem)
			}
		})
	}
}

// A condition asked of the browser (the page's address, its title) on a
// connection that has closed fails at once with the connection's error. It
// was taken for "not yet", and reported as a timeout with what was seen last.
func TestPathAndTitleChecksFailAtOnceOnAClosedConnection(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	srv := serve(t, site{"/": `<p>Here</p>`})
	for _, c := range []struct {
		name string
		do   func(ctx context.Context, p *support.Page) error
	}{
		{"path", func(ctx context.Context, p *support.Page) error { return p.ExpectPath(ctx, "/elsewhere") }},
		{"title", func(ctx context.Context, p *support.Page) error { return p.ExpectTitle(ctx, "Elsewhere") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			b := launchOwn(t, chrome.Options{})
			p, ctx := openOn(t, b.Rod(), srv.URL, support.Policy{Timeout: time.Minute, Slice: time.Second}, "/")
			done := make(chan error, 1)
			go func() { done <- c.do(ctx, p) }()
			b.Kill()
			select {
			case err := <-done:
				var te *support.TimeoutError
				if errors.As(err, &te) || !errors.Is(err, chrome.ErrClosed) {
					t.Errorf("%v; want the closed connection's error, not a timeout", err)
				}
				if err != nil && !strings.Contains(err.Error(), "the connection to the browser is closed") {
					t.Errorf("%v does not say the connection closed", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("the check was still waiting 30 s after its connection closed")
			}
		})
	}
}

// An action waits while the page is still loading a script of its own; when
// the browser's connection closes meanwhile (Ctrl-C kills the browsers), it
// ends at once with the connection's error. It waited out its whole limit,
// as no event would ever wake it: a stopped run waited for it.
func TestAnActionWaitingForAScriptEndsWhenTheConnectionCloses(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	hold := make(chan struct{})
	defer close(hold)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow.js" {
			select { // the script never comes
			case <-hold:
			case <-r.Context().Done():
			}
			return
		}
		fmt.Fprint(w, `<!doctype html><title>Slow</title><button>Save</button><script async src="/slow.js"></script>`)
	}))
	defer srv.Close()
	b := launchOwn(t, chrome.Options{})
	p, ctx := openOn(t, b.Rod(), srv.URL, support.Policy{Timeout: time.Minute, Slice: time.Second}, "/")
	done := make(chan error, 1)
	go func() { done <- p.Click(ctx, support.Loc("Save")) }()
	// The click is waiting for the script: it has made no input yet.
	if err := p.WithPolicy(loadPolicy).ExpectVisible(ctx, support.Loc("Save")); err != nil {
		t.Fatal(err)
	}
	b.Kill()
	select {
	case err := <-done:
		if !errors.Is(err, chrome.ErrClosed) {
			t.Errorf("%v; want the closed connection's error", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the click was still waiting 30 s after its connection closed")
	}
}
