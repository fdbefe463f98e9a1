package schedule

import (
	"encoding/json"
	"fmt"
	"strings"

	messages "github.com/cucumber/messages/go/v34"
)

// A shard records its plan in its messages report (ROMAINE_REPORTS=messages:FILE):
// the run's scenarios, before sharding, and its own share. CheckShards reads
// the plans back when the shards' reports are merged, and finds a scenario that
// no shard ran, or that two ran: shards partitioned by different timings
// files, a shard's report left out, a shard stopped early.

// PlanMediaType is the media type of the attachment that holds a shard's plan:
// one attachment of the test run, not of a test case, so Cucumber tools that
// do not know it pass it by.
const PlanMediaType = "application/x.romaine.shard-plan+json"

// planRecord is a shard's plan as its report holds it.
type planRecord struct {
	Shard     string            `json:"shard"`     // K/N
	Scenarios []plannedScenario `json:"scenarios"` // the whole run's, in file order
	Mine      []string          `json:"mine"`      // this shard's, as FILE:LINE
}

type plannedScenario struct {
	Path  string `json:"path"`  // FILE:LINE
	Title string `json:"title"` // for messages
}

// Record is the plan as a message for the run's report (nil when the run
// is not a shard); runID is the report's test run.
func (p Plan) Record(runID string) *messages.Envelope {
	if p.Shard == "" {
		return nil
	}
	rec := planRecord{Shard: p.Shard, Mine: Paths(p.Units)}
	for _, u := range p.All {
		rec.Scenarios = append(rec.Scenarios, plannedScenario{Path: u.Path(), Title: u.Title})
	}
	body, _ := json.Marshal(rec) // strings and slices of them always marshal
	return &messages.Envelope{Attachment: &messages.Attachment{
		Body: string(body), ContentEncoding: messages.AttachmentContentEncoding_IDENTITY,
		MediaType: PlanMediaType, FileName: "romaine-shard-plan.json", TestRunStartedId: runID,
	}}
}

// RunFile is one run's messages and the file they came from.
type RunFile struct {
	Name      string               // the file, as the user named it (for messages)
	Envelopes []*messages.Envelope // its messages, in order
}

// CheckShards checks that the shards whose reports are files together ran
// every scenario of their run exactly once. Files without a plan (runs that
// were not sharded) pass unchecked, unless shards' files are among them: then
// their scenarios count as run too. The error names every scenario missing or
// run twice, and why.
func CheckShards(files []RunFile) error {
	type planIn struct {
		rec  planRecord
		file string
	}
	var plans []planIn
	ran := map[string][]string{} // FILE:LINE -> the files that ran it
	for _, f := range files {
		for _, rec := range readPlans(f.Envelopes) {
			plans = append(plans, planIn{rec, f.Name})
		}
		inFile := map[string]bool{} // a retried scenario is in its file more than once
		for _, key := range scenariosRun(f.Envelopes) {
			if !inFile[key] {
				inFile[key] = true
				ran[key] = append(ran[key], f.Name)
			}
		}
	}
	if len(plans) == 0 {
		return nil
	}
	first := plans[0]
	var problems []string
	owner := map[string][]string{} // FILE:LINE -> the shards whose share holds it
	given := map[string]string{}   // K/N -> its file
	for _, p := range plans {
		if diff := symmetricDiff(paths(first.rec.Scenarios), paths(p.rec.Scenarios)); len(diff) > 0 {
			problems = append(problems, fmt.Sprintf("shard %s (%s) and shard %s (%s) were planned over different scenarios (%s): were they given other feature paths, tags or feature files?",
				first.rec.Shard, first.file, p.rec.Shard, p.file, strings.Join(diff[:min(len(diff), 5)], ", ")))
		}
		if other, twice := given[p.rec.Shard]; twice {
			problems = append(problems, fmt.Sprintf("shard %s is in two files (%s and %s)", p.rec.Shard, other, p.file))
		}
		given[p.rec.Shard] = p.file
		for _, path := range p.rec.Mine {
			owner[path] = append(owner[path], p.rec.Shard)
		}
	}
	_, n, _ := ParseShard(first.rec.Shard)
	var absent []string
	for k := 1; k <= n; k++ {
		if _, ok := given[fmtShard(k, n)]; !ok {
			absent = append(absent, fmtShard(k, n))
		}
	}
	var missing, twice []string
	for _, s := range first.rec.Scenarios {
		name := fmt.Sprintf("%s %q", s.Path, s.Title)
		switch files := ran[cleanPath(s.Path)]; {
		case len(files) == 0:
			why := "no shard's share holds it"
			if len(owner[s.Path]) > 0 {
				why = fmt.Sprintf("shard %s planned it but its report does not have it: was the shard stopped early?", strings.Join(owner[s.Path], " and "))
			} else if len(absent) > 0 {
				why = fmt.Sprintf("the report of shard %s is not among the files", strings.Join(absent, ", "))
			}
			missing = append(missing, fmt.Sprintf("  %s: %s", name, why))
		case len(files) > 1:
			why := ""
			if len(owner[s.Path]) > 1 {
				why = fmt.Sprintf(" (shards %s each planned it: were they partitioned by different timings files?)", strings.Join(owner[s.Path], " and "))
			}
			twice = append(twice, fmt.Sprintf("  %s: run by %s%s", name, strings.Join(files, " and "), why))
		}
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("%d scenario(s) of the run are in no shard's report:\n%s", len(missing), strings.Join(missing, "\n")))
	}
	if len(twice) > 0 {
		problems = append(problems, fmt.Sprintf("%d scenario(s) ran in more than one shard:\n%s", len(twice), strings.Join(twice, "\n")))
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("the shards' reports do not add up to their run of %d scenarios in %d shards: %s", len(first.rec.Scenarios), n, strings.Join(problems, "; "))
}

