// Package recordbench runs a scenario's steps on a page under the page's
// recorder, as terrain does, for the benchmarks that weigh what recording
// and its consumers cost.
package recordbench

import (
	"context"
	"testing"

	"github.com/romaine-bdd/romaine/internal/proccpu"
	"github.com/romaine-bdd/romaine/support"
)

// Scenario records page p for consumers while it runs steps, each marked in
// the recording as terrain marks a step; the scenario passes unless a step
// fails, and its recording ends as a passed one.
func Scenario(ctx context.Context, p *support.Page, consumers []support.Consumer, steps ...func() error) error {
	r, err := p.Record(ctx, support.RecordOptions{Consumers: consumers, Scenario: support.ScenarioInfo{Name: "bench", Attempt: 1}})
	if err != nil {
		return err
	}
	defer r.End(ctx, support.Ending{Status: "passed", Attempt: 1})
	for _, st := range steps {
		r.StepStarted("a step")
		err := st()
		r.StepEnded(ctx, "passed", err)
		if err != nil {
			return err
		}
	}
	return nil
}

// CPUPerScenario runs scenario once to warm the page (the first visit starts
// the renderer), then b.N times, and reports the CPU-seconds per scenario of
// this process and every live process it started (the browser), as
// "cpu-s/scenario". It skips where /proc is missing.
func CPUPerScenario(b *testing.B, scenario func() error) {
	b.Helper()
	if err := scenario(); err != nil {
		b.Fatal(err)
	}
	cpu0, err := proccpu.Tree()
	if err != nil {
		b.Skip(err)
	}
	b.ResetTimer()
	for range b.N {
		if err := scenario(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu1, _ := proccpu.Tree()
	b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s/scenario")
}
