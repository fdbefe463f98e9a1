package terrain

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/report"
)

// reports is the run's record for ROMAINE_REPORTS and where it goes.
type reports struct {
	outputs  []report.Output
	recorder *report.Recorder
}

// startReports begins the record when ROMAINE_REPORTS asks for reports.
func (s *Suite) startReports() error {
	outputs, err := report.ParseOutputs(s.cfg.Reports)
	if err != nil || len(outputs) == 0 {
		return err // validate has already refused a bad value
	}
	s.reports = &reports{outputs: outputs, recorder: report.NewRecorder()}
	return nil
}

// recordReports adds the recording hooks to a scenario; the worker is the one
// terrain gave the scenario.
func (s *Suite) recordReports(sc *godog.ScenarioContext) {
	if s.setUp() != nil || s.reports == nil {
		return
	}
	s.reports.recorder.Register(sc, func(ctx context.Context) string {
		if scn, err := FromContext(ctx); err == nil && scn.Worker != nil {
			return strconv.Itoa(scn.Worker.Index)
		}
		return ""
	})
}

// writeReports writes every report from the record so far. It runs at the end
// of each godog run; when one Romaine run is several godog runs (retries of
// failed scenarios), the last one writes the whole record.
func (s *Suite) writeReports() error {
	if s.reports == nil {
		return nil
	}
	if err := report.Write(s.reports.outputs, withPlan(s.reports.recorder.Envelopes(), s.plan)); err != nil {
		return err
	}
	for _, o := range s.reports.outputs {
		s.logOnce(fmt.Sprintf("romaine: %s report written to %s", o.Kind, o.Path))
	}
	return nil
}

// withPlan adds a shard's plan to the record, after the test run's start, so
// that merging the shards' reports can check that they ran every scenario of
// the run once (schedule.CheckShards). An unsharded run's record is as it was.
func withPlan(envs []*messages.Envelope, p schedule.Plan) []*messages.Envelope {
	for i, e := range envs {
		if e.TestRunStarted != nil {
			if rec := p.Record(e.TestRunStarted.Id); rec != nil {
				return slices.Insert(slices.Clone(envs), i+1, rec)
			}
		}
	}
	return envs
}
