package coverage_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/coverage"
	"github.com/romaine-bdd/romaine/support"
)

// cartJS is a shop page's own script: a class, a guard never taken, an
// arrow callback, a function nobody calls, a comment block.
const cartJS = `/*
 * The basket, as the shop page keeps it.
 */
class Cart {
  constructor() { this.items = []; }
  add(name, price) {
    if (price < 0) {
      throw new Error("negative price");
    }
    this.items.push({ name, price });
    return this.total();
  }
  total() {
    return this.items.reduce((sum, i) => sum + i.price, 0);
  }
}

const cart = new Cart();
document.querySelector("#add").addEventListener("click", () => {
  document.querySelector("#total").textContent = "Total: " + cart.add("tea", 3);
});

// Not called by any page.
function neverCalled() {
  return "never";
}
`

const checkoutJS = "document.querySelector('#done').textContent = 'Thanks';\n"

// shop serves the pages of one worker's app; lib is another origin's script
// (a CDN's): it runs in the page but is not the app's.
func shop(t testing.TB, lib string) *httptest.Server {
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,"></head><body>`+body+`</body></html>`)
		}
	}
	mux.HandleFunc("GET /{$}", page(`<main><button id="add" type="button"><span class="icon">+</span> Add tea</button>
<p id="total">Total: 0</p><a href="/checkout?step=1">Check out</a></main>
<script src="`+lib+`"></script>
<script src="/static/cart.js?v=3"></script>
<script>window.inline = (function () { return eval("(function evald() { return 1 })")(); })();</script>`))
	mux.HandleFunc("GET /checkout", page(`<p id="done"></p><script src="/static/checkout.js"></script>`))
	js := func(src string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, src)
		}
	}
	mux.HandleFunc("GET /static/cart.js", js(cartJS))
	mux.HandleFunc("GET /static/checkout.js", js(checkoutJS))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// visitShop runs one scenario on a fresh page of app: adds tea clicks
