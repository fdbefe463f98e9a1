package support_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/proto"
	"github.com/ysmood/gson"

	"github.com/romaine-bdd/romaine/support"
)

// Pages whose own JavaScript changes the world the page's scripts run in:
// real libraries (testdata/hostile), built-ins replaced one at a time, a
// strict CSP, a frozen Object.prototype, DOM clobbering. On each, a person's
// steps must work as on a plain page: see, fill, check, select (a native
// select and an ARIA listbox), click.

// hostileScripts are the third-party scripts, pinned (testdata/hostile/README.md).
// The boot test's loader (testdata/boot/README.md) and the real-world
// libraries other tests load (testdata/web/README.md) are pinned here too.
var hostileScripts = map[string]string{
	"hostile/webcomponents-0.7.24.min.js": "3858273ab39b299e7c2227f0830534afafaabf4a572c9ea73c2076fecbd8978c",
	"hostile/zone-0.16.3.umd.min.js":      "37ddb0c8bb58698be685d8da4aadf115625d5cafee227f391a3d8fecddc05741",
	"hostile/prototype-1.7.3.js":          "516eef54a4a196175876d3db29a5600dc06f6820193c912b9513a8253d86bc34",
	"hostile/sinon-22.1.0-esm.js":         "9e5997f747c8af7e32448db17c502572b9f7e9c95948e505f0aa5b23c42e9e08",
	"boot/require-2.3.8.js":               "c1fc6b1d53af7522f78d664922abb32acac64ed0ecccb8f907f1e6fc7262563a",
	"boot/text-2.0.16.js":                 "0beafc547dfffd6549125b99593a4844be0f8644643dd4df1f2c6211515fddde",
	"web/jquery-3.6.1.min.js":             "03378a725b68b791419d83f47f10ff7ca5819c7d9d1dadba9edd26ef2ce588fd",
}

func TestHostileScriptsArePinned(t *testing.T) {
	for name, want := range hostileScripts {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Errorf("%s: %v (the README.md beside it says where it comes from)", name, err)
			continue
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s has SHA-256 %s, want %s: not the pinned release", name, got, want)
		}
	}
}

// hostileForm is the page's content: a field, a checkbox, a select, an ARIA
// listbox and a button that shows what was entered. Its script, like every
// script of these pages, carries the nonce the CSP page allows, and uses no
// built-in the pages replace.
const hostileForm = `<h1>Hostile page</h1>
<form id="f">
<label>Name <input id="name"></label>
<label><input type="checkbox" id="agree"> Agree</label>
<label>Size <select id="size"><option>Small</option><option>Large</option></select></label>
<ul role="listbox" aria-label="Colour"><li role="option" id="red">Red</li><li role="option" id="green">Green</li></ul>
<button type="button" id="save">Save</button>
</form>
<p id="out"></p>
<script nonce="r0m4ine">
var colour = '', byId = function (id) { return document.getElementById(id); };
byId('red').onclick = function () { colour = 'Red'; };
byId('green').onclick = function () { colour = 'Green'; };
byId('save').onclick = function () {
  byId('out').textContent = 'Saved ' + byId('name').value + ' ' + byId('size').value + ' ' + byId('agree').checked + ' ' + colour;
};
</script>`

// hostilePage is one page: what its head loads, what it does after the form,
// the CSP header it is served with, and a JavaScript expression that is true
// in the page's world once the steps are done, to show the page really was
// what it claims to be.
type hostilePage struct {
	name, head, after, csp, probe string
	inForm                        string // more of the form's content
}

// broken is a built-in's replacement that throws; lying ones are below.
const broken = `function () { throw new Error('replaced by the page') }`

// throws is a probe: true when expr throws in the page's world.
func throws(expr string) string {
	return `(() => { try { ` + expr + `; return false } catch (e) { return true } })()`
}

