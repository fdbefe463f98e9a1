package terrain

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/support"
)

// WithConsumer adds features built on the page's recorder (support.Consumer:
// the flake hunter, coverage; the step film is added by ROMAINE_TRACE). With
// none and ROMAINE_TRACE=off, scenarios are not recorded at all.
func WithConsumer(c ...support.Consumer) Option {
	return func(s *Suite) { s.consumers = append(s.consumers, c...) }
}

// startRecording gives the scenario its recording, when a consumer is
// registered. On an error the recording is kept all the same: the scenario
// fails, and its end still lets the consumers undo what they set.
func (s *Suite) startRecording(ctx context.Context, gs *godog.Scenario, scn *Scenario) error {
	line := 0
	if gs.Location != nil {
		line = int(gs.Location.Line)
	}
	rec, err := scn.Page.Record(ctx, support.RecordOptions{
		Scenario:  support.ScenarioInfo{ID: gs.Id, Name: gs.Name, URI: scn.URI, Line: line, Attempt: scn.Attempt, Worker: scn.Worker.Index},
		Consumers: s.recordConsumers(),
	})
	scn.Recording = rec
	if n := len(gs.Steps); n > 0 {
		scn.lastStep = gs.Steps[n-1].Id
	}
	if err != nil {
		return fmt.Errorf("romaine: %w", err)
	}
	return nil
}

// stepStarted and stepEnded mark the steps in the recording; stepEnded
// comes after Romaine's other step hooks, so it sees the step's final error
// (a dialog nobody expected fails a step that passed). The step that ends
// the scenario (its last, or a failed one) ends the recording too, so that
// the consumers' files are that step's attachments, in every report; the
// AfterScenario hooks run after it.
func (s *Suite) stepStarted(ctx context.Context, st *godog.Step) (context.Context, error) {
	if scn, err := FromContext(ctx); err == nil {
		scn.Recording.StepStarted(st.Text)
	}
	return ctx, nil
}

func (s *Suite) stepEnded(ctx context.Context, st *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
	scn, scnErr := FromContext(ctx)
	if scnErr != nil || scn.Recording == nil {
		return ctx, nil
	}
	if err != nil && status == godog.StepPassed {
		status = godog.StepFailed
	}
	scn.Recording.StepEnded(ctx, status.String(), err)
	if err != nil || st.Id == scn.lastStep {
		ctx = s.endRecording(ctx, scn, err)
	}
	return ctx, nil
}

// endRecording ends the scenario's recording (once: later calls do
// nothing), before its page is closed or wiped, and attaches the consumers'
// files to the report.
func (s *Suite) endRecording(ctx context.Context, scn *Scenario, err error) context.Context {
	if scn.Recording == nil {
		return ctx
	}
	files := scn.Recording.End(ctx, support.Ending{Status: scenarioStatus(err), Err: err, Attempt: scn.Attempt})
	for _, a := range files {
		ctx = godog.Attach(ctx, godog.Attachment{Body: a.Data, FileName: filepath.Base(a.Path), MediaType: a.MediaType})
	}
	return ctx
}

// scenarioStatus names how a scenario ended, as godog names a step's.
func scenarioStatus(err error) string {
	switch {
	case err == nil:
		return "passed"
	case errors.Is(err, godog.ErrUndefined):
		return "undefined"
	case errors.Is(err, godog.ErrPending):
		return "pending"
	case errors.Is(err, godog.ErrSkip):
		return "skipped"
	}
	return "failed"
}
