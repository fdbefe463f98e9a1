package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// The flake hunter's verdict (ROMAINE_HUNT): every scenario run many times,
// each attempt under a perturbation of its own; the hunter notes each
// attempt's perturbation on the record (ShakeMediaType), and the verdict is
// read from the record, so the console, the HTML and the JUnit report show
// the same table, and so does a report merged from shards.

// ShakeMediaType is the perturbation an attempt ran under (a JSON Shake),
// attached to the attempt like the factory seed (ReplayMediaType).
const ShakeMediaType = "application/x.romaine.shake+json"

// Shake is what the flake hunter notes of one attempt.
type Shake struct {
	Seed    uint64   `json:"seed"`              // ROMAINE_SHAKE=Seed puts the same perturbation on a run
	Text    string   `json:"text"`              // what it did, in words
	Kinds   []string `json:"kinds,omitempty"`   // the kinds that were on: CPU, network, response jitter, animations, app latency, other scenarios at once
	Round   int      `json:"round,omitempty"`   // the hunt's round it ran in (its attempt); 0 for a replay
	Workers int      `json:"workers,omitempty"` // how many scenarios its round ran at once
	Order   uint64   `json:"order,omitempty"`   // its round's random order (ROMAINE_ORDER=random:Order)
	Replay  bool     `json:"replay,omitempty"`  // the hunter ran it again under a failed attempt's seed
	Aside   bool     `json:"aside,omitempty"`   // it ran only because an outline's other example was replayed: not counted
	Path    string   `json:"path"`              // FILE:LINE that runs the scenario (for an example, its outline's line)
}

// Hunt is the verdict on a hunt: each hunted scenario's attempts and
// failures, likely flaky ones first.
type Hunt struct {
	Attempts               int       // attempts per scenario (the most any scenario had)
	Scenarios              []*Hunted // likely flaky, then failing every time, then steady
	Flaky, Failing, Steady int       // how many scenarios of each verdict
}

// The verdicts on a hunted scenario.
const (
	LikelyFlaky    = "likely flaky"     // failed under some perturbations and passed under others
	FailsEveryTime = "fails every time" // failed under every one: broken, not flaky
	Steady         = "steady"           // passed under every one
)

// Hunted is one scenario's line of the verdict.
type Hunted struct {
	Scenario *Scenario
	Verdict  string         // LikelyFlaky, FailsEveryTime or Steady
	Attempts int            // its hunted attempts that ran (replays not counted)
	Failures []*HuntFailure // in the order they ran
	Steps    []FailingStep  // the steps that failed it, most often first
	Culprit  *Culprit       // the kind of perturbation that broke it most; nil when none stands out
}

// FailingStep is a step that failed a scenario, and how many of its attempts.
type FailingStep struct {
	Text  string // keyword and text, as written
	Count int
}

// HuntFailure is one failed attempt of a hunt.
type HuntFailure struct {
	Attempt    *Attempt
	Shake      *Shake
	Step       string // the failing step, keyword and text
	Error      string // the first line of its error
	Command    string // what runs the scenario again under the same perturbation (and the same factory data)
	Replays    int    // how many times the hunter ran it again under the same seed
	Reproduced int    // how many of those failed at the same step
}

// Culprit is the kind of perturbation whose attempts failed most more often
// than the attempts without it.
type Culprit struct {
	Kind          string
	FailedWith    int // attempts with it that failed
	With          int // attempts with it
	FailedWithout int
	Without       int
}

func (c *Culprit) String() string {
	return fmt.Sprintf("%s (%d of %d attempts with it failed, %d of %d without)", c.Kind, c.FailedWith, c.With, c.FailedWithout, c.Without)
}

// Replayed says how often a replay of the failure's seed failed again.
func (f *HuntFailure) Replayed() string {
	if f.Replays == 0 {
		return "not replayed"
	}
	return fmt.Sprintf("reproduced %d of %d replays", f.Reproduced, f.Replays)
}

// Class is the verdict as a CSS class.
func (h *Hunted) Class() string { return strings.ReplaceAll(h.Verdict, " ", "-") }

// Hunt is the run's hunt verdict, or nil when no attempt was hunted.
func (r *Run) Hunt() *Hunt {
	out := &Hunt{}
	for _, f := range r.Features {
		for _, s := range f.Scenarios {
			if h := hunted(s); h != nil {
				out.Scenarios = append(out.Scenarios, h)
				out.Attempts = max(out.Attempts, h.Attempts)
			}
		}
	}
	if len(out.Scenarios) == 0 {
		return nil
	}
	rank := map[string]int{LikelyFlaky: 0, FailsEveryTime: 1, Steady: 2}
	slices.SortStableFunc(out.Scenarios, func(a, b *Hunted) int {
		return cmp.Or(cmp.Compare(rank[a.Verdict], rank[b.Verdict]), cmp.Compare(len(b.Failures), len(a.Failures)))
	})
	for _, h := range out.Scenarios {
		switch h.Verdict {
		case LikelyFlaky:
			out.Flaky++
		case FailsEveryTime:
			out.Failing++
		default:
			out.Steady++
		}
	}
	return out
}

