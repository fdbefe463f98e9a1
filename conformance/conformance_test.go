package conformance_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/testbrowser"
	"github.com/romaine-bdd/romaine/support"
)

// One browser for the whole corpus, and a few pages in it that every case
// reuses (a case visits its own page first, so nothing of the case before it
// is left but the browser context's cookies and storage, which no case uses).
var shared testbrowser.Shared

// pagesInUse is how many pages the corpus runs on at once: most cases wait on
// the page, idle, and the failing ones wait out their whole timeout.
const pagesInUse = 4

func TestMain(m *testing.M) { os.Exit(testbrowser.Main(m, &shared, pagesInUse)) }

func needBrowser(tb testing.TB) *chrome.Browser { return shared.Need(tb) }

// newServer serves the pages (see pagesHandler).
func newServer(tb testing.TB) *httptest.Server {
	srv := httptest.NewServer(pagesHandler())
	tb.Cleanup(srv.Close)
	return srv
}

// pagesHandler serves pages/ as it is, and /delay/MS/PATH: the file at PATH
// after MS milliseconds (a slow script, image or frame).
func pagesHandler() http.Handler {
	files := http.FileServer(http.Dir("pages"))
	mux := http.NewServeMux()
	mux.Handle("/", files)
	mux.HandleFunc("/delay/{ms}/{path...}", func(w http.ResponseWriter, r *http.Request) {
		ms, err := strconv.Atoi(r.PathValue("ms"))
		if err != nil || ms < 0 || ms > 10000 {
			http.Error(w, "delay: want /delay/MS/PATH with MS from 0 to 10000", http.StatusBadRequest)
			return
		}
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		r.URL.Path = "/" + r.PathValue("path")
		files.ServeHTTP(w, r)
	})
	return mux
}

// Policies: a passing step returns as soon as it can, within the 5 s a
// scenario's step has; a failing one waits its whole timeout, so the cases
// that must fail wait less, and a page load may take what a loaded machine
// needs.
var (
	passPolicy = support.Policy{Timeout: 5 * time.Second, Slice: time.Second}
	failPolicy = support.Policy{Timeout: time.Second, Slice: 500 * time.Millisecond}
	loadPolicy = support.Policy{Timeout: 15 * time.Second, Slice: time.Second}
)

// pool hands out the corpus's pages, each reused case after case.
type pool chan *support.Page

func newPool(t *testing.T, n int) pool {
	t.Helper()
	b := needBrowser(t)
	srv := newServer(t)
	ps := make(pool, n)
	for range n {
		p, err := support.NewPage(t.Context(), b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: passPolicy})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := p.Close(); err != nil {
				t.Errorf("closing a page: %v", err)
			}
		})
		ps <- p
	}
	return ps
}

// TestCorpus runs every case, each in a subtest of its name:
//
//	go test ./conformance/ -run 'TestCorpus/names/icon-alt'
func TestCorpus(t *testing.T) {
	cases := allCases()
	checkTable(t, cases)
	ps := newPool(t, pagesInUse)
	// The pool's pages are closed by a cleanup of this test, which runs after
	// every parallel subtest: a t.Run group makes that wait explicit.
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				p := <-ps
				defer func() { ps <- p }()
				c.run(t, p)
			})
		}
	})
}

func allCases() []tc {
	var all []tc
	for _, table := range [][]tc{nameCases, controlCases, layoutCases, rerenderCases, frameCases, shadowCases, textCases} {
		all = append(all, table...)
	}
	return all
}

// checkTable holds the table to its own rules: unique names, a reason, a page
// that exists, something checked.
func checkTable(t *testing.T, cases []tc) {
	seen := map[string]bool{}
	for _, c := range cases {
		switch {
		case seen[c.name]:
			t.Errorf("case %s: the name is used twice", c.name)
		case c.reason == "":
			t.Errorf("case %s: no reason", c.name)
		case len(c.steps) == 0:
			t.Errorf("case %s: no steps", c.name)
		}
		seen[c.name] = true
		if _, err := os.Stat(filepath.Join("pages", strings.SplitN(c.page, "?", 2)[0])); err != nil {
			t.Errorf("case %s: page: %v", c.name, err)
		}
	}
}

// tc is one case: a page, what a person does on it, and what must be true
// after: what the page received (always compared: nil means nothing), and for
// a case that must fail, the message its last step fails with.
type tc struct {
	name   string   // topic/what, the subtest's name
	page   string   // under pages/
	reason string   // the pattern, where the web builds it, and what must hold
	steps  []step   // in order
	log    []string // what the page received (window.received), in order
	fail   string   // the last step's error, "(N attempts)" for the count, "at (x,y)" for a point
}

func (c tc) run(t *testing.T, p *support.Page) {
	ctx := t.Context()
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"+c.page); err != nil {
		t.Fatalf("loading %s: %v", c.page, err)
	}
	for i, s := range c.steps {
		last := i == len(c.steps)-1
		if last && c.fail != "" {
			err := s.do(ctx, p.WithPolicy(failPolicy))
			if got := normalize(err); got != c.fail {
				t.Errorf("%s: %s: error mismatch (-want +got):\n%s\nreason: %s", c.page, s.text, cmp.Diff(c.fail, got), c.reason)
			}
			continue
		}
		if err := s.do(ctx, p); err != nil {
			t.Fatalf("%s: step %d, %s: %v\nreason: %s", c.page, i+1, s.text, err, c.reason)
		}
	}
	if diff := cmp.Diff(c.log, received(t, p)); diff != "" {
		t.Errorf("%s: what the page received mismatch (-want +got):\n%s\nreason: %s", c.page, diff, c.reason)
	}
}

var (
	attempts = regexp.MustCompile(`\(\d+ attempts\)`)
	point    = regexp.MustCompile(`at \(-?\d+,-?\d+\)`)
)

// normalize is err's message with what varies from run to run (and from one
// machine's fonts to another's) replaced: the attempt count, coordinates.
func normalize(err error) string {
	if err == nil {
		return "<no error>"
	}
	var te *support.TimeoutError
	if !errors.As(err, &te) {
		return err.Error()
	}
	return point.ReplaceAllString(attempts.ReplaceAllString(err.Error(), "(N attempts)"), "at (x,y)")
}

// received is what the page logged (see pages/harness.js).
func received(t *testing.T, p *support.Page) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), loadPolicy.Timeout)
	defer cancel()
	res, err := p.Rod().Context(ctx).Eval(`() => window.received || ['no harness.js on this page']`)
	if err != nil {
		t.Fatalf("reading what the page received: %v", err)
	}
	var out []string
	for _, v := range res.Value.Arr() {
		out = append(out, v.Str())
	}
	return out
}
