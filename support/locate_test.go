package support_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// The page every locating case runs on: each field and clickable thing has a
// data-k key; clicks record "click:KEY", fields are read back by key.
const locatePage = `
<form onsubmit="return false">
  <label for="f-email">Email</label> <input id="f-email" data-k="email">
  <label>Full name <input data-k="name"></label>
  <input placeholder="Search products" data-k="search">
  <input aria-label="Quantity" data-k="qty">
  <input title="Coupon code" data-k="coupon">
  <input name="zip" data-k="zip">
  <input id="phone-number" data-k="phone">
  <label for="f-notes">  Delivery
      notes </label> <textarea id="f-notes" data-k="notes"></textarea>
</form>
<div id="controls">
  <button data-k="save">Save</button>
  <button data-k="draft">Save draft</button>
  <input type="submit" value="Place order" data-k="order">
  <button aria-label="Close dialog" data-k="close">×</button>
  <button title="Refresh list" data-k="refresh">⟳</button>
  <button id="btn-export" data-k="export">⇩</button>
  <div role="button" data-k="archive">Archive</div>
  <button data-k="cart">  Add
     to    cart </button>
  <a href="#help" data-k="help">Help centre</a>
  <p>Read the <span data-k="span" class="note">Shipping details</span> first.</p>
  <ul><li data-k="li-1">One</li><li data-k="li-2">Two</li></ul>
</div>
<script>
document.addEventListener('click', (e) => {
  const k = e.target.closest('[data-k]');
  if (k) rec('click:' + k.dataset.k);
});
</script>`

func TestLocateFields(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": locatePage})
	cases := []struct {
		query, want, reason string
	}{
		{"Email", "email", "a <label for> names its field"},
		{"Full name", "name", "a wrapping <label> names the field inside it"},
		{"Search products", "search", "the placeholder names a field"},
		{"Quantity", "qty", "aria-label names a field"},
		{"Coupon code", "coupon", "title names a field"},
		{"zip", "zip", "the name attribute names a field"},
		{"phone-number", "phone", "the id names a field"},
		{"Delivery notes", "notes", "label text is whitespace-normalised"},
		{"  Full \n  name ", "name", "the query is whitespace-normalised"},
		{"coupon", "coupon", "no exact match: a case-insensitive substring matches"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			js(t, p, `document.querySelectorAll('input, textarea').forEach((e) => { e.value = '' })`)
			if err := p.Fill(ctx, support.Loc(c.query), "typed"); err != nil {
				t.Fatalf("%s: %v", c.reason, err)
			}
			filled := js(t, p, `[...document.querySelectorAll('input, textarea')].filter((e) => e.value === 'typed').map((e) => e.dataset.k).join(',')`).Str()
			if filled != c.want {
				t.Errorf("%s: filled %q, want %q", c.reason, filled, c.want)
			}
		})
	}
}

func TestLocateClickTargets(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": locatePage})
	cases := []struct {
		loc    support.Locator
		want   string
		reason string
	}{
		{support.Loc("Save").As(support.ButtonKind), "save", "an exact name beats a longer one containing it"},
		{support.Loc("draft").As(support.ButtonKind), "draft", "with no exact match a substring matches"},
		{support.Loc("Place order").As(support.ButtonKind), "order", "an input's value names a submit button"},
		{support.Loc("Close dialog").As(support.ButtonKind), "close", "aria-label names a button"},
		{support.Loc("Refresh list").As(support.ButtonKind), "refresh", "title names a button"},
		{support.Loc("btn-export").As(support.ButtonKind), "export", "the id names a button"},
		{support.Loc("Archive").As(support.ButtonKind), "archive", "[role=button] is a button"},
		{support.Loc("Add to cart"), "cart", "button text is whitespace-normalised"},
		{support.Loc("Help centre").As(support.LinkKind), "help", "a link by its text"},
		{support.Loc("Shipping details"), "span", "any visible element by its own text"},
		{support.Loc("Two"), "li-2", "the innermost element with the text, not its ancestors"},
		{support.Loc("css=#controls .note"), "span", "css= selector"},
		{support.Loc("xpath=//li[2]"), "li-2", "xpath= selector"},
		{support.Loc("//a[@data-k='help']"), "help", "a leading // is XPath"},
		{support.Loc("#btn-export"), "export", "a leading # is CSS"},
		{support.Loc(".note"), "span", "a leading . is CSS"},
		{support.Loc("[data-k=archive]"), "archive", "a leading [ is CSS"},
	}
	for _, c := range cases {
		t.Run(c.loc.Query, func(t *testing.T) {
			js(t, p, `events.length = 0`)
			if err := p.Click(ctx, c.loc); err != nil {
				t.Fatalf("%s: %v", c.reason, err)
			}
			wantEvents(t, p, "click:"+c.want)
		})
	}
}

