// Package film records the step film of a scenario (ROMAINE_TRACE): after
// each step, a small JPEG of the page and a DOM snapshot that renders offline
// as the page looked; with the step's attempt log, requests and console from
// the page's recorder (support.Recording). It is a support.Consumer: terrain
// registers it unless ROMAINE_TRACE=off. A scenario's film is kept in memory
// while it runs, within a size cap, and handed to the reports (a
// report.Film attachment) when the scenario failed or was flaky, or always
// under ROMAINE_TRACE=on.
package film

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// Mode says which scenarios keep their film.
type Mode string

// The modes of ROMAINE_TRACE.
const (
	RetainOnFailure Mode = "retain-on-failure" // failed and flaky scenarios (the default)
	On              Mode = "on"                // every scenario
	Off             Mode = "off"               // none: nothing is recorded
)

// ParseMode reads a ROMAINE_TRACE value.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.TrimSpace(s)); m {
	case RetainOnFailure, On, Off:
		return m, nil
	}
	return "", fmt.Errorf("%q is not a trace mode: use retain-on-failure (the film of failed and flaky scenarios), on (every scenario's) or off (none)", s)
}

// DefaultMaxBytes is what one scenario's film may hold in memory: past it the
// oldest frames lose their pictures.
const DefaultMaxBytes = 20 << 20

// Options configure the film.
type Options struct {
	Mode     Mode // "" is RetainOnFailure
	MaxBytes int  // 0 is DefaultMaxBytes
}

// Consumer records each scenario's film for the page's recorder. Under Off
// it records nothing (register no consumer then: terrain does not).
func Consumer(opts Options) support.Consumer {
	if opts.Mode == "" {
		opts.Mode = RetainOnFailure
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return func(ctx context.Context, r *support.Recording) (support.Hooks, error) {
		if opts.Mode == Off {
			return support.Hooks{}, nil
		}
		rl := &reel{opts: opts, rec: r, snapshots: map[int][]byte{}}
		return support.Hooks{StepEnded: rl.stepEnded, Ended: rl.ended}, nil
	}
}

// reel is one scenario's film while it runs.
type reel struct {
	opts Options
	rec  *support.Recording

	mu sync.Mutex
	// snapshots are each step's DOMSnapshot.captureSnapshot answer, by step
	// index, as the browser gave it: decoded only for a film that is kept.
	snapshots map[int][]byte
	order     []int // the steps whose snapshots are held, oldest first
	bytes     int   // what they hold
	dropped   int   // snapshots dropped past the cap
	problems  []string
}

// captureBudget bounds a step's snapshot: a hung page must not hang the run.
const captureBudget = 3 * time.Second

// stepEnded takes the page's DOM snapshot as the step left it, unless the
// step did not use the page and did not fail: a factory or an HTTP step changes
// nothing the page shows but by the page's own doing, and its frame points
// to the last snapshot before it (as Playwright's trace has snapshots of the
// page's actions only). A third of the demo's steps are such; a snapshot
// costs the browser a few ms of CPU (docs/performance.md).
func (rl *reel) stepEnded(ctx context.Context, st support.Step) {
	if !st.UsedPage && st.Status != "failed" {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), captureBudget)
	raw, err := takeSnapshot(ctx, rl.rec.Page().Rod())
	cancel()
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if err != nil {
		rl.problem("step %d (%s): DOM snapshot: %v", st.Index+1, st.Text, err)
		return
	}
	rl.snapshots[st.Index] = raw
	rl.order = append(rl.order, st.Index)
	rl.bytes += len(raw)
	for rl.bytes > rl.opts.MaxBytes && len(rl.order) > 1 {
		rl.bytes -= len(rl.snapshots[rl.order[0]])
		delete(rl.snapshots, rl.order[0])
		rl.order = rl.order[1:]
		rl.dropped++
	}
}

// problem notes what could not be recorded; rl.mu is held.
func (rl *reel) problem(format string, args ...any) {
	if len(rl.problems) < 50 {
		rl.problems = append(rl.problems, fmt.Sprintf(format, args...))
	}
}

