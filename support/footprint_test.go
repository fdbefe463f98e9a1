package support_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// snapshotJS runs first in the page (and in its frame): it wraps
// MutationObserver to count what is made with it, and defines snapshot(),
// which the page calls at the end of its body (before any step) to keep
// every own property of the window and of the built-in objects and
// prototypes a script could patch (each descriptor, and
// Function.prototype.toString of each function in it), and footprint(),
// which lists what differs now.
// It saves the built-ins it uses itself, so nothing done later can fool it.
const snapshotJS = `<script>(() => {
let observers = 0;
const MO = window.MutationObserver;
window.MutationObserver = class extends MO { constructor(cb) { super(cb); observers++; } };
const toString = Function.prototype.toString, ownKeys = Reflect.ownKeys, describe = Object.getOwnPropertyDescriptor, str = String;
const targets = { window, Object, Array, Function, String, Promise, JSON, Math, Date, Reflect, Symbol, Map, Set,
  'Object.prototype': Object.prototype, 'Array.prototype': Array.prototype, 'Function.prototype': Function.prototype,
  'String.prototype': String.prototype, 'Promise.prototype': Promise.prototype, 'Map.prototype': Map.prototype, 'Set.prototype': Set.prototype,
  EventTarget: EventTarget.prototype, Node: Node.prototype, Element: Element.prototype, HTMLElement: HTMLElement.prototype,
  HTMLInputElement: HTMLInputElement.prototype, HTMLSelectElement: HTMLSelectElement.prototype, HTMLFormElement: HTMLFormElement.prototype,
  HTMLSlotElement: HTMLSlotElement.prototype, Document: Document.prototype, DocumentFragment: DocumentFragment.prototype,
  ShadowRoot: ShadowRoot.prototype, Event: Event.prototype, MutationObserver: MO.prototype, NodeList: NodeList.prototype,
  HTMLCollection: HTMLCollection.prototype, CSSStyleDeclaration: CSSStyleDeclaration.prototype,
  CustomElementRegistry: CustomElementRegistry.prototype, Window: Window.prototype, Performance: Performance.prototype };
const shot = (o) => {
  const m = new Map();
  for (const k of ownKeys(o)) {
    const d = describe(o, k), fns = [d.value, d.get, d.set].filter((f) => typeof f === 'function');
    m.set(k, { d, src: fns.map((f) => toString.call(f)).join('|') });
  }
  return m;
};
const before = new Map();
window.snapshot = () => { for (const name of ownKeys(targets)) before.set(name, shot(targets[name])); };
window.footprint = () => {
  const diffs = [];
  if (observers) diffs.push(observers + ' MutationObserver(s) made');
  for (const name of ownKeys(targets)) {
    const was = before.get(name), now = shot(targets[name]);
    for (const [k, v] of now) {
      const o = was.get(k);
      if (!o) { diffs.push(name + '.' + str(k) + ' added'); continue; }
      if (o.src !== v.src) diffs.push(name + '.' + str(k) + ' source changed');
      for (const f of ['value', 'get', 'set', 'writable', 'enumerable', 'configurable']) {
        if (o.d[f] !== v.d[f] && !(typeof o.d[f] !== 'function' && name === 'window' && f === 'value')) diffs.push(name + '.' + str(k) + ' ' + f + ' changed');
      }
    }
    for (const k of was.keys()) if (!now.has(k)) diffs.push(name + '.' + str(k) + ' removed');
  }
  return diffs;
};
})();</script>`

// footprintPage has a control for every kind of step, a custom element whose
// value only the page's world knows, and a frame of the same kind.
const footprintPage = snapshotJS + `
<h1>Every step</h1>
<label>Name <input id="name" onkeydown="if (event.key === 'Enter') rec('enter')"></label>
<button onclick="rec('clicked')">Save</button> <button ondblclick="rec('dblclicked')">Twice</button>
<span onmouseover="rec('hovered')">Tip</span>
<label>Size <select id="size"><option>Small</option><option>Large</option></select></label>
<ul role="listbox" aria-label="Colour"><li role="option" onclick="rec('green')">Green</li><li role="option">Red</li></ul>
<label><input type="checkbox" id="agree"> Agree</label>
<label><input type="radio" name="ship" id="express"> Express</label>
<label>Receipt <input type="file" id="receipt"></label>
<button disabled>Locked</button> <p id="total">Total: 42</p>
<x-rating label="Your rating"></x-rating>
<iframe title="Inner" src="/inner" width="500" height="120"></iframe>
<script>customElements.define('x-rating', class extends HTMLElement {
  static formAssociated = true;
  constructor() { super(); this.value = 4; }
  connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<span>stars</span>'; }
});
snapshot();</script>`

const footprintInner = snapshotJS + `<label>Note <input id="note"></label> <button>Go</button><script>snapshot()</script>`