var hostilePages = []hostilePage{
	{name: "webcomponents v0 polyfill (ShadowDOM wrappers)", head: `<script src="/vendor/webcomponents-0.7.24.min.js"></script>`,
		probe: `!!window.ShadowDOMPolyfill && document.getElementById('name') !== ShadowDOMPolyfill.unwrap(document.getElementById('name'))`},
	{name: "zone.js", head: `<script src="/vendor/zone-0.16.3.umd.min.js"></script>`,
		probe: `!!window.Zone && typeof EventTarget.prototype[Zone.__symbol__('addEventListener')] === 'function'`},
	{name: "prototype.js 1.7", head: `<script src="/vendor/prototype-1.7.3.js"></script>`,
		probe: `Prototype.Version === '1.7.3' && typeof [].without === 'function'`},
	{name: "sinon fake timers", head: `<script type="module" nonce="r0m4ine">import sinon from '/vendor/sinon-22.1.0-esm.js';
window.clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame', 'Date', 'performance'] });</script>`,
		probe: `!!window.clock && Date.now() === 0 && performance.now() === 0`},
	{name: "Array.from", after: `Array.from = ` + broken, probe: throws(`Array.from([1])`)},
	{name: "Array.prototype.map", after: `Array.prototype.map = Array.prototype.filter = Array.prototype.forEach = ` + broken, probe: throws(`[1].map(String)`)},
	{name: "NodeList iteration", after: `NodeList.prototype[Symbol.iterator] = NodeList.prototype.forEach = ` + broken, probe: throws(`[...document.querySelectorAll('li')]`)},
	{name: "querySelectorAll (lies: finds nothing)", after: `Document.prototype.querySelectorAll = Element.prototype.querySelectorAll = DocumentFragment.prototype.querySelectorAll = function () { return []; }`,
		probe: `document.querySelectorAll('li').length === 0`},
	{name: "MutationObserver (never reports)", after: `window.MutationObserver = function () { this.observe = this.disconnect = function () {}; this.takeRecords = function () { return []; }; }`,
		probe: `new MutationObserver(() => {}).observe.length === 0`},
	{name: "requestAnimationFrame (never calls back)", after: `window.requestAnimationFrame = function () { return 1; }`, probe: `requestAnimationFrame(() => {}) === 1`},
	{name: "getComputedStyle (lies: all hidden)", after: `window.getComputedStyle = function () { return { display: 'none', visibility: 'hidden', getPropertyValue: function () { return ''; } }; }`,
		probe: `getComputedStyle(document.body).display === 'none'`},
	{name: "JSON.stringify", after: `JSON.stringify = JSON.parse = ` + broken, probe: throws(`JSON.stringify({})`)},
	{name: "Promise", after: `window.Promise = ` + broken, probe: throws(`new Promise(() => {})`)},
	{name: "Map and Set", after: `window.Map = window.Set = window.WeakMap = ` + broken, probe: throws(`new Map()`)},
	{name: "string methods", after: `String.prototype.replace = String.prototype.trim = String.prototype.toLowerCase = String.prototype.includes = String.prototype.split = String.prototype.slice = ` + broken,
		probe: throws(`'a'.trim()`)},
	{name: "elementFromPoint (lies: the body)", after: `Document.prototype.elementFromPoint = function () { return document.body; }`, probe: `document.elementFromPoint(0, 0) === document.body`},
	{name: "getBoundingClientRect (lies: no box)", after: `Element.prototype.getBoundingClientRect = function () { return { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }; }`,
		probe: `document.body.getBoundingClientRect().width === 0`},
	{name: "Function.prototype.call and apply", after: `Function.prototype.call = Function.prototype.apply = Function.prototype.bind = ` + broken, probe: throws(`(function () {}).call(null)`)},
	{name: "addEventListener (drops every listener)", after: `EventTarget.prototype.addEventListener = EventTarget.prototype.removeEventListener = function () {}`,
		probe: `EventTarget.prototype.addEventListener.length === 0`},
	{name: "strict CSP", csp: `default-src 'self'; script-src 'nonce-r0m4ine'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`,
		after: `document.addEventListener('securitypolicyviolation', function () { window.violations = (window.violations || 0) + 1; });
var s = document.createElement('script'); try { s.textContent = 'window.inlineRan = true'; } catch (e) {} document.body.append(s);`,
		probe: `window.violations > 0 && window.inlineRan !== true`},
	{name: "DOM clobbering", inForm: clobbering, after: `document.body.insertAdjacentHTML('beforeend', '<img name="querySelectorAll" alt=""><img name="getElementsByTagName" alt="">');
customElements.define('x-note', class extends HTMLElement { connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<p>A component</p>'; } });
document.getElementById('f').append(document.createElement('x-note'));`,
		probe: `typeof document.querySelectorAll !== 'function' && typeof document.getElementById('f').getAttribute !== 'function'`},
	{name: "frozen Object.prototype", after: `Object.freeze(Object.prototype); Object.freeze(Array.prototype); Object.freeze(Function.prototype)`, probe: `Object.isFrozen(Object.prototype)`},
}

