package terrain

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// order is a parsed ROMAINE_ORDER.
type order struct {
	kind string // "longest", "defined" or "random"
	seed uint64 // for random; 0 until chosen
}

func parseOrder(v string) (order, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "longest" || v == "defined" || v == "random":
		return order{kind: v}, nil
	case strings.HasPrefix(v, "random:"):
		seed, err := strconv.ParseUint(strings.TrimPrefix(v, "random:"), 10, 64)
		if err != nil || seed == 0 {
			return order{}, fmt.Errorf("ROMAINE_ORDER=%q: the seed after random: must be a whole number above 0, e.g. random:42", v)
		}
		return order{kind: "random", seed: seed}, nil
	}
	return order{}, fmt.Errorf("ROMAINE_ORDER=%q is not an order: use longest (longest scenarios first, the default), defined (file order), random, or random:SEED to repeat a random order", v)
}

// parseShard reads "K/N"; "" is no sharding (0, 0).
func parseShard(v string) (k, n int, err error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, 0, nil
	}
	ks, ns, ok := strings.Cut(v, "/")
	k, errK := strconv.Atoi(strings.TrimSpace(ks))
	n, errN := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || errK != nil || errN != nil || n < 1 || k < 1 || k > n {
		return 0, 0, fmt.Errorf("ROMAINE_SHARD=%q is not a shard: write K/N with 1 <= K <= N, e.g. 2/4 for the second of four shards (in a CI matrix, build it from the job's index, counted from 1)", v)
	}
	return k, n, nil
}

func (c *Config) validateSchedule() error {
	bad := func(setting string, err error) error { return &ConfigError{Setting: setting, Message: err.Error()} }
	if _, err := parseOrder(c.Order); err != nil {
		return bad("ROMAINE_ORDER", err)
	}
	if _, _, err := parseShard(c.Shard); err != nil {
		return bad("ROMAINE_SHARD", err)
	}
	switch {
	case c.Retries < 0:
		return bad("ROMAINE_RETRIES", fmt.Errorf("ROMAINE_RETRIES=%d: it must be 0 (no retries) or more", c.Retries))
	case c.Timings == "":
		return bad("ROMAINE_TIMINGS", fmt.Errorf("ROMAINE_TIMINGS is empty: set it to a file path, e.g. .romaine/timings.json"))
	}
	switch strings.ToLower(strings.TrimSpace(c.Progress)) {
	case "auto", "live", "plain", "off":
	default:
		return bad("ROMAINE_PROGRESS", fmt.Errorf("ROMAINE_PROGRESS=%q: use auto (a live line on a terminal, a plain line every few seconds elsewhere), live, plain or off", c.Progress))
	}
	return nil
}

// shard returns shard k (1-based) of n: units sorted longest first go one by
// one into the shard with the least predicted time (the lowest index on a tie).
// The sort breaks ties by key, so every node with the same feature files and
// timings file computes the same partition.
func shard(units []*unit, k, n int) []*unit {
	sorted := slices.Clone(units)
	slices.SortStableFunc(sorted, func(a, b *unit) int {
		return cmp.Or(cmp.Compare(weight(b), weight(a)), cmp.Compare(a.key, b.key), cmp.Compare(a.path(), b.path()))
	})
	loads := make([]time.Duration, n)
	mine := map[*unit]bool{}
	for _, u := range sorted {
		i := slices.Index(loads, slices.Min(loads))
		loads[i] += weight(u)
		if i == k-1 {
			mine[u] = true
		}
	}
	// Keep the shard's units in the order they came (file order).
	return slices.DeleteFunc(slices.Clone(units), func(u *unit) bool { return !mine[u] })
}

// weight is a unit's predicted time; with no timings at all every unit weighs
// the same, which makes the shards a split by count.
func weight(u *unit) time.Duration { return max(u.predicted, time.Nanosecond) }

// arrange orders units in place by o; it says how, in words for the run's start.
func arrange(units []*unit, o order, known int) string {
	switch o.kind {
	case "random":
		r := rand.New(rand.NewPCG(o.seed, o.seed))
		r.Shuffle(len(units), func(i, j int) { units[i], units[j] = units[j], units[i] })
		return fmt.Sprintf("random order across all features, seed %d (ROMAINE_ORDER=random:%d repeats it)", o.seed, o.seed)
	case "longest":
		if known == 0 {
			return "file order (no timings yet; this run records them, and the next starts the longest first)"
		}
		slices.SortStableFunc(units, func(a, b *unit) int { return cmp.Compare(b.predicted, a.predicted) })
		how := fmt.Sprintf("longest first, from the timings of %d of %d scenarios", known, len(units))
		if known < len(units) {
			how += " (the others counted at the median)"
		}
		return how
	}
	return "file order (ROMAINE_ORDER=defined)"
}

// predictWall simulates workers taking units in order, each the next free
// worker: the wall time the order should take.
func predictWall(units []*unit, workers int) time.Duration {
	free := make([]time.Duration, max(workers, 1))
	for _, u := range units {
		i := slices.Index(free, slices.Min(free))
		free[i] += u.predicted
	}
	return slices.Max(free)
}
