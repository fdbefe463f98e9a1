package film

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/testbrowser"
	"github.com/romaine-bdd/romaine/support"
)

// One browser for the package; every test gets its own page from it. No
// call of this package's code may go to the browser without a deadline: a
// browser that stops answering would hold the run.
var shared = testbrowser.Shared{NoCallWithoutDeadline: "github.com/romaine-bdd/romaine/film."}

func TestMain(m *testing.M) { os.Exit(testbrowser.Main(m, &shared, runtime.GOMAXPROCS(0))) }

// needBrowser skips without a browser, unless browser tests are required
// (CI, make test: testenv.Required), where that fails.
func needBrowser(tb testing.TB) *chrome.Browser { return shared.Need(tb) }

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
