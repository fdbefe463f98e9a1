package support_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// BenchmarkFirstVisit measures a scenario's first navigation, I am on "/", on
// TodoMVC's vanillajs build (npm todomvc@0.1.1, fetched by make thirdparty),
// with each isolation: a page wiped for reuse (reset) against a new browser
// context per scenario (context), and what giving the page back costs (the
// wipe, or closing the context), and the first check in the visited document
// (which sets up the in-page script there). Each scenario leaves
// localStorage to wipe.
func BenchmarkFirstVisit(b *testing.B) {
	site := "../bin/todomvc/package/examples/vanillajs"
	if _, err := os.Stat(site); err != nil {
		b.Skipf("no TodoMVC at %s (make thirdparty fetches it): %v", site, err)
	}
	br := needBrowser(b)
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	for _, iso := range []support.Isolation{support.IsolationReset, support.IsolationContext} {
		b.Run(string(iso), func(b *testing.B) {
			ctx := context.Background()
			pages := support.NewPages(ctx, br.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: loadPolicy}, iso)
			defer pages.Close()
			var visit, check, put []float64
			for range b.N {
				p, err := pages.Take(ctx)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if err := p.Visit(ctx, "/"); err != nil {
					b.Fatal(err)
				}
				visit = append(visit, ms(time.Since(start)))
				// The first check in the document: it creates the script's world there.
				start = time.Now()
				if err := p.ExpectText(ctx, "todos"); err != nil {
					b.Fatal(err)
				}
				check = append(check, ms(time.Since(start)))
				if _, err := p.Rod().Eval(`() => localStorage.setItem("bench", "1")`); err != nil {
					b.Fatal(err)
				}
				start = time.Now()
				if err := pages.Put(ctx, p); err != nil {
					b.Fatal(err)
				}
				put = append(put, ms(time.Since(start)))
			}
			b.ReportMetric(percentile(visit, 50), "visit-ms/p50")
			b.ReportMetric(percentile(visit, 90), "visit-ms/p90")
			b.ReportMetric(percentile(check, 50), "first-check-ms/p50")
			b.ReportMetric(percentile(put, 50), "giveback-ms/p50")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