// hunted is s's line of the verdict, or nil when s was not hunted.
func hunted(s *Scenario) *Hunted {
	h := &Hunted{Scenario: s}
	type replayed struct {
		runs     int
		failedAt map[string]int // by step
	}
	replays := map[uint64]*replayed{}
	var counted []*Attempt
	for _, a := range s.Attempts {
		switch {
		case a.Shake == nil || a.Outcome() == NotRun:
			continue
		case a.Shake.Round > 0:
			counted = append(counted, a)
			continue
		case !a.Shake.Replay: // beside a replay, or under ROMAINE_SHAKE
			continue
		}
		rp := replays[a.Shake.Seed]
		if rp == nil {
			rp = &replayed{failedAt: map[string]int{}}
			replays[a.Shake.Seed] = rp
		}
		rp.runs++
		if st := a.Failed(); st != nil {
			rp.failedAt[st.Keyword+st.Text]++
		}
	}
	if len(counted) == 0 {
		return nil
	}
	h.Attempts = len(counted)
	steps := map[string]int{}
	for _, a := range counted {
		st := a.Failed()
		if st == nil {
			continue
		}
		f := &HuntFailure{Attempt: a, Shake: a.Shake, Step: st.Keyword + st.Text, Error: firstLine(st.Error), Command: replayCommand(a)}
		if rp := replays[a.Shake.Seed]; rp != nil {
			f.Replays, f.Reproduced = rp.runs, rp.failedAt[f.Step]
		}
		h.Failures = append(h.Failures, f)
		if steps[f.Step]++; steps[f.Step] == 1 {
			h.Steps = append(h.Steps, FailingStep{Text: f.Step})
		}
	}
	for i := range h.Steps {
		h.Steps[i].Count = steps[h.Steps[i].Text]
	}
	slices.SortStableFunc(h.Steps, func(a, b FailingStep) int { return cmp.Compare(b.Count, a.Count) })
	switch {
	case len(h.Failures) == 0:
		h.Verdict = Steady
	case len(h.Failures) == len(counted):
		h.Verdict = FailsEveryTime
	default:
		h.Verdict = LikelyFlaky
		h.Culprit = culprit(counted)
	}
	return h
}

// culprit is the kind whose attempts failed most more often than those
// without it; nil when no kind's attempts failed more often.
func culprit(attempts []*Attempt) *Culprit {
	var kinds []string
	for _, a := range attempts {
		for _, k := range a.Shake.Kinds {
			if !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
	}
	var best *Culprit
	var bestScore float64
	for _, k := range kinds {
		c := &Culprit{Kind: k}
		for _, a := range attempts {
			failed := a.Outcome() == Failed
			if slices.Contains(a.Shake.Kinds, k) {
				c.With++
				if failed {
					c.FailedWith++
				}
			} else {
				c.Without++
				if failed {
					c.FailedWithout++
				}
			}
		}
		if c.Without == 0 { // on in every attempt: nothing to tell it by
			continue
		}
		score := float64(c.FailedWith)/float64(c.With) - float64(c.FailedWithout)/float64(c.Without)
		if score > bestScore || score == bestScore && best != nil && c.FailedWith > best.FailedWith {
			best, bestScore = c, score
		}
	}
	return best
}

// replayCommand runs a's scenario again under a's perturbation, with a's
// factory data when its seed was noted.
func replayCommand(a *Attempt) string {
	cmd := fmt.Sprintf("ROMAINE_SHAKE=%d", a.Shake.Seed)
	if a.Replay != nil {
		cmd += fmt.Sprintf(" ROMAINE_SEED=%d", a.Replay.Seed)
	}
	return cmd + " ROMAINE_FEATURES=" + a.Shake.Path
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// noteShake reads a ShakeMediaType note into the attempt.
func noteShake(body []byte, a *Attempt) {
	var sh Shake
	if json.Unmarshal(body, &sh) == nil {
		a.Shake = &sh
	}
}

// WriteText writes the verdict as the console shows it at the end of a hunt.
func (h *Hunt) WriteText(w io.Writer) {
	fmt.Fprintf(w, "romaine: flake hunt: %d likely flaky, %d failing every time, %d steady (%d attempts per scenario, each under its own perturbation)\n",
		h.Flaky, h.Failing, h.Steady, h.Attempts)
	for _, s := range h.Scenarios {
		fmt.Fprintf(w, "  %-16s %2d of %-2d failed  %s  %s\n", s.Verdict, len(s.Failures), s.Attempts, s.Scenario.Key(), s.Scenario.Title())
		writeHunted(w, s)
	}
}

// writeHunted writes what failed a hunted scenario, under its line.
func writeHunted(w io.Writer, s *Hunted) {
	for _, st := range s.Steps {
		fmt.Fprintf(w, "      failing step (%d): %s\n", st.Count, st.Text)
	}
	if s.Culprit != nil {
		fmt.Fprintf(w, "      broke it most: %s\n", s.Culprit)
	}
	for _, f := range s.Failures {
		fmt.Fprintf(w, "      attempt %d under %s: %s; %s\n        %s\n", f.Shake.Round, f.Shake.Text, f.Error, f.Replayed(), f.Command)
	}
}
