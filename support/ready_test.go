package support_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// amdPage is an app built the require.js way (testdata/boot): the page has
// its field at once, RequireJS loads the app's module (data-main), which asks
// for its store; each module is answered late by the server. Only then does
// the app listen to the field: it keeps what is typed (input events) in its
// model, and adds the model's title to the list on Enter, as TodoMVC's
// frameworks do. Typing before that reaches a field nothing listens to.
const amdPage = `<!doctype html><html><head><meta charset="utf-8"><title>AMD app</title></head><body>
<h1>todos</h1><label>New todo <input id="new"></label><ul id="list"></ul>
<script data-main="/js/app" src="/require.js"></script></body></html>`

const amdApp = `define(['store'], function (store) {
  var field = document.getElementById('new'), model = { title: '' };
  field.addEventListener('input', function () { model.title = field.value; });
  field.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !model.title) return;
    store.add(model.title); model.title = ''; field.value = '';
  });
});`

const amdStore = `define([], function () {
  return { add: function (t) { var li = document.createElement('li'); li.textContent = t; document.getElementById('list').append(li); } };
});`

// late answers body, of type typ, after delay.
func late(delay time.Duration, typ, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", typ)
		fmt.Fprint(w, body)
	}
}

// amdSite serves the app; each module is answered after delay.
func amdSite(tb testing.TB, delay time.Duration) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, amdPage)
	})
	mux.HandleFunc("/require.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join("testdata", "boot", "require-2.3.8.js"))
	})
	mux.Handle("/js/app.js", late(delay, "text/javascript", amdApp))
	mux.Handle("/js/store.js", late(delay, "text/javascript", amdStore))
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

// The first fill after a visit waits for the app's modules: before, its
// typing reached the field before the app listened, and Enter added nothing.
func TestAnActionWaitsForThePagesScripts(t *testing.T) {
	t.Parallel()
	srv := amdSite(t, 300*time.Millisecond)
	// The modules take 600 ms on a quiet machine and seconds on a starved one:
	// what is tested is the lost input, not the time.
	addFirstTodo(t, srv)
}

// addFirstTodo visits the app, types a todo at once and presses Enter: the
// todo must be in the list.
func addFirstTodo(t *testing.T, srv *httptest.Server) {
	t.Helper()
	p, ctx := openOn(t, needBrowser(t).Rod(), srv.URL, loadPolicy, "/")
	if err := p.Fill(ctx, support.Loc("New todo"), "Buy milk"); err != nil {
		t.Fatal(err)
	}
	if err := p.Press(ctx, "Enter"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(ctx, "Buy milk", support.Within("#list")); err != nil {
		t.Fatalf("the todo typed first was lost: %v", err)
	}
}

// A page still loading its scripts when the step's time runs out: the step
// fails and says which scripts.
func TestAnActionSaysWhichScriptsWereStillLoading(t *testing.T) {
	t.Parallel()
	srv := amdSite(t, time.Minute)
	p, ctx := openOn(t, needBrowser(t).Rod(), srv.URL, support.Policy{Timeout: 500 * time.Millisecond, Slice: 500 * time.Millisecond}, "/")
	// Said by the Go side (from the network) or by the page (its script element).
	wantTimeout(t, p.Fill(ctx, support.Loc("New todo"), "Buy milk"), "still loading", srv.URL+"/js/app.js")
	// Assertions do not wait for scripts: what the page shows is what it shows.
	if err := p.ExpectVisible(ctx, support.Loc("New todo")); err != nil {
		t.Fatal(err)
	}
}

// tplPage is an app that, like TodoMVC's backbone_require, needs a template
// before it starts: its module asks for it through RequireJS's text plugin
// (testdata/boot), which fetches it by XMLHttpRequest, not as a script. Its
// scripts come at once; the template late.
const tplPage = `<!doctype html><html><head><meta charset="utf-8"><title>AMD app with templates</title></head><body>
<h1>todos</h1><label>New todo <input id="new"></label><ul id="list"></ul>
<script>var require = { paths: { text: '/text' } };</script>
<script data-main="/js/app" src="/require.js"></script></body></html>`

const tplApp = `define(['text!/tpl/item.html'], function (item) {
  var field = document.getElementById('new'), model = { title: '' };
  field.addEventListener('input', function () { model.title = field.value; });
  field.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !model.title) return;
    document.getElementById('list').insertAdjacentHTML('beforeend', item.replace('TITLE', model.title));
    model.title = ''; field.value = '';
  });
});`

// tplSite serves the app; its template is answered after delay.
func tplSite(tb testing.TB, delay time.Duration) *httptest.Server {
	file := func(name, typ string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", typ)
			http.ServeFile(w, r, filepath.Join("testdata", "boot", name))
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, tplPage)
	})
	mux.Handle("/require.js", file("require-2.3.8.js", "text/javascript"))
	mux.Handle("/text.js", file("text-2.0.16.js", "text/javascript"))
	mux.HandleFunc("/js/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, tplApp)
	})
	mux.Handle("/tpl/item.html", late(delay, "text/html", `<li class="todo">TITLE</li>`))
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

// The first fill after a visit waits for what the app fetched while it
// booted, its template: before, the typing reached the field before the app
// listened, and Enter added nothing (TodoMVC's backbone_require lost its
// first todo so at 4 workers on 2 cores).
func TestAnActionWaitsForTheTemplatesTheAppFetches(t *testing.T) {
	t.Parallel()
	addFirstTodo(t, tplSite(t, 700*time.Millisecond))
}

// A request the page made while booting that never ends (a long poll, a
// stream) is not waited for past bootFetch: the fill goes ahead within the
// step's time rather than failing it. (The template here never comes, so the
// app never listens: what is tested is that the step is not held.)
func TestAnActionDoesNotWaitForALongPoll(t *testing.T) {
	t.Parallel()
	srv := tplSite(t, time.Minute)
	p, ctx := openOn(t, needBrowser(t).Rod(), srv.URL, support.Policy{Timeout: 5 * time.Second, Slice: time.Second}, "/")
	if err := p.Fill(ctx, support.Loc("New todo"), "Buy milk"); err != nil {
		t.Fatalf("the fill waited for a request that never ends: %v", err)
	}
}