// clobbering names hidden fields of the form after the DOM properties and
// methods the script reads on elements: on a form, a field's name hides the
// property of that name (forms with fields named "id", "action" or "elements"
// are common).
var clobbering = func() string {
	var b strings.Builder
	for _, n := range []string{"querySelectorAll", "querySelector", "elements", "getAttribute", "hasAttribute", "matches", "closest", "contains",
		"nodeType", "parentNode", "parentElement", "children", "childNodes", "id", "className", "tagName", "localName", "shadowRoot",
		"getRootNode", "textContent", "innerText", "getBoundingClientRect", "getClientRects", "checkVisibility", "isConnected", "labels", "control"} {
		fmt.Fprintf(&b, `<input type="hidden" name="%s">`, n)
	}
	return b.String()
}()

// hostileSite serves pages by path: "/" + index into pages, and the scripts.
func hostileSite(tb testing.TB, pages []hostilePage, body string) *httptest.Server {
	vendor := http.StripPrefix("/vendor/", http.FileServer(http.Dir(filepath.Join("testdata", "hostile"))))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/vendor/") {
			vendor.ServeHTTP(w, r)
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/%d", &i); err != nil || i < 0 || i >= len(pages) {
			http.NotFound(w, r)
			return
		}
		pg := pages[i]
		if pg.csp != "" {
			w.Header().Set("Content-Security-Policy", pg.csp)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		after := ""
		if pg.after != "" {
			after = `<script nonce="r0m4ine">` + pg.after + `</script>`
		}
		body := strings.Replace(body, "</form>", pg.inForm+"</form>", 1)
		fmt.Fprintf(w, `<!doctype html><html><head><meta charset="utf-8"><title>%s</title>%s</head><body>%s%s</body></html>`, pg.name, pg.head, body, after)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

func TestHostilePages(t *testing.T) {
	b := needBrowser(t)
	srv := hostileSite(t, hostilePages, hostileForm)
	for i, pg := range hostilePages {
		t.Run(pg.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := openOn(t, b.Rod(), srv.URL, testPolicy, fmt.Sprintf("/%d", i))
			steps := []struct {
				what string
				do   func() error
			}{
				{"see", func() error { return p.ExpectText(ctx, "Hostile page") }},
				{"fill", func() error { return p.Fill(ctx, support.Loc("Name"), "Ada") }},
				{"check", func() error { return p.SetChecked(ctx, support.Loc("Agree"), true) }},
				{"select", func() error { return p.Select(ctx, support.Loc("Size"), "Large") }},
				{"select from a listbox", func() error { return p.Select(ctx, support.Loc("Colour"), "Green") }},
				{"click", func() error { return p.Click(ctx, support.Loc("Save")) }},
				{"click within the form", func() error { return p.Click(ctx, support.Loc("Save", support.Within("css=form"))) }},
				{"fill within the form", func() error { return p.Fill(ctx, support.Loc("Name", support.Within("css=form")), "Ada") }},
				{"see what was saved", func() error { return p.ExpectText(ctx, "Saved Ada Large true Green") }},
				{"read a value", func() error { return p.ExpectValue(ctx, support.Loc("Name"), "Ada") }},
				{"read a state", func() error { return p.ExpectState(ctx, support.Loc("Agree"), support.Checked) }},
			}
			for _, s := range steps {
				if err := s.do(); err != nil {
					t.Fatalf("%s: %v", s.what, err)
				}
			}
			// A failure says what it saw, as on a plain page.
			short := p.WithPolicy(support.Policy{Timeout: 300 * time.Millisecond, Slice: 300 * time.Millisecond})
			wantTimeout(t, short.Click(ctx, support.Loc("Absent")), `no button, link, field or visible text "Absent"`)
			wantTimeout(t, short.Fill(ctx, support.Loc("Nmae"), "x"), `closest: "Name"`)
			if !mainWorld(t, p, pg.probe).Bool() {
				t.Errorf("the page's world is not what the case says (%s is false): the case proves nothing", pg.probe)
			}
		})
	}
}

// mainWorld evaluates expr in the page's world with nothing around it: the
// pages above break what rod's Eval calls (Function.prototype.apply).
func mainWorld(tb testing.TB, p *support.Page, expr string) gson.JSON {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), loadPolicy.Timeout)
	defer cancel()
	res, err := proto.RuntimeEvaluate{Expression: expr, ReturnByValue: true}.Call(p.Rod().Context(ctx))
	if err == nil && res.ExceptionDetails != nil {
		err = fmt.Errorf("%s", res.ExceptionDetails.Exception.Description)
	}
	if err != nil {
		tb.Fatalf("evaluating %s in the page's world: %v", expr, err)
	}
	return res.Result.Value
}