// times, then checks out (a link: the page leaves on its own) if asked.
func visitShop(t *testing.T, c *coverage.Collector, app, name string, clicks int, checkout bool) {
	t.Helper()
	ctx := context.Background()
	p, err := support.NewPage(ctx, needBrowser(t).Rod(), support.PageOptions{BaseURL: app, Policy: support.Policy{Timeout: 10 * time.Second, Slice: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rec, err := p.Record(ctx, support.RecordOptions{Scenario: support.ScenarioInfo{Name: name, URI: "shop.feature", Line: clicks, Attempt: 1}, Consumers: []support.Consumer{c.Consumer()}})
	if err != nil {
		t.Fatal(err)
	}
	rec.StepStarted("the shop")
	err = p.Visit(ctx, "/")
	for i := 1; err == nil && i <= clicks; i++ {
		if err = p.Click(ctx, support.Loc("Add tea")); err == nil {
			err = p.ExpectText(ctx, fmt.Sprintf("Total: %d", 3*i))
		}
	}
	if err == nil && checkout {
		if err = p.Click(ctx, support.Loc("Check out")); err == nil {
			err = p.ExpectText(ctx, "Thanks")
		}
	}
	// Code Romaine (or a domain step) evaluates in the page is not the app's.
	if err == nil {
		_, err = p.Rod().Eval(`() => { function romaineHelper() { return 2 } return romaineHelper() }`)
	}
	status := "passed"
	if err != nil {
		status = "failed"
	}
	rec.StepEnded(ctx, status, err)
	rec.End(ctx, support.Ending{Status: status, Err: err, Attempt: 1})
	if err != nil {
		t.Fatal(err)
	}
}

// The page's JavaScript is merged across scenarios and workers (two apps on
// two origins), taken before the page leaves a document for another (a
// link), and kept to the app's own scripts: not another origin's, not an
// inline script, not eval'd code, not what Romaine evaluates.
func TestPageJavaScriptMergedAcrossScenarios(t *testing.T) {
	cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, "window.lib = { version: 1 };\n")
	}))
	defer cdn.Close()
	c := coverage.NewCollector(coverage.NewJS(), coverage.NewRoutes(nil))
	worker1, worker2 := shop(t, cdn.URL+"/lib.js"), shop(t, cdn.URL+"/lib.js")
	visitShop(t, c, worker1.URL, "Two teas, then checkout", 2, true)
	visitShop(t, c, worker2.URL, "One tea", 1, false)
	if p := c.Problems(); len(p) > 0 {
		t.Errorf("problems: %q", p)
	}
	scripts := c.JS.Scripts()
	var paths []string
	for _, s := range scripts {
		paths = append(paths, s.URLPath)
	}
	if got := strings.Join(paths, " "); got != "/static/cart.js /static/checkout.js" {
		t.Fatalf("scripts %q, want the app's two: /static/cart.js /static/checkout.js", got)
	}
	cart, checkout := scripts[0], scripts[1]
	lines := map[int]int64{}
	for _, l := range cart.Lines {
		lines[l.Start.Line] = l.Count
	}
	for _, c := range []struct {
		line   int
		want   int64
		reason string
	}{
		{4, 2, "class Cart: its declaration runs once per load, two loads"},
		{8, 0, "the guard's throw never ran"},
		{10, 3, "three clicks in all pushed an item"},
		{14, 4, "the reduce callback ran 1 + 2 + 1 times (the line's most-run part)"},
		{18, 2, "the script's top level: two loads"},
		{25, 0, "neverCalled's body"},
	} {
		if got, ok := lines[c.line]; !ok || got != c.want {
			t.Errorf("cart.js line %d: count %d (counted: %v), want %d: %s", c.line, got, ok, c.want, c.reason)
		}
	}
	for _, blank := range []int{1, 2, 3, 17, 22, 23} {
		if _, ok := lines[blank]; ok {
			t.Errorf("cart.js line %d (blank or only a comment) is counted", blank)
		}
	}
	fns := map[string]int64{}
	for _, f := range cart.Functions {
		fns[f.Name] = f.Count
	}
	for name, want := range map[string]int64{"Cart": 2, "add": 3, "total": 3, "neverCalled": 0, "(anonymous_14_29)": 4, "(anonymous_19_57)": 3} {
		if got, ok := fns[name]; !ok || got != want {
			t.Errorf("cart.js function %s: %d (found %v), want %d; functions: %v", name, got, ok, want, fns)
		}
	}
	guard := false
	for _, b := range cart.Blocks {
		if b.Start.Line == 7 && b.Count == 0 {
			guard = true
		}
	}
	if !guard {
		t.Errorf("cart.js: no block of the untaken guard (line 7) with count 0: %v", cart.Blocks)
	}
	if len(checkout.Lines) != 1 || checkout.Lines[0].Count != 1 {
		t.Errorf("checkout.js lines %v, want its one line run once (the page left /, then came here)", checkout.Lines)
	}
	// What genhtml and Istanbul read of it is what we count.
	lcov, istanbul := writeBoth(t, scripts, t.TempDir())
	want := totalsOf(scripts)
	t.Run("genhtml", func(t *testing.T) { checkGenhtml(t, lcov, want) })
	t.Run("istanbul", func(t *testing.T) { checkIstanbul(t, istanbul, want) })
	// Routes: the app's requests on both workers, none of the CDN's.
	table := c.Routes.Table()
	var routes []string
	for _, h := range table.Reached {
		routes = append(routes, fmt.Sprintf("%s %d", h.Route, len(h.Scenarios)))
	}
	if got, want := strings.Join(routes, ", "), "GET / 2, GET /checkout 1, GET /static/cart.js 2, GET /static/checkout.js 1"; got != want {
		t.Errorf("routes (with their scenarios):\n%s\nwant:\n%s", got, want)
	}
}
