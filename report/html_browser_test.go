package report

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/support"
)

// The report in a real browser: its script runs (the page's
// Content-Security-Policy lets it, by its hash), the filters and the search box
// show what they say, and the page asks the network for nothing but itself.
func TestHTMLReportFiltersInABrowser(t *testing.T) {
	if _, err := chrome.Find(""); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no browser on this machine (%v); with CI set this is a failure", err)
		}
		t.Fatal(err)
	}
	g := newSim(t)
	pickles := g.run("testdata/checkout.feature", 0)
	g.play(pickles[0], "1", 2) // Paying by card fails, then passes: flaky
	g.play(pickles[1], "2", -1)
	g.play(pickles[2], "1", 1) // Shipping to Japan fails
	g.play(g.run("testdata/checkout.feature", 200, 7)[0], "2", -1)
	var page bytes.Buffer
	if err := WriteHTML(&page, Build(g.r.Envelopes())); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		if r.URL.Path != "/report.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page.Bytes())
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b, err := chrome.Launch(ctx, chrome.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	p, err := support.NewPage(ctx, b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: support.Policy{Timeout: 5 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	scenarios := support.Loc("css=details.scenario")
	must("opening the report", p.Visit(ctx, "/report.html"))
	must("the script ran", p.ExpectText(ctx, "3 of 3 scenarios shown"))
	must("every scenario shows", p.ExpectCount(ctx, scenarios, 3))

	must("hiding the passed", p.SetChecked(ctx, support.Loc("passed (1)"), false))
	must("passed hidden", p.ExpectText(ctx, "2 of 3 scenarios shown"))
	must("hiding the flaky", p.SetChecked(ctx, support.Loc("flaky (1)"), false))
	must("the failed one alone", p.ExpectCount(ctx, scenarios, 1))
	must("the failed one is Japan", p.ExpectVisible(ctx, support.Loc("css=#s-testdata-checkout\\.feature-18")))

	must("showing the passed again", p.SetChecked(ctx, support.Loc("passed (1)"), true))
	must("showing the flaky again", p.SetChecked(ctx, support.Loc("flaky (1)"), true))
	must("searching", p.Fill(ctx, support.Loc("Search"), "france"))
	must("the search finds France alone", p.ExpectText(ctx, "1 of 3 scenarios shown"))
	must("France shows", p.ExpectVisible(ctx, support.Loc("css=#s-testdata-checkout\\.feature-17")))
	must("searching two words", p.Fill(ctx, support.Loc("Search"), "thank @smoke"))
	must("both words are in Paying by card only", p.ExpectCount(ctx, scenarios, 1))
	must("searching an error's words", p.Fill(ctx, support.Loc("Search"), "on the page"))
	must("the errors are searched", p.ExpectText(ctx, "2 of 3 scenarios shown"))
	must("searching nothing", p.Fill(ctx, support.Loc("Search"), ""))
	must("every scenario shows again", p.ExpectCount(ctx, scenarios, 3))

	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(asked, []string{"/report.html"}) {
		t.Errorf("the report asked for %q; it must ask for nothing but itself", asked)
	}
}
