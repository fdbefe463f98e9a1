package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// An edit field as TodoMVC's agilityjs (and any model bound on change) builds
// it: the model takes the field's value on change, and Escape puts the model's
// value back. A person who types and presses Escape never fires change, so the
// edit is abandoned; a fill that fired change of its own committed it first
// (agilityjs scenario "Escape abandons an edit" failed in make thirdparty,
// where Playwright passed).
func TestFillLeavesChangeToThePersonMovingOn(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `
<label for="e">Title</label><input id="e" data-k="title" value="Walk the dog">
<p id="model">Walk the dog</p><p>Elsewhere</p>
<script>
const e = document.getElementById('e'), model = document.getElementById('model');
e.addEventListener('change', () => { model.textContent = e.value; });
e.addEventListener('keyup', (ev) => { if (ev.key === 'Escape') e.value = model.textContent; });
</script>` + recordFields})
	if err := p.Fill(ctx, support.Loc("Title"), "Walk the cat"); err != nil {
		t.Fatal(err)
	}
	if err := p.Press(ctx, "Escape"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectValue(ctx, support.Loc("Title"), "Walk the dog"); err != nil {
		t.Errorf("Escape after a fill should abandon the edit: %v", err)
	}
	// Moving on is what commits an edit: the browser's own change, once.
	if err := p.Fill(ctx, support.Loc("Title"), "Walk the cat"); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(ctx, support.Loc("Elsewhere")); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(ctx, "Walk the cat", support.Within("#model")); err != nil {
		t.Error(err)
	}
	wantEvents(t, p, "input:title=Walk the cat", "input:title=Walk the cat", "change:title=Walk the cat")
}
