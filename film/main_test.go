package film

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/support"
)

// One browser for the package; every test gets its own page from it.
var (
	browser    *chrome.Browser
	browserErr error
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	b, err := chrome.Launch(context.Background(), chrome.Options{})
	if err != nil {
		browserErr = err
		return m.Run()
	}
	browser = b
	defer b.Close()
	return m.Run()
}

// needBrowser skips without a browser, except on CI (CI set), where that fails.
func needBrowser(tb testing.TB) *chrome.Browser {
	tb.Helper()
	if browser != nil {
		return browser
	}
	if _, ci := os.LookupEnv("CI"); !ci {
		tb.Skipf("no browser on this machine (%v); with CI set this is a failure", browserErr)
	}
	tb.Fatalf("no browser: %v", browserErr)
	return nil
}

var testPolicy = support.Policy{Timeout: 10 * time.Second}

// site serves pages by path: each a whole document, served as HTML, or
// with the content type the path's map value starts with ("text/css\n...").
type site map[string]string

func serve(tb testing.TB, pages site) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		ct := "text/html; charset=utf-8"
		if len(body) > 9 && body[:9] == "text/css\n" {
			ct, body = "text/css", body[9:]
		}
		w.Header().Set("Content-Type", ct)
		fmt.Fprint(w, body)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// newPage opens a page of its own on srv, closed at the test's end.
func newPage(tb testing.TB, srv *httptest.Server) *support.Page {
	tb.Helper()
	b := needBrowser(tb)
	p, err := support.NewPage(context.Background(), b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: testPolicy})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = p.Close() })
	return p
}
