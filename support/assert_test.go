package support_test

import (
	"context"
	"sync"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// Every assertion is checked three ways on a page whose change is armed by the
// test: it fails (times out with the page's state) before the change, and after
// arm() the same assertion waits for the change and passes.
const assertPage = `<title>Before</title>
<p id="greeting">Loading</p>
<div id="spinner">Please wait</div>
<ul id="list"><li>a</li><li>b</li><li style="display:none">hidden</li></ul>
<p id="stock">14</p>
<div id="panel" style="display:none">Details</div>
<div id="toast">Saved!</div>
<button id="send" disabled>Send</button>
<button id="halt">Stop</button>
<label><input type="checkbox" id="terms"> Terms</label>
<input id="city" aria-label="City">
<script>
armed.push(() => setTimeout(() => {
  greeting.textContent = 'Welcome back, Ada';
  spinner.remove();
  list.insertAdjacentHTML('beforeend', '<li>c</li>');
  stock.textContent = '4';
  panel.style.display = 'block';
  toast.style.visibility = 'hidden';
  send.disabled = false;
  halt.disabled = true;
  terms.checked = true;
  city.value = 'Lisbon';
  document.title = 'After';
  history.pushState({}, '', '/done?step=2');
}, 300));
</script>`

func TestAssertionsRetry(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		check  func(context.Context, *support.Page) error
		before []string // parts of the last state before the change
		reason string
	}{
		{"text appears", func(ctx context.Context, p *support.Page) error { return p.ExpectText(ctx, "Welcome back") },
			[]string{`visible text was: "Loading`}, "ExpectText waits for text to appear"},
		{"text goes", func(ctx context.Context, p *support.Page) error { return p.ExpectNoText(ctx, "Please wait") },
			[]string{`the text is still there`}, "ExpectNoText waits for text to go"},
		{"scoped text", func(ctx context.Context, p *support.Page) error {
			return p.ExpectText(ctx, "Ada", support.Within("#greeting"))
		}, []string{`visible text was: "Loading"`}, "ExpectText looks only in the scope"},
		{"count", func(ctx context.Context, p *support.Page) error {
			return p.ExpectCount(ctx, support.Loc("#list li"), 3)
		},
			[]string{`2 visible "#list li" elements`}, "ExpectCount counts visible elements only, and waits"},
		{"exact text", func(ctx context.Context, p *support.Page) error {
			return p.ExpectExactText(ctx, "4", support.Within("#stock"))
		}, []string{`visible text was: "14"`}, `"4" must not pass on "14"`},
		{"visible", func(ctx context.Context, p *support.Page) error { return p.ExpectVisible(ctx, support.Loc("Details")) },
			[]string{`no button, link, field or visible text "Details"`}, "ExpectVisible waits for display"},
		{"hidden", func(ctx context.Context, p *support.Page) error { return p.ExpectHidden(ctx, support.Loc("#toast")) },
			[]string{`still visible: div#toast "Saved!"`}, "ExpectHidden waits for visibility:hidden"},
		{"enabled", func(ctx context.Context, p *support.Page) error {
			return p.ExpectState(ctx, support.Loc("Send"), support.Enabled)
		}, []string{`disabled: button#send "Send"`}, "ExpectState enabled"},
		{"disabled", func(ctx context.Context, p *support.Page) error {
			return p.ExpectState(ctx, support.Loc("Stop"), support.Disabled)
		}, []string{`enabled: button#halt "Stop"`}, "ExpectState disabled"},
		{"checked", func(ctx context.Context, p *support.Page) error {
			return p.ExpectState(ctx, support.Loc("Terms").As(support.CheckboxKind), support.Checked)
		}, []string{`not checked: input#terms[type=checkbox]`}, "ExpectState checked"},
		{"value", func(ctx context.Context, p *support.Page) error {
			return p.ExpectValue(ctx, support.Loc("City"), "Lisbon")
		},
			[]string{`the field holds "": input#city`}, "ExpectValue waits for the value"},
		{"title", func(ctx context.Context, p *support.Page) error { return p.ExpectTitle(ctx, "After") },
			[]string{`the title is "Test page"`}, "ExpectTitle waits for the title"},
		{"path", func(ctx context.Context, p *support.Page) error { return p.ExpectPath(ctx, "/done?step=2") },
			[]string{`the page is at http://`}, "ExpectPath waits for path and query"},
	}
	p, ctx := open(t, site{"/": assertPage})
	// All on the one page, side by side: first each times out, then after arm()
	// each waits for the change.
	all := func(p *support.Page) []error {
		errs := make([]error, len(cases))
		var wg sync.WaitGroup
		for i, c := range cases {
			wg.Go(func() { errs[i] = c.check(ctx, p) })
		}
		wg.Wait()
		return errs
	}
	for i, err := range all(p) {
		t.Run(cases[i].name+" before", func(t *testing.T) { wantTimeout(t, err, cases[i].before...) })
	}
	js(t, p, "arm()")
	for i, err := range all(p) {
		if err != nil {
			t.Errorf("%s: %s: %v", cases[i].name, cases[i].reason, err)
		}
	}
}

// Assertions that hold already pass at once, and ones that never hold say why.
func TestAssertionsNeverHold(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<p id="n">14</p><input aria-label="Name" value="Ada"><a href="/x">Go</a>`})
	cases := []struct {
		name   string
		check  func() error
		state  string
		reason string
	}{
		{"exact", func() error { return p.ExpectExactText(ctx, "4", support.Within("#n")) }, `visible text was: "14"`, "exact text is the whole text"},
		{"substring of value", func() error { return p.ExpectValue(ctx, support.Loc("Name"), "Bob") }, `the field holds "Ada"`, "the value is shown"},
		{"empty value", func() error { return p.ExpectValue(ctx, support.Loc("Name"), "") }, `the field holds "Ada"`, "an empty value means empty"},
		{"path", func() error { return p.ExpectPath(ctx, "/x") }, `the page is at`, "the path is the page's, not a link's"},
		{"count of none", func() error { return p.ExpectCount(ctx, support.Loc("a"), 0) }, `1 visible "a" elements`, "0 is a count too"},
	}
	// They wait side by side on the one page: each times out on its own.
	errs := make([]error, len(cases))
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Go(func() { errs[i] = c.check() })
	}
	wg.Wait()
	for i, c := range cases {
		if errs[i] == nil {
			t.Errorf("%s: passed, but %s", c.name, c.reason)
			continue
		}
		wantTimeout(t, errs[i], c.state)
	}
	for _, err := range []error{
		p.ExpectText(ctx, "14"),
		p.ExpectExactText(ctx, " 14 ", support.Within("#n")),
		p.ExpectValue(ctx, support.Loc("Name"), "Ad"),
		p.ExpectPath(ctx, "/"),
		p.ExpectTitle(ctx, "Test page"),
		p.ExpectCount(ctx, support.Loc("a"), 1),
		p.ExpectCount(ctx, support.Loc("li"), 0),
	} {
		if err != nil {
			t.Error(err)
		}
	}
}
