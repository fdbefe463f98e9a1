package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

const textLikeSelectorsPage = `
<button onclick="rec('best')">#1 best seller</button>
<button onclick="rec('net')">.NET</button>
<button onclick="rec('draft')">[draft]</button>
<button onclick="rec('save outside')">Save</button>
<div role="button" aria-label="#toolbar"><button onclick="rec('save in toolbar')">Save</button></div>`

// Human text that starts like a selector (#, ., [, //) is written with text=,
// as a locator and as a scope.
func TestTextPrefixReadsSelectorsAsText(t *testing.T) {
	t.Parallel()
	cases := []struct {
		loc  support.Locator
		want string
	}{
		{support.Loc("text=#1 best seller"), "best"},
		{support.Loc("text=.NET"), "net"},
		{support.Loc("text=[draft]"), "draft"},
		{support.Loc("text=Save", support.Within("text=#toolbar")), "save in toolbar"},
	}
	for _, c := range cases {
		t.Run(c.loc.String(), func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": textLikeSelectorsPage})
			if err := p.Click(ctx, c.loc); err != nil {
				t.Fatal(err)
			}
			wantEvents(t, p, c.want)
		})
	}
}

// I should be on "PATH" checks the #fragment when PATH has one: single-page
// apps route there.
func TestExpectPathChecksTheFragment(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<p>app</p>`})
	js(t, p, `setTimeout(() => { location.hash = '#/active' }, 100)`)
	if err := p.ExpectPath(ctx, "/#/active"); err != nil {
		t.Fatalf("the route the page moved to: %v", err)
	}
	if err := p.ExpectPath(ctx, "/"); err != nil {
		t.Errorf("a path without a fragment ignores the page's fragment: %v", err)
	}
	wantTimeout(t, p.ExpectPath(ctx, "/#/completed"), "#/active")
}

// The page title step has a form that matches a part of the title.
func TestExpectTitleContaining(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<p>x</p>`})
	js(t, p, `setTimeout(() => { document.title = 'Inventory  —  Demo Store' }, 100)`)
	if err := p.ExpectTitleContaining(ctx, "Inventory — Demo"); err != nil {
		t.Fatalf("a title that arrives late, whitespace-normalised: %v", err)
	}
	wantTimeout(t, p.ExpectTitleContaining(ctx, "Orders"), `the title is "Inventory — Demo Store"`)
}
