package schedule

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Settings are what a plan is made from, as the run's configuration gives them.
type Settings struct {
	Features []string // godog paths: feature files or folders, FILE:LINE
	Tags     string   // a tag expression in godog's syntax
	Workers  int      // scenarios run at once, for the predicted wall time
	Order    string   // ROMAINE_ORDER, already validated
	Shard    string   // ROMAINE_SHARD ("K/N"), already validated; "" for none
}

// Plan is what one run will do: the godog paths in order, and the units they are.
type Plan struct {
	Paths []string // the godog paths, in the run's order
	Units []*Unit  // the units this run (this shard) runs, in order
	All   []*Unit  // every unit the paths and tags select, in file order: the whole run's, across shards
	Shard string   // "K/N" for a shard, "" otherwise
	Empty bool     // a shard with nothing to run
	Notes []string // how the run was selected and ordered, for its start
}

// Plan selects, shards and orders the scenarios, and says how. godog runs
// features in the order of its paths and the scenarios of a feature in file
// order; a path FILE:LINE is a feature of its own. So an order across features
// is given to godog as one FILE:LINE path per scenario. The error is the
// feature files' (one that does not parse, a path that does not exist).
func (t *Tracker) Plan(s Settings) (Plan, error) {
	o, _ := ParseOrder(s.Order)
	k, n, _ := ParseShard(s.Shard)
	units, err := Discover(s.Features, s.Tags)
	if err != nil {
		return Plan{}, err
	}
	var notes []string
	known := t.book.Predict(units)
	p := Plan{All: units, Paths: s.Features}
	if n > 0 {
		p.Shard = fmtShard(k, n)
		all, whole := len(units), Sum(units)
		var largest time.Duration
		for i := 1; i <= n; i++ {
			largest = max(largest, Sum(Shard(units, i, n)))
		}
		units = Shard(units, k, n)
		known = 0
		for _, u := range units {
			if u.Timed {
				known++
			}
		}
		line := fmt.Sprintf("romaine: shard %d/%d: %d of %d scenarios, split by count (no timings yet)", k, n, len(units), all)
		if whole > 0 {
			line = fmt.Sprintf("romaine: shard %d/%d: %d of %d scenarios, predicted %s of %s in all (largest shard %s; balanced by the timings, longest first into the lightest shard)",
				k, n, len(units), all, round(Sum(units)), round(whole), round(largest))
		}
		notes = append(notes, line)
		if len(units) == 0 {
			p.Units, p.Empty, p.Notes = units, true, append(notes, "romaine: this shard has no scenarios to run")
			return p, nil
		}
	}
	t.catalog = NewCatalog(units)
	if o.Kind == "random" && o.Seed == 0 {
		o.Seed = rand.Uint64() | 1
	}
	line := "romaine: order: " + Arrange(units, o, known)
	if known > 0 {
		line += fmt.Sprintf("; predicted %s at %d worker(s)", round(PredictWall(units, s.Workers)), s.Workers)
	}
	p.Units, p.Notes = units, append(notes, line)
	// No paths at all would make godog read ./features: keep the given ones then.
	if len(units) > 0 && (n > 0 || o.Kind == "random" || (o.Kind == "longest" && known > 0)) {
		p.Paths = Paths(units)
	}
	return p, nil
}

// Paths are the units' FILE:LINE godog paths.
func Paths(units []*Unit) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.Path()
	}
	return out
}

func fmtShard(k, n int) string { return fmt.Sprintf("%d/%d", k, n) }

func round(d time.Duration) time.Duration { return d.Round(100 * time.Millisecond) }
