package schedule

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestShardPlansForTheBench is not a check: scripts/bench-schedule.sh runs it
// (ROMAINE_BENCH_PLAN=out-file, ROMAINE_BENCH_ARGS="features timings
// shard-workers") to learn the suite's predicted times, and each shard's
// prediction balanced by the timings and split by count (Playwright's way:
// consecutive runs of scenarios in file order), the latter with its scenarios
// so the bench can run exactly them. With ROMAINE_BENCH_ARGS="run BEFORE AFTER"
// it writes what one run measured: the run merged its times into a copy of
// BEFORE, giving AFTER, so each of its scenarios took 2*after - before.
func TestShardPlansForTheBench(t *testing.T) {
	out := os.Getenv("ROMAINE_BENCH_PLAN")
	if out == "" {
		t.Skip("run by scripts/bench-schedule.sh")
	}
	if before, after, ok := strings.Cut(strings.TrimPrefix(os.Getenv("ROMAINE_BENCH_ARGS"), "run "), " "); ok && strings.HasPrefix(os.Getenv("ROMAINE_BENCH_ARGS"), "run ") {
		old, _ := loadTimings(before)
		now, _ := loadTimings(after)
		var total, longest float64
		for k, e := range now.Scenarios {
			if o, ok := old.Scenarios[k]; ok && e.Runs > o.Runs {
				took := 2*e.Seconds - o.Seconds
				total, longest = total+took, max(longest, took)
			}
		}
		if err := os.WriteFile(out, []byte(fmt.Sprintf("%.2f %.2f\n", total, longest)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var features, timingsPath string
	var workers int
	if _, err := fmt.Sscan(os.Getenv("ROMAINE_BENCH_ARGS"), &features, &timingsPath, &workers); err != nil {
		t.Fatalf("ROMAINE_BENCH_ARGS=%q: want \"features timings shard-workers\": %v", os.Getenv("ROMAINE_BENCH_ARGS"), err)
	}
	us := units(t, []string{features}, "")
	book, warning := LoadBook(timingsPath)
	if warning != "" || book.Predict(us) == 0 {
		t.Fatalf("no timings in %s %s", timingsPath, warning)
	}
	var b strings.Builder
	longest := slices.MaxFunc(us, func(a, b *Unit) int { return int(a.Predicted - b.Predicted) })
	fmt.Fprintf(&b, "suite %d %.2f %.2f\n", len(us), Sum(us).Seconds(), longest.Predicted.Seconds())
	for _, n := range []int{2, 4} {
		for k := 1; k <= n; k++ {
			mine := Shard(us, k, n)
			Arrange(mine, Order{Kind: "longest"}, len(mine))
			fmt.Fprintf(&b, "balanced %d %d %.2f\n", n, k, PredictWall(mine, workers).Seconds())
			lo, hi := (k-1)*len(us)/n, k*len(us)/n
			fmt.Fprintf(&b, "count %d %d %.2f %s\n", n, k, PredictWall(us[lo:hi], workers).Seconds(), strings.Join(Paths(us[lo:hi]), " "))
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
