package support_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/support"
)

// framedStateSite serves, on another origin, a page that keeps state as an
// iframe: it writes local storage, registers a service worker, and says
// what it found there before it wrote.
func framedStateSite(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/frame", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>frame</title><p id="found">looking</p><script>
(async () => {
  const found = [];
  if (localStorage.length) found.push("localStorage");
  if ((await navigator.serviceWorker.getRegistrations()).length) found.push("service worker");
  localStorage.setItem("kept", "1");
  await navigator.serviceWorker.register("/sw.js");
  await navigator.serviceWorker.ready;
  document.getElementById("found").textContent = "found: " + (found.join(", ") || "nothing");
})();
</script>`)
	})
	mux.HandleFunc("/sw.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `self.addEventListener("fetch", () => {});`)
	})
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2 for a second origin: %v", err)
	}
	srv := httptest.NewUnstartedServer(mux)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestIsolationReachesCrossSiteFrames: a cross-site frame's storage is
// partitioned by the top-level site (origin B's storage under site A is not
// B's own), and the wipe between scenarios must clear that partition too,
// whether the frame runs in the page's process or, with site isolation as in
// desktop Chrome, in a process and a CDP target of its own. Origins were
// followed on the top page's session only, which never hears of an
// out-of-process frame's navigations, and cleared as first-party origins:
// the frame's storage and service worker were kept either way.
func TestIsolationReachesCrossSiteFrames(t *testing.T) {
	shared := needBrowser(t)
	for _, isolated := range []bool{false, true} {
		t.Run(fmt.Sprintf("site isolation %v", isolated), func(t *testing.T) {
			t.Parallel()
			b := shared.Rod()
			if isolated {
				b = launchOwn(t, chrome.Options{SiteIsolation: true}).Rod()
			}
			other := framedStateSite(t)
			srv := serve(t, site{"/": `<iframe title="Widget" src="` + other.URL + `/frame" width="600" height="200"></iframe>`})
			ctx := context.Background()
			pages := support.NewPages(ctx, b, support.PageOptions{BaseURL: srv.URL, Policy: loadPolicy}, support.IsolationReset)
			defer pages.Close()
			for i := 1; i <= 2; i++ {
				p, err := pages.Take(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if err := p.Visit(ctx, "/"); err != nil {
					t.Fatal(err)
				}
				frame := p.InFrame(support.Loc("Widget"))
				if err := frame.ExpectText(ctx, "found: "); err != nil {
					t.Fatal(err)
				}
				if err := frame.ExpectText(ctx, "found: nothing"); err != nil {
					t.Errorf("scenario %d found what the one before left: %v", i, err)
				}
				if err := pages.Put(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
