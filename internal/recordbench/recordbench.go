// Package recordbench runs a scenario's steps on a page under the page's
// recorder, as terrain does, for the benchmarks that weigh what recording
// and its consumers cost.
package recordbench

import (
	"context"

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
