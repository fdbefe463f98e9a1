package support_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// part calls one function of the in-page script's parts in p's document: args
// is a JavaScript expression for the arguments' array, r the request it reads.
func part(t *testing.T, p *support.Page, name, r, args string) any {
	t.Helper()
	if r == "" {
		r = "{}"
	}
	v, err := support.InPage(context.Background(), p, `function () { return this.part(`+"`"+name+"`"+`, `+r+`, ...(`+args+`)) }`)
	if err != nil {
		t.Fatalf("%s(%s): %v", name, args, err)
	}
	var out any
	if err := json.Unmarshal([]byte(v.JSON("", "")), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func wantPart(t *testing.T, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("got %s, want %s", g, w)
	}
}

// Each part of the in-page script, called on its own in a real page.
func TestInPageParts(t *testing.T) {
	p, _ := open(t, site{"/": `
<fieldset disabled><legend>Legend <button id="inlegend">In legend</button></legend><button id="off">Off</button></fieldset>
<form><label>Email <input id="email" name="mail"></label><input placeholder="Phone"></form>
<section id="a"><h2>Cart</h2><button>Remove</button></section>
<section id="b"><h2>Wishlist</h2><button>Remove</button></section>
<select id="size"><option>Small</option><option selected>Large</option></select>
<div id="host"></div>
<div id="cover" style="position:relative"><button id="under">Under</button><div style="position:absolute;inset:0;background:#fff" id="lid"></div></div>
<script>document.getElementById('host').attachShadow({mode: 'open'}).innerHTML = '<p>Inside <slot></slot></p><button>Deep</button>';
document.getElementById('host').append('slotted');</script>`})

	t.Run("text", func(t *testing.T) {
		wantPart(t, part(t, p, "norm", "", `[' a \n\u00a0 b ']`), "a b")
		wantPart(t, part(t, p, "describe", "", `[document.getElementById('email')]`), "input#email[name=mail]")
		wantPart(t, part(t, p, "candidates", "", `[[...document.querySelectorAll('section button')], 5]`),
			`button "Remove" in section#a "Cart Remove", button "Remove" in section#b "Wishlist Remove"`)
	})
	t.Run("shadow", func(t *testing.T) {
		wantPart(t, part(t, p, "deepAll", "", `[document, 'button']`).([]any), []any{map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}})
		wantPart(t, part(t, p, "shownText", "", `[document.getElementById('host')]`), "Inside slotted Deep")
	})
	t.Run("locate", func(t *testing.T) {
		wantPart(t, part(t, p, "resolve", "", `[document, 'Email', 'field']`).(map[string]any)["tier"], "exact")
		wantPart(t, part(t, p, "resolve", "", `[document, 'phon', 'field']`).(map[string]any)["tier"], "substring")
		r := `{locator: 'Emial', kind: 'field'}`
		wantPart(t, part(t, p, "one", r, `[document]`), map[string]any{"state": `no field with label, placeholder, aria-label, title, name or id "Emial"; closest: "Email"`})
		wantPart(t, part(t, p, "describe", "", `[this.part('one', {locator: 'Deep', kind: 'button'}, document).el]`), `button "Deep"`)
	})
	t.Run("scope", func(t *testing.T) {
		wantPart(t, part(t, p, "describe", "", `[this.part('scopeRoot', {scopes: [{locator: 'Wishlist'}]}).root]`), `h2 "Wishlist"`)
		wantPart(t, part(t, p, "scopeRoot", `{scopes: [{selector: 'section', containing: 'Nothing'}]}`, `[]`),
			map[string]any{"state": `scope not found: no visible "section" containing "Nothing" (2 "section" seen, none containing it)`})
	})
	t.Run("check", func(t *testing.T) {
		wantPart(t, part(t, p, "disabled", "", `[document.getElementById('off')]`), true)
		wantPart(t, part(t, p, "disabled", "", `[document.getElementById('inlegend')]`), false)
		wantPart(t, part(t, p, "fieldValue", "", `[document.getElementById('size')]`), "Large")
	})
	t.Run("stable", func(t *testing.T) {
		// A box is still once a second animation frame sees it unchanged: the
		// first look only records it.
		wantPart(t, part(t, p, "actionable", `{locator: '#email'}`, `[document.getElementById('email')]`), "moving (box changed)")
		wantPart(t, part(t, p, "reaches", "", `[document.getElementById('email'), document.querySelector('label')]`), true)
		wantPart(t, part(t, p, "reaches", "", `[document.getElementById('lid'), document.getElementById('under')]`), false)
	})
}