// Failures that waiting does not fix are reported as such, and ones it might fix
// time out with the reason the page gave.
func TestLocateFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		body   string
		do     func(context.Context, *support.Page) error
		state  []string // parts of the last state, for a timeout
		fatal  string   // part of the LocatorError, when not a timeout
		reason string
	}{
		{
			name:   "ambiguous",
			body:   `<button>Delete</button><button>Delete</button>`,
			do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Delete")) },
			state:  []string{`ambiguous: 2 candidates: button "Delete", button "Delete"; narrow it`},
			reason: "two equally good visible candidates: clicking either would be a guess",
		},
		{
			name:   "hidden",
			body:   `<button style="display:none" onclick="rec('clicked')">Secret</button>`,
			do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Secret")) },
			state:  []string{`found but hidden: button "Secret"`},
			reason: "a hidden element never receives an action",
		},
		{
			name: "hidden by visibility",
			body: `<button style="visibility:hidden" onclick="rec('clicked')">Secret</button>`,
			do: func(ctx context.Context, p *support.Page) error {
				return p.Click(ctx, support.Loc("Secret").As(support.ButtonKind))
			},
			state:  []string{`found but hidden`},
			reason: "visibility:hidden is hidden too",
		},
		{
			name:   "hidden exact, visible substring",
			body:   `<button style="display:none" onclick="rec('save')">Save</button><button onclick="rec('draft')">Save draft</button>`,
			do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Save")) },
			state:  []string{`found but hidden: button "Save"`},
			reason: `an exact match that is not shown yet must be waited for, not replaced by "Save draft"`,
		},
		{
			name:   "typo",
			body:   `<label for="e">Email</label><input id="e"><label for="p">Password</label><input id="p" type="password">`,
			do:     func(ctx context.Context, p *support.Page) error { return p.Fill(ctx, support.Loc("Emial"), "x") },
			state:  []string{`no field with label`, `"Emial"`, `closest: "Email"`},
			reason: "a typo names what it probably meant",
		},
		{
			name:   "missing selector",
			body:   `<p>nothing</p>`,
			do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("#nope")) },
			state:  []string{`no element matches #nope`},
			reason: "a selector that matches nothing (yet) is waited for",
		},
		{
			name:   "malformed css",
			body:   `<p>nothing</p>`,
			do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("#a[")) },
			fatal:  "bad selector",
			reason: "a malformed selector cannot start working: fail at once",
		},
		{
			name:   "malformed xpath",
			body:   `<p>nothing</p>`,
			do:     func(ctx context.Context, p *support.Page) error { return p.ExpectVisible(ctx, support.Loc("//p[")) },
			fatal:  "bad selector",
			reason: "a malformed XPath cannot start working either",
		},
		{
			name: "malformed scope",
			body: `<p>nothing</p>`,
			do: func(ctx context.Context, p *support.Page) error {
				return p.ExpectText(ctx, "x", support.WithinContaining("li[", "x"))
			},
			fatal:  "bad selector",
			reason: "a malformed scope selector is fatal too",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": c.body})
			err := c.do(ctx, p)
			if c.fatal != "" {
				var le *support.LocatorError
				if !errors.As(err, &le) || !strings.Contains(le.Reason, c.fatal) {
					t.Fatalf("%s: want a *LocatorError with %q, got %T: %v", c.reason, c.fatal, err, err)
				}
				return
			}
			wantTimeout(t, err, c.state...)
			wantEvents(t, p) // nothing was clicked
		})
	}
}
