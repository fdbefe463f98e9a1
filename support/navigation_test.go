package support_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/cdp"

	"github.com/romaine-bdd/romaine/support"
)

// slowSite serves pages of body; /slow answers after delay (or when the test
// ends), like a server under load.
func slowSite(t *testing.T, delay time.Duration, pages site) *support.Page {
	t.Helper()
	b := needBrowser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/slow") {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		servePage(w, r, pages)
	}))
	t.Cleanup(srv.Close)
	p, err := support.NewPage(context.Background(), b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: testPolicy})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// A page slower than the element limit loads: page loads have a limit of
// their own, as a person waits for a slow page.
func TestVisitWaitsForASlowPageBeyondTheElementLimit(t *testing.T) {
	t.Parallel()
	p := slowSite(t, testPolicy.Timeout+500*time.Millisecond, site{"/slow": `<p>Finally</p>`})
	if err := p.Visit(t.Context(), "/slow"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(t.Context(), "Finally"); err != nil {
		t.Fatal(err)
	}
}

// A page that does not load within the navigation limit fails saying which
// limit ran out, and how far the load got.
func TestVisitNamesThePageLoadLimit(t *testing.T) {
	t.Parallel()
	p := slowSite(t, time.Hour, site{"/slow": `<p>Never</p>`})
	p = p.WithPolicy(support.Policy{Timeout: testPolicy.Timeout, Slice: testPolicy.Slice, Navigation: time.Second})
	err := p.Visit(t.Context(), "/slow")
	var ne *support.NavigationError
	if !errors.As(err, &ne) {
		t.Fatalf("got %T %v, want a *support.NavigationError", err, err)
	}
	for _, want := range []string{"going to http://", "did not load within 1s", "ROMAINE_NAVIGATION_TIMEOUT", "/slow was requested but the server had not answered"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("a NavigationError must wrap context.DeadlineExceeded")
	}
}

// A click that navigates to a slow page: the next step finds the page loading
// and waits for it by the page-load limit, not the element limit.
func TestStepAfterANavigatingClickWaitsForTheLoad(t *testing.T) {
	t.Parallel()
	p := slowSite(t, testPolicy.Timeout+2*time.Second, site{
		"/":          `<a href="/slow/next">Next page</a>`,
		"/slow/next": `<h1>Page two</h1>`,
	})
	if err := p.WithPolicy(loadPolicy).Visit(t.Context(), "/"); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(t.Context(), support.Loc("Next page")); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(t.Context(), "Page two"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectPath(t.Context(), "/slow/next"); err != nil {
		t.Fatal(err)
	}
}

// history.back() can lose its own answer to the navigation it starts (the
// browser says "Inspected target navigated or closed"): that navigation
// happened, and the step waits for it rather than failing. Seen in make chaos.
func TestNavigationThatLosesItsAnswerIsWaitedFor(t *testing.T) {
	t.Parallel()
	p := slowSite(t, 0, site{"/": `<p>Home</p>`, "/next": `<p>Next</p>`})
	if err := p.Visit(t.Context(), "/"); err != nil {
		t.Fatal(err)
	}
	next, err := p.Resolve("/next")
	if err != nil {
		t.Fatal(err)
	}
	err = support.NavigateBy(t.Context(), p, "going back", func(rp *rod.Page) error {
		if _, err := rp.Evaluate(rod.Eval(`(u) => { setTimeout(() => location.assign(u), 0) }`, next)); err != nil {
			return err
		}
		return &cdp.Error{Code: -32000, Message: "Inspected target navigated or closed"}
	})
	if err != nil {
		t.Fatalf("a navigation whose call lost its answer failed the step: %v", err)
	}
	if err := p.ExpectPath(t.Context(), "/next"); err != nil {
		t.Fatal(err)
	}
}