// ended hands the film to the reports when the scenario keeps it.
func (rl *reel) ended(ctx context.Context, e support.Ending) []support.Artifact {
	if rl.opts.Mode != On && !e.Failed() && !e.Flaky() {
		return nil
	}
	f := rl.film(e)
	rl.pictures(ctx, f)
	data, err := json.Marshal(f)
	if err != nil {
		return nil // our own types always encode
	}
	return []support.Artifact{{Path: "film.json", MediaType: report.FilmMediaType, Data: data}}
}

// pictures pictures each frame: the last one with a capture of the page as
// the scenario left it, the others by drawing their snapshots.
func (rl *reel) pictures(ctx context.Context, f *report.Film) {
	if len(f.Frames) == 0 {
		return
	}
	rp := rl.rec.Page().Rod()
	if vp, err := viewport(ctx, rp); err == nil {
		f.Width, f.Height = int(vp.ClientWidth), int(vp.ClientHeight)
	}
	last := &f.Frames[len(f.Frames)-1]
	if jpeg, err := capture(ctx, rp); err == nil {
		last.Image = jpeg
	} else {
		f.Problems = append(f.Problems, fmt.Sprintf("step %d (%s): picture: %v", last.Step+1, last.Text, err))
	}
	var d *drawer
	for i := range f.Frames {
		fr := &f.Frames[i]
		if fr.Image != nil || fr.Snapshot == "" || fr.URL == "about:blank" {
			continue // nothing to draw on a blank page
		}
		if d == nil {
			var err error
			if d, err = newDrawer(ctx, rp); err != nil {
				f.Problems = append(f.Problems, "pictures: "+err.Error())
				return
			}
			defer d.close(ctx)
		}
		jpeg, err := d.draw(ctx, fr.Snapshot)
		if err != nil {
			f.Problems = append(f.Problems, fmt.Sprintf("step %d (%s): drawing its snapshot: %v", fr.Step+1, fr.Text, err))
			continue
		}
		fr.Image, fr.Drawn = jpeg, true
	}
}

// film puts the scenario's film together from what was captured and what
// the recorder saw.
func (rl *reel) film(e support.Ending) *report.Film {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	sc := rl.rec.Scenario()
	f := &report.Film{Scenario: sc.Name, Attempt: e.Attempt, Status: e.Status, Dropped: rl.dropped}
	steps := rl.rec.Steps()
	requests, console := rl.rec.Requests(), rl.rec.Console()
	for _, st := range steps {
		fr := report.Frame{Step: st.Index, Text: st.Text, Status: st.Status, Error: st.Err, Started: st.Started, Untouched: !st.UsedPage}
		if !st.Ended.IsZero() {
			fr.Duration = st.Ended.Sub(st.Started)
		}
		for _, a := range st.Attempts {
			fr.Attempts = append(fr.Attempts, report.FilmAttempt{After: a.At.Sub(st.Started), State: a.State})
		}
		for _, q := range requests {
			if q.Step == st.Index || q.Step < 0 && st.Index == 0 {
				fq := report.FilmRequest{Method: q.Method, URL: q.URL, Type: q.Type, Status: q.Status, After: q.Started.Sub(st.Started), Failure: q.Failure}
				if !q.Ended.IsZero() {
					fq.Duration = q.Ended.Sub(q.Started)
				}
				fr.Requests = append(fr.Requests, fq)
			}
		}
		for _, m := range console {
			if m.Step == st.Index || m.Step < 0 && st.Index == 0 {
				fr.Console = append(fr.Console, report.FilmMessage{After: m.At.Sub(st.Started), Level: m.Level, Text: m.Text, Frame: m.Frame})
			}
		}
		if raw := rl.snapshots[st.Index]; raw != nil {
			html, url, err := snapshotHTML(raw)
			if err != nil {
				rl.problem("step %d (%s): %v", st.Index+1, st.Text, err)
			}
			fr.Snapshot, fr.URL = html, url
		}
		f.Frames = append(f.Frames, fr)
	}
	f.Problems = append(f.Problems, rl.problems...)
	for _, p := range rl.rec.Problems() {
		f.Problems = append(f.Problems, "recorder: "+p)
	}
	return f
}
