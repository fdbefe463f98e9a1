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
	// shots is how screenshots are taken (tests compare the ways).
	shots      shotMode
	noSnapshot bool // no DOM snapshot (to measure the picture alone)
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
		rl := &reel{opts: opts, rec: r, frames: map[int]*take{}}
		h := support.Hooks{StepEnded: rl.stepEnded, Ended: rl.ended}
		if opts.shots == screencast {
			rl.cast = &caster{}
			h.Attach, h.Events = rl.cast.attach, rl.cast.events()
		}
		return h, nil
	}
}

// reel is one scenario's film while it runs.
type reel struct {
	opts Options
	rec  *support.Recording
	cast *caster // screencast frames, when shots is screencast

	mu       sync.Mutex
	frames   map[int]*take // by step index
	order    []int         // step indexes, oldest first
	bytes    int           // held by frames
	dropped  int
	problems []string
}

// take is what was captured after one step, as the browser gave it: the
// snapshot is decoded only for a film that is kept.
type take struct {
	image    []byte // JPEG
	snapshot []byte // DOMSnapshot.captureSnapshot's answer
}

func (t *take) size() int { return len(t.image) + len(t.snapshot) }

// captureBudget bounds a step's captures: a hung page must not hang the run.
const captureBudget = 3 * time.Second

func (rl *reel) stepEnded(ctx context.Context, st support.Step) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), captureBudget)
	defer cancel()
	t, errs := rl.capture(ctx)
	rl.mu.Lock()
	defer rl.mu.Unlock()
	for _, err := range errs {
		rl.problem("step %d (%s): %v", st.Index+1, st.Text, err)
	}
	rl.frames[st.Index] = t
	rl.order = append(rl.order, st.Index)
	rl.bytes += t.size()
	for rl.bytes > rl.opts.MaxBytes && len(rl.order) > 1 {
		old := rl.frames[rl.order[0]]
		rl.bytes -= old.size()
		old.image, old.snapshot = nil, nil
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
	if rl.cast != nil {
		rl.cast.stop(ctx, rl.rec)
	}
	if rl.opts.Mode != On && !e.Failed() && !e.Flaky() {
		return nil
	}
	f := rl.film(e)
	data, err := json.Marshal(f)
	if err != nil {
		return nil // our own types always encode
	}
	return []support.Artifact{{Path: "film.json", MediaType: report.FilmMediaType, Data: data}}
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
		fr := report.Frame{Step: st.Index, Text: st.Text, Status: st.Status, Error: st.Err, Started: st.Started}
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
		if t := rl.frames[st.Index]; t != nil {
			fr.Image = t.image
			if t.snapshot != nil {
				html, url, err := snapshotHTML(t.snapshot)
				if err != nil {
					rl.problem("step %d (%s): %v", st.Index+1, st.Text, err)
				}
				fr.Snapshot, fr.URL = html, url
			}
		}
		f.Frames = append(f.Frames, fr)
	}
	f.Problems = append(f.Problems, rl.problems...)
	for _, p := range rl.rec.Problems() {
		f.Problems = append(f.Problems, "recorder: "+p)
	}
	return f
}
