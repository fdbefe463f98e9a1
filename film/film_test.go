package film

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// scenario runs three steps on a page of benchPages, recorded for c, and
// ends as e; it gives the film the consumer handed over, or nil.
func scenario(t *testing.T, c support.Consumer, e support.Ending) *report.Film {
	t.Helper()
	srv := serve(t, benchPages)
	p := newPage(t, srv)
	ctx := t.Context()
	r, err := p.Record(ctx, support.RecordOptions{Consumers: []support.Consumer{c}, Scenario: support.ScenarioInfo{Name: "Adding a tea", Attempt: e.Attempt}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		text string
		do   func() error
	}{
		{`I am on "/"`, func() error { return p.Visit(ctx, "/") }},
		{`I should see "8 teas"`, func() error { return p.ExpectText(ctx, "8 teas") }},
		{`I fill in "New tea" with "Mint"`, func() error { return p.Fill(ctx, support.Loc("New tea"), "Mint") }},
	} {
		r.StepStarted(st.text)
		err := st.do()
		if err != nil {
			t.Fatal(err)
		}
		r.StepEnded(ctx, "passed", err)
	}
	files := r.End(ctx, e)
	if len(files) == 0 {
		return nil
	}
	if len(files) != 1 || files[0].MediaType != report.FilmMediaType {
		t.Fatalf("the film gave %d files (%+v), want one film", len(files), files)
	}
	var f report.Film
	if err := json.Unmarshal(files[0].Data, &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

// Which scenarios keep their film, mode by mode: retain-on-failure the
// failed and the flaky (passed on a retry), on every one.
func TestFilmKeptForFailedAndFlaky(t *testing.T) {
	failed := support.Ending{Status: "failed", Err: errors.New("no"), Attempt: 1}
	passed := support.Ending{Status: "passed", Attempt: 1}
	flaky := support.Ending{Status: "passed", Attempt: 2}
	for _, c := range []struct {
		reason string
		mode   Mode
		ending support.Ending
		kept   bool
	}{
		{"a failed scenario keeps its film", RetainOnFailure, failed, true},
		{"a passed one drops it", RetainOnFailure, passed, false},
		{"a flaky one keeps it: it shows what changed", RetainOnFailure, flaky, true},
		{"on keeps every film", On, passed, true},
		{"the default mode is retain-on-failure", "", passed, false},
	} {
		t.Run(c.reason, func(t *testing.T) {
			f := scenario(t, Consumer(Options{Mode: c.mode}), c.ending)
			if (f != nil) != c.kept {
				t.Fatalf("kept %v, want %v", f != nil, c.kept)
			}
			if f == nil {
				return
			}
			if len(f.Frames) != 3 || f.Dropped != 0 {
				t.Fatalf("%d frames (%d dropped), want 3", len(f.Frames), f.Dropped)
			}
			for i, fr := range f.Frames {
				if fr.Snapshot == "" || len(fr.Image) == 0 || !strings.HasPrefix(fr.URL, "http://127.0.0.1:") {
					t.Errorf("frame %d: snapshot %d bytes, picture %d bytes, URL %q", i+1, len(fr.Snapshot), len(fr.Image), fr.URL)
				}
			}
			if f.Frames[2].Drawn || !f.Frames[0].Drawn {
				t.Error("the last step's picture is a capture, the others' drawn from their snapshots")
			}
			if len(f.Frames[0].Requests) == 0 || f.Frames[0].Requests[0].Type != "Document" || f.Frames[0].Requests[0].Status != 200 {
				t.Errorf("the visit's frame has requests %+v, want the page's first", f.Frames[0].Requests)
			}
			if len(f.Problems) > 0 {
				t.Errorf("the film could not record: %q", f.Problems)
			}
		})
	}
}

// Past its cap a film drops its oldest frames' snapshots (and so their
// pictures), and says how many.
func TestFilmCap(t *testing.T) {
	f := scenario(t, Consumer(Options{Mode: On, MaxBytes: 1}), support.Ending{Status: "failed", Attempt: 1})
	if f == nil || len(f.Frames) != 3 {
		t.Fatalf("want a film of 3 frames, got %+v", f)
	}
	if f.Dropped != 2 || f.Frames[0].Snapshot != "" || f.Frames[1].Snapshot != "" || f.Frames[2].Snapshot == "" {
		t.Errorf("dropped %d; snapshots %d, %d, %d bytes: want the two oldest dropped, the last kept", f.Dropped,
			len(f.Frames[0].Snapshot), len(f.Frames[1].Snapshot), len(f.Frames[2].Snapshot))
	}
	if f.Frames[0].Image != nil || f.Frames[0].Text != `I am on "/"` {
		t.Error("a dropped frame keeps its step but has no picture")
	}
}

// A step that did not use the page (a factory, an HTTP step) has no
// snapshot of its own unless it failed: its frame says so, and the film
// costs the browser nothing for it.
func TestFilmSkipsStepsThatDidNotUseThePage(t *testing.T) {
	srv := serve(t, benchPages)
	p := newPage(t, srv)
	ctx := t.Context()
	r, err := p.Record(ctx, support.RecordOptions{Consumers: []support.Consumer{Consumer(Options{})}, Scenario: support.ScenarioInfo{Name: "Ordering", Attempt: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		text, status string
		do           func() error
	}{
		{`I am on "/"`, "passed", func() error { return p.Visit(ctx, "/") }},
		{`a tea "Mint" exists`, "passed", func() error { return nil }},
		{`I should see "8 teas"`, "passed", func() error { return p.ExpectText(ctx, "8 teas") }},
		{`an order exists`, "failed", func() error { return errors.New("the database is gone") }},
	} {
		r.StepStarted(st.text)
		err := st.do()
		r.StepEnded(ctx, st.status, err)
	}
	files := r.End(ctx, support.Ending{Status: "failed", Err: errors.New("the database is gone"), Attempt: 1})
	if len(files) != 1 {
		t.Fatalf("want one film, got %d files", len(files))
	}
	var f report.Film
	if err := json.Unmarshal(files[0].Data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Frames) != 4 {
		t.Fatalf("%d frames, want 4", len(f.Frames))
	}
	for i, want := range []struct {
		untouched, snapshot bool
	}{{false, true}, {true, false}, {false, true}, {true, true}} {
		fr := f.Frames[i]
		if fr.Untouched != want.untouched || (fr.Snapshot != "") != want.snapshot {
			t.Errorf("frame %d (%s): untouched %v, snapshot %d bytes; want untouched %v, a snapshot %v", i+1, fr.Text, fr.Untouched, len(fr.Snapshot), want.untouched, want.snapshot)
		}
	}
	if f.Frames[1].Image != nil || len(f.Frames[3].Image) == 0 {
		t.Error("the untouched step that passed has no picture; the failed one, the last, has the page's")
	}
}
