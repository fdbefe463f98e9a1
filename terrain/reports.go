package terrain

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/internal/godogrecord"
	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/report"
)

// reports is the run's record for ROMAINE_REPORTS and where it goes.
type reports struct {
	outputs  []report.Output
	recorder *report.Recorder
	// disagree is the reports' check against godog's results, once written.
	disagree error
}

// resultsFormats numbers the godog formats of godog's results, one per suite.
var resultsFormats atomic.Int64

// registerResults registers the godog formatter that keeps godog's own
// account of each of the suite's godog runs (report.Results): the documents
// that place each scenario by its line, and each scenario's outcome. Its name
// is added to every godog run's format (see withResults). It registers the
// suite's console format too: godog's pretty and progress over a record of
// the run that lets go of each passed scenario (internal/godogrecord).
func (s *Suite) registerResults() {
	s.results = report.NewResults()
	n := strconv.FormatInt(resultsFormats.Add(1), 10)
	s.resultsFormat, s.consoleFormat = "romaine-results-"+n, "romaine-console-"+n
	godog.Format(s.resultsFormat, "godog's results as Romaine's reports and summary read them (Romaine adds it itself)",
		func(string, io.Writer) godog.Formatter {
			return &resultsFormatter{Formatter: s.results.Formatter(), s: s}
		})
	godog.Format(s.consoleFormat, "godog's pretty and progress, which let go of each passed scenario's record (Romaine puts it in their place)",
		func(suite string, out io.Writer) godog.Formatter {
			c := godogrecord.New(s.consoleFormats, suite, out)
			if s.consoleMade != nil {
				s.consoleMade(c)
			}
			return c
		})
}

// withResults is format (godog's --format) with the results formatter added.
// A format of pretty and progress alone is printed by the suite's console
// format, so that one long run's memory does not grow by godog's record of
// every passed scenario; godog's other formats (junit, cucumber, events, a
// file) read that record whole at the end, and keep it.
func (s *Suite) withResults(format string) string {
	if godogrecord.Lean(format) {
		s.consoleFormats = format
		return s.consoleFormat + "," + s.resultsFormat
	}
	return format + "," + s.resultsFormat
}

// resultsFormatter ends the godog command's run: godog's summary is printed
// by then, so Romaine's summary line follows it, and a report that disagrees
// with the run fails it. (Suite.Run does the same itself, after its retries.)
type resultsFormatter struct {
	godog.Formatter
	s *Suite
}

func (f *resultsFormatter) Summary() {
	f.Formatter.Summary()
	if f.s.viaRun {
		return
	}
	f.s.printTally()
	if err := f.s.reportsDisagree(); err != nil {
		fmt.Fprintln(f.s.errOut, "romaine: the run fails: its reports disagree with godog's results (see above)")
		if godogRunner() {
			os.Exit(1)
		}
	}
}

// printTally prints Romaine's summary line: the scenarios by what they came to
// over every attempt, with those that never ran apart (godog counts them passed).
func (s *Suite) printTally() {
	fmt.Fprintln(s.out, "romaine: "+s.results.Tally().String())
}

// startReports begins the record when ROMAINE_REPORTS asks for reports.
func (s *Suite) startReports() error {
	outputs, err := report.ParseOutputs(s.cfg.Reports)
	if err != nil || len(outputs) == 0 {
		return err // validate has already refused a bad value
	}
	s.reports = &reports{outputs: outputs, recorder: report.NewRecorder(s.results)}
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

// writeReports writes every report from the record, then checks the record
// against godog's results: a disagreement is printed and fails the run. It
// runs once, at the end of the run (after every retry).
func (s *Suite) writeReports() error {
	if s.reports == nil {
		return nil
	}
	envs := report.WithCoverage(withPlan(s.reports.recorder.Envelopes(), s.plan), s.coverageSummary())
	if s.tamperRecord != nil {
		envs = s.tamperRecord(envs)
	}
	if err := report.Write(s.reports.outputs, envs); err != nil {
		return err
	}
	for _, o := range s.reports.outputs {
		s.logOnce(fmt.Sprintf("romaine: %s report written to %s", o.Kind, o.Path))
	}
	s.reports.disagree = report.Check(report.Build(envs), s.results, s.reports.recorder.Problems())
	if s.reports.disagree != nil {
		fmt.Fprintln(s.errOut, s.reports.disagree)
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

// reportsDisagree is the reports' check, once they are written (nil without reports).
func (s *Suite) reportsDisagree() error {
	if s.reports == nil {
		return nil
	}
	return s.reports.disagree
}
