package film

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// A step that changed nothing on the page (an assertion on what the step
// before it saw, data made outside the page) shows the step before it's
// snapshot instead of taking its own; every step that changed something, if
// only a checkbox's state or a field's value, takes a snapshot of its own.
func TestAStepThatChangesNothingShowsTheStepBefore(t *testing.T) {
	srv := serve(t, site{"/": `<!doctype html><html><head><title>Teas</title><style>body { font: 15px sans-serif }</style></head><body>
<p>Ready</p><label><input type="checkbox" id="gift"> Gift wrap</label> <input id="tea" aria-label="New tea">
<button type="button" onclick="setTimeout(() => { const li = document.createElement('li'); li.textContent = 'Added'; list.append(li) }, 50)">Add</button><ul id="list"></ul>
</body></html>`})
	p := newPage(t, srv)
	ctx := t.Context()
	var rl *reel
	keep := func(_ context.Context, r *support.Recording) (support.Hooks, error) {
		rl = newReel(Options{Mode: On, MaxBytes: DefaultMaxBytes}, r)
		return rl.hooks(), nil
	}
	r, err := p.Record(ctx, support.RecordOptions{Consumers: []support.Consumer{keep}, Scenario: support.ScenarioInfo{Name: "Teas", Attempt: 1}})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		text    string
		do      func() error
		changes bool
	}{
		{`I am on "/"`, func() error { return p.Visit(ctx, "/") }, true},
		{`I should see "Ready"`, func() error { return p.ExpectText(ctx, "Ready") }, false},
		{`I check "Gift wrap"`, func() error { return p.SetChecked(ctx, support.Loc("Gift wrap"), true) }, true},
		{`I should see "Gift wrap"`, func() error { return p.ExpectText(ctx, "Gift wrap") }, false},
		{`I fill in "New tea" with "Mint"`, func() error { return p.Fill(ctx, support.Loc("New tea"), "Mint") }, true},
		{`I click "Add"`, func() error { return p.Click(ctx, support.Loc("Add")) }, true},
		{`I should see "Added"`, func() error { return p.ExpectText(ctx, "Added") }, true}, // the page's timer added it
		{`I should see "Added"`, func() error { return p.ExpectText(ctx, "Added") }, false},
	}
	for _, st := range steps {
		r.StepStarted(st.text)
		if err := st.do(); err != nil {
			t.Fatal(err)
		}
		r.StepEnded(ctx, "passed", nil)
	}
	files := r.End(ctx, support.Ending{Status: "passed", Attempt: 1})
	if len(files) != 1 {
		t.Fatalf("%d files, want the film", len(files))
	}
	var f report.Film
	if err := json.Unmarshal(files[0].Data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Frames) != len(steps) || len(f.Problems) > 0 {
		t.Fatalf("%d frames, problems %q; want %d frames", len(f.Frames), f.Problems, len(steps))
	}
	for i := 1; i < len(steps); i++ {
		fr, prev := f.Frames[i], f.Frames[i-1]
		if fr.Snapshot == "" || len(fr.Image) == 0 {
			t.Errorf("step %d (%s): snapshot %d bytes, picture %d bytes", i+1, fr.Text, len(fr.Snapshot), len(fr.Image))
		}
		if _, repeated := rl.repeats[i]; repeated == steps[i].changes {
			t.Errorf("step %d (%s): shows the step before's snapshot: %v; the step changed the page: %v", i+1, fr.Text, repeated, steps[i].changes)
		}
		if !steps[i].changes && fr.Snapshot != prev.Snapshot {
			t.Errorf("step %d (%s) changed nothing: want the step before's snapshot", i+1, fr.Text)
		}
		// Its picture too, but for the last step's: a capture of the page.
		if !steps[i].changes && i < len(steps)-1 && string(fr.Image) != string(prev.Image) {
			t.Errorf("step %d (%s) changed nothing: want the step before's picture", i+1, fr.Text)
		}
	}
	// What each step that changed something shows is the page it left.
	for i, want := range map[int]string{2: "checked", 4: `value="Mint"`, 6: "Added"} {
		if !strings.Contains(f.Frames[i].Snapshot, want) {
			t.Errorf("step %d (%s): the snapshot lacks %q", i+1, f.Frames[i].Text, want)
		}
		if strings.Contains(f.Frames[i-1].Snapshot, want) {
			t.Errorf("step %d (%s): the step before's snapshot already has %q", i, f.Frames[i-1].Text, want)
		}
	}
}