func readPlans(envs []*messages.Envelope) []planRecord {
	var out []planRecord
	for _, e := range envs {
		if a := e.Attachment; a != nil && a.MediaType == PlanMediaType {
			var rec planRecord
			if json.Unmarshal([]byte(a.Body), &rec) == nil {
				for i := range rec.Scenarios {
					rec.Scenarios[i].Path = cleanPath(rec.Scenarios[i].Path)
				}
				for i := range rec.Mine {
					rec.Mine[i] = cleanPath(rec.Mine[i])
				}
				out = append(out, rec)
			}
		}
	}
	return out
}

// scenariosRun lists, as FILE:LINE, the scenarios a run's messages show
// running: each pickle's scenario, by its ID in its Gherkin document, at the
// scenario's line (an outline's examples are its scenario). An attempt all of
// whose steps were skipped did not run (the reports' "not run": a stopped
// shard's scenarios that never started).
func scenariosRun(envs []*messages.Envelope) []string {
	scenarioLine := map[string]int64{} // scenario ID -> line
	pickles := map[string]*messages.Pickle{}
	cases := map[string]string{} // test case ID -> pickle ID
	var started []*messages.TestCaseStarted
	ran := map[string]bool{}     // test case started ID -> a step did not skip
	skipped := map[string]bool{} // test case started ID -> a step skipped
	for _, e := range envs {
		switch {
		case e.GherkinDocument != nil && e.GherkinDocument.Feature != nil:
			for _, c := range e.GherkinDocument.Feature.Children {
				addScenarios(scenarioLine, c.Scenario, c.Rule)
			}
		case e.Pickle != nil:
			pickles[e.Pickle.Id] = e.Pickle
		case e.TestCase != nil:
			cases[e.TestCase.Id] = e.TestCase.PickleId
		case e.TestCaseStarted != nil:
			started = append(started, e.TestCaseStarted)
		case e.TestStepFinished != nil && e.TestStepFinished.TestStepResult != nil:
			if e.TestStepFinished.TestStepResult.Status == messages.TestStepResultStatus_SKIPPED {
				skipped[e.TestStepFinished.TestCaseStartedId] = true
			} else {
				ran[e.TestStepFinished.TestCaseStartedId] = true
			}
		}
	}
	var out []string
	for _, st := range started {
		if skipped[st.Id] && !ran[st.Id] {
			continue
		}
		p := pickles[cases[st.TestCaseId]]
		if p == nil || len(p.AstNodeIds) == 0 {
			continue
		}
		if line, ok := scenarioLine[p.AstNodeIds[0]]; ok {
			out = append(out, cleanPath(fmt.Sprintf("%s:%d", p.Uri, line)))
		}
	}
	return out
}

func addScenarios(lines map[string]int64, sc *messages.Scenario, rule *messages.Rule) {
	if sc != nil && sc.Location != nil {
		lines[sc.Id] = sc.Location.Line
	}
	if rule != nil {
		for _, c := range rule.Children {
			addScenarios(lines, c.Scenario, nil)
		}
	}
}

// cleanPath is FILE:LINE with the file as discovery names it (slash-separated,
// clean, without the :LINE godog adds to the URI of an ordered run).
func cleanPath(path string) string {
	i := strings.LastIndex(path, ":")
	if i < 0 {
		return cleanURI(path)
	}
	return cleanURI(path[:i]) + path[i:]
}

func paths(scenarios []plannedScenario) []string {
	out := make([]string, len(scenarios))
	for i, s := range scenarios {
		out[i] = s.Path
	}
	return out
}

// symmetricDiff is what is in one list and not the other.
func symmetricDiff(a, b []string) []string {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, x := range a {
		inA[x] = true
	}
	for _, x := range b {
		inB[x] = true
	}
	var out []string
	for _, x := range a {
		if !inB[x] {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !inA[x] {
			out = append(out, x)
		}
	}
	return out
}