// A wait for something that does not change schedules no animation frames;
// a wait for an element to stand still does, until it does. They are the
// script's world's frames: the page's own requestAnimationFrame sees none.
func TestSettleUsesFramesOnlyForStability(t *testing.T) {
	p, ctx := open(t, site{"/": `<p id="here">Here</p><button id="go">Go</button>
<script>window.frames_ = 0; const raf = window.requestAnimationFrame;
window.requestAnimationFrame = (f) => { window.frames_++; return raf(f); };</script>`})
	ours := func() int64 {
		t.Helper()
		v, err := support.InPage(ctx, p, `function () { return globalThis.frames_ || 0 }`)
		if err != nil {
			t.Fatal(err)
		}
		return int64(v.Int())
	}
	if _, err := support.InPage(ctx, p, `function () {
  const raf = requestAnimationFrame;
  globalThis.requestAnimationFrame = (f) => { globalThis.frames_ = (globalThis.frames_ || 0) + 1; return raf(f); };
}`); err != nil {
		t.Fatal(err)
	}
	short := support.Policy{Timeout: 400 * time.Millisecond, Slice: 400 * time.Millisecond}
	if err := p.WithPolicy(short).ExpectVisible(ctx, support.Loc("#nothere")); err == nil {
		t.Fatal("an absent element was seen")
	}
	if n := ours(); n != 0 {
		t.Errorf("a wait for an absent element asked for %d animation frames; want none", n)
	}
	if err := p.Click(ctx, support.Loc("Go")); err != nil {
		t.Fatal(err)
	}
	if n := ours(); n == 0 {
		t.Error("a click asked for no animation frame: its stability check needs two")
	}
	if n := js(t, p, "window.frames_").Int(); n != 0 {
		t.Errorf("the page's own requestAnimationFrame was called %d times: the script must use its world's", n)
	}
}

// The script is sent once per document, however many steps run there, is
// sent again after a navigation, and leaves nothing the page can see.
func TestInPageScriptInstalledOncePerDocument(t *testing.T) {
	p, ctx := open(t, site{"/": `<a href="/next">Next</a> <button onclick="rec('clicked')">Press</button>`, "/next": `<p>Arrived</p>`})
	before := js(t, p, "Object.getOwnPropertyNames(window).length + Object.getOwnPropertySymbols(window).length").Int()
	for range 3 {
		if err := p.Click(ctx, support.Loc("Press")); err != nil {
			t.Fatal(err)
		}
		if err := p.ExpectText(ctx, "Next"); err != nil {
			t.Fatal(err)
		}
	}
	if n := support.ScriptInstalls(p); n != 1 {
		t.Errorf("after 6 steps on one document the script was sent %d times; want 1", n)
	}
	if after := js(t, p, "Object.getOwnPropertyNames(window).length + Object.getOwnPropertySymbols(window).length").Int(); after != before {
		t.Errorf("the window had %d own properties before the steps, %d after: the script must not show on it", before, after)
	}
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/next"); err != nil {
		t.Fatal(err)
	}
	// The script left from the first document is stale: the step installs it
	// again and checks, even with no time left (a step checks at least once).
	if err := p.WithPolicy(support.Policy{Timeout: time.Nanosecond, Slice: time.Second}).ExpectText(ctx, "Arrived"); err != nil {
		t.Fatal(err)
	}
	if n := support.ScriptInstalls(p); n != 2 {
		t.Errorf("after a navigation the script was sent %d times in all; want 2", n)
	}
}

// The script runs in a world of its own: built-ins the page breaks are the
// page's, not the script's. (In the page's world every check threw.)
func TestTheScriptRunsInAWorldOfItsOwn(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<label>Name <input id="n" oninput="rec('typed:' + this.value)"></label> <button onclick="rec('clicked')">Save</button>
<script>Array.prototype.map = Array.prototype.filter = function () { throw new Error('broken by the page') };
NodeList.prototype[Symbol.iterator] = function () { throw new Error('broken by the page') };</script>`})
	if err := p.Fill(ctx, support.Loc("Name"), "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(ctx, support.Loc("Save")); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectValue(ctx, support.Loc("Name"), "Ada"); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "typed:Ada", "clicked")
}

// The hit-target watch listens to the window only during its action, and the
// change guard of a fill only until the field loses focus: between steps the
// script listens to nothing, even in its own world.
func TestNoListenerOfTheScriptBetweenSteps(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<label>Name <input id="n"></label> <button onclick="rec('clicked')">Save</button>
<label><input type="checkbox"> Agree</label> <span onmouseover="rec('over')">Tip</span>`})
	listeners := func(after string) {
		t.Helper()
		n, err := support.ScriptListeners(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("after %s the script's world had %d listeners on the window and document; want none", after, n)
		}
	}
	steps := []struct {
		what string
		do   func() error
	}{
		{"a click", func() error { return p.Click(ctx, support.Loc("Save")) }},
		{"a hover", func() error { return p.Hover(ctx, support.Loc("Tip")) }},
		{"a check", func() error { return p.SetChecked(ctx, support.Loc("Agree"), true) }},
		{"a fill and a click elsewhere", func() error {
			if err := p.Fill(ctx, support.Loc("Name"), "Ada"); err != nil {
				return err
			}
			return p.Click(ctx, support.Loc("Save"))
		}},
		{"a wait that timed out", func() error {
			if p.WithPolicy(support.Policy{Timeout: 200 * time.Millisecond, Slice: 100 * time.Millisecond}).ExpectVisible(ctx, support.Loc("Absent")) == nil {
				t.Error("an absent element was seen")
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.what, err)
		}
		listeners(s.what)
	}
	wantEvents(t, p, "clicked", "over", "clicked")
}
