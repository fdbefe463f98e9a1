package support_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// plainScriptsSite is a page whose scripts all load before DOMContentLoaded,
// the common case: three external scripts, one of them deferred, and the
// handlers attached by the last.
func plainScriptsSite(tb testing.TB) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Plain</title><script src="/a.js"></script><script src="/c.js" defer></script>
<h1>todos</h1><label>New todo <input id="new"></label><ul id="list"></ul><script src="/b.js"></script>`)
	})
	for _, name := range []string{"a", "b", "c"} {
		mux.HandleFunc("/"+name+".js", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprintf(w, "window.%s = %q;\n", name, strings.Repeat(name, 2000))
		})
	}
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

// BenchmarkFirstActionAfterVisit measures a scenario's first fill after its
// visit, with actions waiting for the page's scripts (ready.go) and without:
// on a plain page (scripts loaded before DOMContentLoaded: the wait should
// cost nothing) and on the require.js app of TestAnActionWaitsForThePagesScripts
// (modules answered after 100 ms each: the wait lasts until the app has
// booted; without it the fill is quick, and lost). It reports the median and
// 90th percentile of the fill in milliseconds, and for the app how many
// fills were lost; it asserts nothing about time.
func BenchmarkFirstActionAfterVisit(b *testing.B) {
	br := needBrowser(b)
	sites := []struct {
		name string
		srv  *httptest.Server
	}{{"plain", plainScriptsSite(b)}, {"require", amdSite(b, 100*time.Millisecond)}}
	for _, s := range sites {
		for _, wait := range []bool{true, false} {
			name := s.name + "/ready"
			if !wait {
				name = s.name + "/no-wait"
			}
			b.Run(name, func(b *testing.B) {
				ctx := context.Background()
				pages := support.NewPages(ctx, br.Rod(), support.PageOptions{BaseURL: s.srv.URL, Policy: loadPolicy}, support.IsolationReset)
				defer pages.Close()
				var fill []float64
				lost := 0
				for range b.N {
					taken, err := pages.Take(ctx)
					if err != nil {
						b.Fatal(err)
					}
					p := taken
					if !wait {
						p = support.WithoutReadiness(p)
					}
					if err := p.Visit(ctx, "/"); err != nil {
						b.Fatal(err)
					}
					start := time.Now()
					if err := p.Fill(ctx, support.Loc("New todo"), "Buy milk"); err != nil {
						b.Fatal(err)
					}
					fill = append(fill, ms(time.Since(start)))
					if s.name == "require" {
						if err := p.Press(ctx, "Enter"); err != nil {
							b.Fatal(err)
						}
						short := p.WithPolicy(support.Policy{Timeout: time.Second, Slice: time.Second})
						if short.ExpectText(ctx, "Buy milk", support.Within("#list")) != nil {
							lost++
						}
					}
					if err := pages.Put(ctx, taken); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(percentile(fill, 50), "fill-ms/p50")
				b.ReportMetric(percentile(fill, 90), "fill-ms/p90")
				if s.name == "require" {
					b.ReportMetric(float64(lost), "lost")
				}
			})
		}
	}
}