// After a scenario of every kind of step, the page's world shows nothing of
// the script's: its built-ins are the ones it started with, it has no new
// globals, no listener was added to it, and nothing made a MutationObserver
// with its constructor. The same holds in its frame.
func TestNoFootprintInThePagesWorld(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": footprintPage, "/inner": footprintInner})
	file := filepath.Join(t.TempDir(), "receipt.txt")
	if err := os.WriteFile(file, []byte("paid"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Listeners of the page's own, as the page's world sees them, before any step.
	listenersBefore := pageListeners(t, p)
	if !js(t, p, "typeof window.footprint === 'function' && typeof frames[0].footprint === 'function'").Bool() {
		t.Fatal("the page did not take its snapshot")
	}
	loc := support.Loc
	inner := p.InFrame(loc("Inner"))
	steps := []struct {
		what string
		do   func() error
	}{
		{"click", func() error { return p.Click(ctx, loc("Save")) }},
		{"double-click", func() error { return p.DoubleClick(ctx, loc("Twice")) }},
		{"hover", func() error { return p.Hover(ctx, loc("Tip")) }},
		{"fill", func() error { return p.Fill(ctx, loc("Name"), "Ada") }},
		{"press", func() error { return p.Press(ctx, "Enter") }},
		{"type", func() error { return p.Type(ctx, " Lovelace") }},
		{"clear", func() error { return p.Clear(ctx, loc("Name")) }},
		{"select", func() error { return p.Select(ctx, loc("Size"), "Large") }},
		{"select from a listbox", func() error { return p.Select(ctx, loc("Colour"), "Green") }},
		{"check", func() error { return p.SetChecked(ctx, loc("Agree"), true) }},
		{"uncheck", func() error { return p.SetChecked(ctx, loc("Agree"), false) }},
		{"choose", func() error { return p.Choose(ctx, loc("Express")) }},
		{"attach a file", func() error { return p.AttachFile(ctx, loc("Receipt"), file) }},
		{"see", func() error { return p.ExpectText(ctx, "Every step") }},
		{"see exactly", func() error { return p.ExpectExactText(ctx, "Total: 42", support.Within("#total")) }},
		{"not see", func() error { return p.ExpectNoText(ctx, "Sold out") }},
		{"count", func() error { return p.ExpectCount(ctx, loc("li"), 2) }},
		{"visible", func() error { return p.ExpectVisible(ctx, loc("Total")) }},
		{"hidden", func() error { return p.ExpectHidden(ctx, loc("Sold out")) }},
		{"disabled", func() error { return p.ExpectState(ctx, loc("Locked"), support.Disabled) }},
		{"enabled", func() error { return p.ExpectState(ctx, loc("Save"), support.Enabled) }},
		{"checked", func() error { return p.ExpectState(ctx, loc("Express"), support.Checked) }},
		{"unchecked", func() error { return p.ExpectState(ctx, loc("Agree"), support.Unchecked) }},
		{"value", func() error { return p.ExpectValue(ctx, loc("Size"), "Large") }},
		{"a custom element's value, asked of the page's world", func() error { return p.ExpectValue(ctx, loc("Your rating"), "4") }},
		{"path", func() error { return p.ExpectPath(ctx, "/") }},
		{"title", func() error { return p.ExpectTitle(ctx, "Test page") }},
		{"title containing", func() error { return p.ExpectTitleContaining(ctx, "Test") }},
		{"fill in a frame", func() error { return inner.Fill(ctx, loc("Note"), "hi") }},
		{"click in a frame", func() error { return inner.Click(ctx, loc("Go")) }},
		{"see in a frame", func() error { return inner.ExpectValue(ctx, loc("Note"), "hi") }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.what, err)
		}
	}
	wantEvents(t, p, "clicked", "dblclicked", "hovered", "enter", "green")
	for _, w := range []string{"window", "frames[0]"} {
		var diffs []string
		for _, d := range js(t, p, w+".footprint()").Arr() {
			diffs = append(diffs, d.Str())
		}
		if len(diffs) > 0 {
			t.Errorf("the page's world (%s) shows the script:\n  %s", w, strings.Join(diffs, "\n  "))
		}
	}
	if after := pageListeners(t, p); after != listenersBefore {
		t.Errorf("the page's world had these listeners before the steps:\n%s\nand these after:\n%s", listenersBefore, after)
	}
}

// pageListeners lists the event listeners on the window and on every node of
// the document, of the page and of its frame, as the page's world sees them
// (DOMDebugger.getEventListeners on the page's own objects).
func pageListeners(t *testing.T, p *support.Page) string {
	t.Helper()
	rp := p.Rod().Context(t.Context())
	var b strings.Builder
	for _, expr := range []string{"window", "document", "frames[0]", "frames[0].document"} {
		obj, err := proto.RuntimeEvaluate{Expression: expr}.Call(rp)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := proto.DOMDebuggerGetEventListeners{ObjectID: obj.Result.ObjectID, Depth: gsonInt(-1), Pierce: true}.Call(rp)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls.Listeners {
			fmt.Fprintf(&b, "%s: %s (node %d)\n", expr, l.Type, l.BackendNodeID)
		}
	}
	return b.String()
}

func gsonInt(n int) *int { return &n }
