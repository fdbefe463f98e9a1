// Package diskpage opens an HTML file from disk in a browser of its own and
// records every URL the page asks for: the tests of the HTML report use it
// to show that the report works offline and fetches nothing.
package diskpage

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/internal/testenv"
	"github.com/romaine-bdd/romaine/support"
)

// Page is a file opened in a browser, and what it asked for.
type Page struct {
	*support.Page
	mu    sync.Mutex
	asked []string
}

// Open opens file path (absolute) in a browser started for the test; both
// end with the test. Without a browser it skips, except on CI (CI set).
func Open(t testing.TB, ctx context.Context, path string) *Page {
	t.Helper()
	sp := testenv.NewPage(t, ctx, "file://"+path)
	p := &Page{Page: sp}
	rp := sp.Rod()
	go rp.Context(ctx).EachEvent(func(e *proto.NetworkRequestWillBeSent) {
		p.mu.Lock()
		p.asked = append(p.asked, e.Request.URL)
		p.mu.Unlock()
	})()
	if err := (proto.NetworkEnable{}).Call(rp); err != nil {
		t.Fatal(err)
	}
	if err := sp.Visit(ctx, "file://"+path); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	return p
}

// Asked is every URL the page asked for so far, data: URLs aside.
func (p *Page) Asked() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, u := range p.asked {
		if !strings.HasPrefix(u, "data:") {
			out = append(out, u)
		}
	}
	return out
}

// Must fails the test at once when err is not nil, saying what was being done.
func Must(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
