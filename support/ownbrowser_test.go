package support_test

import (
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// A page on a rod browser of the user's own (not Romaine's connection, which
// sends a press and its release back to back) still clicks, once per click:
// its connection sends the press, and the page the release.
func TestClickOnARodBrowserOfYourOwn(t *testing.T) {
	t.Parallel()
	own := ownBrowser(t, nil)
	srv := serve(t, site{"/": `<button onclick="rec('click')" ondblclick="rec('dblclick')">Go</button>`})
	p, ctx := openOn(t, own, srv.URL, testPolicy, "/")
	if err := p.Click(ctx, support.Loc("Go")); err != nil {
		t.Fatal(err)
	}
	if err := p.DoubleClick(ctx, support.Loc("Go")); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(events(t, p), " "); got != "click click click dblclick" {
		t.Errorf("page events %q, want one click, then a double click's two clicks and dblclick", got)
	}
}
