package schedule

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Order is a parsed ROMAINE_ORDER.
type Order struct {
	Kind string // "longest", "defined" or "random"
	Seed uint64 // for random; 0 until chosen
}

// ParseOrder reads ROMAINE_ORDER: longest, defined, random or random:SEED.
func ParseOrder(v string) (Order, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "longest" || v == "defined" || v == "random":
		return Order{Kind: v}, nil
	case strings.HasPrefix(v, "random:"):
		seed, err := strconv.ParseUint(strings.TrimPrefix(v, "random:"), 10, 64)
		if err != nil || seed == 0 {
			return Order{}, fmt.Errorf("ROMAINE_ORDER=%q: the seed after random: must be a whole number above 0, e.g. random:42", v)
		}
		return Order{Kind: "random", Seed: seed}, nil
	}
	return Order{}, fmt.Errorf("ROMAINE_ORDER=%q is not an order: use longest (longest scenarios first, the default), defined (file order), random, or random:SEED to repeat a random order", v)
}

// ParseShard reads ROMAINE_SHARD, "K/N"; "" is no sharding (0, 0).
func ParseShard(v string) (k, n int, err error) {
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

// Shard returns shard k (1-based) of n: units sorted longest first go one by
// one into the shard with the least predicted time (the lowest index on a tie).
// The sort breaks ties by key, so every node with the same feature files and
// timings file computes the same partition.
func Shard(units []*Unit, k, n int) []*Unit {
	sorted := slices.Clone(units)
	slices.SortStableFunc(sorted, func(a, b *Unit) int {
		return cmp.Or(cmp.Compare(weight(b), weight(a)), cmp.Compare(a.Key, b.Key), cmp.Compare(a.Path(), b.Path()))
	})
	loads := make([]time.Duration, n)
	mine := map[*Unit]bool{}
	for _, u := range sorted {
		i := slices.Index(loads, slices.Min(loads))
		loads[i] = add(loads[i], weight(u))
		if i == k-1 {
			mine[u] = true
		}
	}
	// Keep the shard's units in the order they came (file order).
	return slices.DeleteFunc(slices.Clone(units), func(u *Unit) bool { return !mine[u] })
}

// weight is a unit's predicted time; with no timings at all every unit weighs
// the same, which makes the shards a split by count.
func weight(u *Unit) time.Duration { return max(u.Predicted, time.Nanosecond) }

// add is a + b, held at the largest duration instead of wrapping negative (a
// timings file may hold absurd times; a prediction must stay a prediction).
func add(a, b time.Duration) time.Duration {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// Sum is the units' predicted time together.
func Sum(units []*Unit) (d time.Duration) {
	for _, u := range units {
		d = add(d, u.Predicted)
	}
	return d
}

// Arrange orders units in place by o, knowing the timings of known of them;
// it says how, in words for the run's start.
func Arrange(units []*Unit, o Order, known int) string {
	switch o.Kind {
	case "random":
		r := rand.New(rand.NewPCG(o.Seed, o.Seed))
		r.Shuffle(len(units), func(i, j int) { units[i], units[j] = units[j], units[i] })
		return fmt.Sprintf("random order across all features, seed %d (ROMAINE_ORDER=random:%d repeats it)", o.Seed, o.Seed)
	case "longest":
		if known == 0 {
			return "file order (no timings yet; this run records them, and the next starts the longest first)"
		}
		slices.SortStableFunc(units, func(a, b *Unit) int { return cmp.Compare(b.Predicted, a.Predicted) })
		how := fmt.Sprintf("longest first, from the timings of %d of %d scenarios", known, len(units))
		if known < len(units) {
			how += " (the others counted at the median)"
		}
		return how
	}
	return "file order (ROMAINE_ORDER=defined)"
}

// PredictWall simulates workers taking units in order, each the next free
// worker: the wall time the order should take.
func PredictWall(units []*Unit, workers int) time.Duration {
	free := make([]time.Duration, max(workers, 1))
	for _, u := range units {
		i := slices.Index(free, slices.Min(free))
		free[i] = add(free[i], u.Predicted)
	}
	return slices.Max(free)
}
