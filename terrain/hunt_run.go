package terrain

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/internal/shake"
	"github.com/romaine-bdd/romaine/report"
)

// replaySeeds is how many of a scenario's failures the hunter replays (its
// first ones), each ROMAINE_HUNT_REPLAYS times.
const replaySeeds = 3

// hunt runs the plan's scenarios h.n times, in rounds: each round runs every
// scenario once, in a random order and at a random number of workers, each
// attempt under its own perturbation. Then the failed attempts run again
// under their perturbations, and the verdict is printed. It returns the
// run's status: 1 when a scenario failed under any perturbation.
func (s *Suite) hunt(p schedule.Plan, opts godog.Options) int {
	h := s.hunter
	most := max(s.cfg.Workers, 1)
	fmt.Fprintf(s.out, "romaine: flake hunt: %d attempt(s) of each of %d scenario(s), each under a perturbation of its own, in a random order at 1 to %d worker(s) a round; hunt seed %d (ROMAINE_HUNT=%d:%d hunts the same way again)\n",
		h.n, len(p.Units), most, h.seed, h.n, h.seed)
	for round := 1; round <= h.n && !s.interrupted.Load(); round++ {
		order, workers := shake.Round(h.seed, round, most)
		h.mu.Lock()
		h.round, h.workers, h.order, h.replays = round, workers, order, nil
		h.mu.Unlock()
		s.huntRound(round, p.Units, order, workers, opts)
	}
	again := s.replays()
	for i := 0; len(again) > 0 && !s.interrupted.Load(); i++ {
		batch := map[string]replay{}
		var units []*schedule.Unit
		for k, rps := range again {
			batch[k] = rps[0]
			if again[k] = rps[1:]; len(again[k]) == 0 {
				delete(again, k)
			}
			if u := unitAt(p.Units, h.homes[k]); u != nil && !slices.Contains(units, u) {
				units = append(units, u)
			}
		}
		order, workers := shake.Round(h.seed, h.n+1+i, most)
		h.mu.Lock()
		h.round, h.workers, h.order, h.replays = 0, workers, order, batch
		h.mu.Unlock()
		slices.SortFunc(units, func(a, b *schedule.Unit) int { return strings.Compare(a.Path(), b.Path()) })
		s.huntRound(h.n+1+i, units, order, workers, opts)
	}
	v := s.verdict()
	if v == nil {
		return 1 // nothing ran
	}
	fmt.Fprintln(s.out)
	v.WriteText(s.out)
	if v.Flaky+v.Failing > 0 {
		return 1
	}
	return 0
}

// huntRound runs units once with godog, in the order of seed, at workers.
func (s *Suite) huntRound(attempt int, units []*schedule.Unit, seed uint64, workers int, opts godog.Options) {
	ordered := slices.Clone(units)
	schedule.Arrange(ordered, schedule.Order{Kind: "random", Seed: seed}, 0)
	if attempt > 1 {
		s.sched.Rerun(ordered)
	}
	opts.Paths, opts.Concurrency = schedule.Paths(ordered), workers
	opts.Format = attemptFormat(s.cfg.Format, attempt)
	if attempt == 1 {
		opts.Format = s.cfg.Format
	}
	s.runAttempt(attempt, ordered, opts)
	s.endAttempt()
}

// replays are the hunt's failed attempts to run again, by scenario: the
// first replaySeeds failures of each, ROMAINE_HUNT_REPLAYS times each, in turn.
func (s *Suite) replays() map[string][]replay {
	v := s.verdict()
	if v == nil || s.cfg.HuntReplays == 0 {
		return nil
	}
	out := map[string][]replay{}
	for _, hs := range v.Scenarios {
		fails := hs.Failures[:min(len(hs.Failures), replaySeeds)]
		for range s.cfg.HuntReplays {
			for _, f := range fails {
				rp := replay{shake: f.Shake.Seed}
				if f.Attempt.Replay != nil {
					rp.factory = f.Attempt.Replay.Seed
				}
				out[hs.Scenario.Key()] = append(out[hs.Scenario.Key()], rp)
			}
		}
	}
	return out
}

// verdict is the hunt's verdict on the run so far, read from its record.
func (s *Suite) verdict() *report.Hunt {
	if s.reports == nil {
		return nil
	}
	return report.Build(s.reports.recorder.Envelopes()).Hunt()
}

func unitAt(units []*schedule.Unit, path string) *schedule.Unit {
	for _, u := range units {
		if u.Path() == path {
			return u
		}
	}
	return nil
}
