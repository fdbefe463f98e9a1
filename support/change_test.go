package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// A fill fires no change of its own, so nothing of a later change is the
// fill's to drop: a change the page gets later from a person's edit is the
// page's, whatever its value.
func TestFillKeepsLaterChangesOfTheField(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<label for="n">Name</label><input id="n" data-k="name" value="Ada"><p>Elsewhere</p>` + recordFields})
	// Ada over Ada: the browser fires no change when the field loses focus.
	if err := p.Fill(ctx, support.Loc("Name"), "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(ctx, support.Loc("Elsewhere")); err != nil {
		t.Fatal(err)
	}
	// The page changes the value; then a person types Ada again and moves on.
	js(t, p, "(n.value = 'Zed', n.focus(), n.select(), 1)")
	if err := p.Rod().InsertText("Ada"); err != nil {
		t.Fatal(err)
	}
	js(t, p, "(n.blur(), 1)")
	wantEvents(t, p, "input:name=Ada", "input:name=Ada", "change:name=Ada")
}
