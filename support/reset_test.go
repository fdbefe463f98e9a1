package support_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// stateSite is an app whose pages can leave every kind of state a scenario
// can leave in a browser; /cached counts the requests that reach the server.
func stateSite(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var served atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>state</title><p>state</p>`)
	})
	mux.HandleFunc("/sw.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `self.addEventListener("fetch", () => {});`)
	})
	mux.HandleFunc("/cached", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=3600")
		fmt.Fprint(w, served.Add(1))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &served
}

// writeState leaves, from p's page on srv, every kind of state resetPage wipes.
func writeState(t *testing.T, p *support.Page, srv *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	if err := p.Visit(ctx, "/"); err != nil {
		t.Fatal(err)
	}
	rp := p.Rod()
	eval(t, rp, `async () => {
		document.cookie = "kept=1; max-age=3600";
		localStorage.setItem("kept", "1");
		sessionStorage.setItem("kept", "1");
		await new Promise((ok, fail) => {
			const open = indexedDB.open("kept", 1);
			open.onupgradeneeded = () => open.result.createObjectStore("s");
			open.onsuccess = () => {
				const tx = open.result.transaction("s", "readwrite");
				tx.objectStore("s").put(1, "kept");
				tx.oncomplete = () => { open.result.close(); ok(); };
				tx.onerror = fail;
			};
			open.onerror = fail;
		});
		await (await caches.open("kept")).put("/kept", new Response("1"));
		await navigator.serviceWorker.register("/sw.js");
		await navigator.serviceWorker.ready;
		await fetch("/cached");
	}`)
	if err := (proto.BrowserGrantPermissions{Permissions: []proto.BrowserPermissionType{proto.BrowserPermissionTypeGeolocation},
		Origin: srv.URL, BrowserContextID: rp.Browser().BrowserContextID}).Call(rp); err != nil {
		t.Fatal(err)
	}
	if got := eval(t, rp, `async () => (await navigator.permissions.query({name: "geolocation"})).state`).Value.Str(); got != "granted" {
		t.Fatalf("the test could not grant a permission: geolocation is %q", got)
	}
	if _, err := rp.Evaluate(rod.Eval(`() => { window.open("/?popup"); }`).ByUser()); err != nil {
		t.Fatal(err)
	}
	if err := p.Visit(ctx, "/?second"); err != nil {
		t.Fatal(err)
	}
	// A dialog still open when the scenario ends.
	eval(t, rp, `() => { setTimeout(() => alert("left open"), 0); }`)
}

func eval(t *testing.T, rp *rod.Page, js string) *proto.RuntimeRemoteObject {
	t.Helper()
	res, err := rp.Evaluate(rod.Eval(js).ByPromise())
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return res
}

// TestIsolation: a scenario writes each kind of state a browser keeps, and
// the next scenario of the same worker finds none, whether it gets a new
// context (context) or the same page wiped (reset).
func TestIsolation(t *testing.T) {
	b := needBrowser(t)
	for _, iso := range []support.Isolation{support.IsolationReset, support.IsolationContext} {
		t.Run(string(iso), func(t *testing.T) {
			t.Parallel()
			srv, served := stateSite(t)
			ctx := context.Background()
			pages := support.NewPages(ctx, b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: loadPolicy}, iso)
			defer pages.Close()
			first, err := pages.Take(ctx)
			if err != nil {
				t.Fatal(err)
			}
			writeState(t, first, srv)
			if err := pages.Put(ctx, first); err != nil {
				t.Fatal(err)
			}
			next, err := pages.Take(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer pages.Put(ctx, next)
			if reused := next == first; reused != (iso == support.IsolationReset) {
				t.Fatalf("with isolation %s the next scenario got the same page: %v", iso, reused)
			}
			if u, err := next.URL(ctx); err != nil || u != "about:blank" {
				t.Fatalf("the next scenario's page is at %q (%v), want about:blank", u, err)
			}
			rp := next.Rod()
			targets, err := proto.TargetGetTargets{}.Call(rp)
			if err != nil {
				t.Fatal(err)
			}
			for _, ti := range targets.TargetInfos {
				if ti.BrowserContextID == rp.Browser().BrowserContextID && ti.TargetID != rp.TargetID && ti.Type == proto.TargetTargetInfoTypePage {
					t.Errorf("a tab the last scenario opened is still open: %s", ti.URL)
				}
			}
			if err := next.Visit(ctx, "/"); err != nil {
				t.Fatal(err)
			}
			left := eval(t, rp, `async () => {
				const left = [];
				if (document.cookie) left.push("cookie " + document.cookie);
				if (localStorage.length) left.push("localStorage");
				if (sessionStorage.length) left.push("sessionStorage");
				if ((await indexedDB.databases()).length) left.push("IndexedDB");
				if ((await caches.keys()).length) left.push("Cache Storage");
				if ((await navigator.serviceWorker.getRegistrations()).length) left.push("service worker");
				const perm = (await navigator.permissions.query({name: "geolocation"})).state;
				if (perm !== "prompt") left.push("geolocation permission " + perm);
				if (history.length !== 2) left.push("history of " + history.length + " entries");
				if (await (await fetch("/cached")).text() !== "2") left.push("HTTP cache");
				return left.join(", ");
			}`).Value.Str()
			if left != "" {
				t.Errorf("the next scenario found what the last one left: %s", left)
			}
			if n := served.Load(); n != 2 {
				t.Errorf("/cached reached the server %d times, want 2 (the cache kept its answer)", n)
			}
			if d := next.UnexpectedDialogs(); len(d) > 0 {
				t.Errorf("the next scenario was told of the last one's dialogs: %v", d)
			}
		})
	}
}
