package demo

import (
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/coverage"
)

// routes.txt is the store's ServeMux patterns, no more, no fewer (test-mode
// endpoints aside): each listed route, asked for, is the pattern the mux
// serves it by, and every pattern the mux has is listed.
func TestRoutesListed(t *testing.T) {
	list, err := coverage.ReadRoutes("routes.txt")
	if err != nil {
		t.Fatal(err)
	}
	store := startShop(t, Options{}).store
	listed := map[string]bool{}
	for _, r := range list.Routes {
		pattern := r.Pattern
		if r.Method != "" {
			pattern = r.Method + " " + r.Pattern
		}
		listed[pattern] = true
		// A request the route is for: {id} is 1, a prefix gets a file, {$} nothing.
		path := strings.NewReplacer("{id}", "1", "{$}", "").Replace(r.Pattern)
		if strings.HasSuffix(path, "/") && path != "/" {
			path += "file"
		}
		if path == "/" && r.Method == "" {
			path = "/nowhere"
		}
		method := r.Method
		if method == "" {
			method = "GET"
		}
		_, got := store.mux.Handler(httptest.NewRequest(method, path, nil))
		if got != pattern {
			t.Errorf("routes.txt lists %q, but %s %s is served by %q", pattern, method, path, got)
		}
	}
	for _, p := range muxPatterns(t) {
		if !listed[p] && !strings.Contains(p, "/__test__/") {
			t.Errorf("the mux serves %q, which routes.txt does not list", p)
		}
	}
}

// muxPatterns are the patterns store.go registers on its mux.
func muxPatterns(t *testing.T) []string {
	t.Helper()
	var out []string
	b, err := os.ReadFile("store.go")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		for _, call := range []string{`mux.HandleFunc("`, `mux.Handle("`} {
			if rest, ok := strings.CutPrefix(line, call); ok {
				out = append(out, rest[:strings.Index(rest, `"`)])
			}
		}
	}
	if !slices.Contains(out, "GET /products/{id}") {
		t.Fatalf("store.go's patterns were not found (got %q)", out)
	}
	return out
}
