package schedule

import (
	"strings"
	"testing"

	messages "github.com/cucumber/messages/go/v34"
)

// A shard stopped early records the scenarios it never started with every
// step skipped ("not run"): they are in no shard's report, and the merge
// says which shard planned them.
func TestAShardStoppedEarlyLeavesItsScenariosMissing(t *testing.T) {
	const uri = "features/a.feature"
	doc := &messages.GherkinDocument{Uri: uri, Feature: &messages.Feature{Children: []*messages.FeatureChild{
		{Scenario: &messages.Scenario{Id: "s1", Name: "Ran", Location: &messages.Location{Line: 3}}},
		{Rule: &messages.Rule{Children: []*messages.RuleChild{
			{Scenario: &messages.Scenario{Id: "s2", Name: "Never started", Location: &messages.Location{Line: 8}}},
		}}},
	}}}
	plan := Plan{Shard: "1/1", All: []*Unit{{File: uri, Line: 3, Title: "Ran"}, {File: uri, Line: 8, Title: "Never started"}}}
	plan.Units = plan.All
	envs := []*messages.Envelope{
		{TestRunStarted: &messages.TestRunStarted{Id: "run"}},
		plan.Record("run"),
		{GherkinDocument: doc},
	}
	for i, sc := range []string{"s1", "s2"} {
		id := string(rune('a' + i))
		status := messages.TestStepResultStatus_PASSED
		if sc == "s2" {
			status = messages.TestStepResultStatus_SKIPPED
		}
		envs = append(envs,
			&messages.Envelope{Pickle: &messages.Pickle{Id: "p" + id, Uri: uri, AstNodeIds: []string{sc}}},
			&messages.Envelope{TestCase: &messages.TestCase{Id: "tc" + id, PickleId: "p" + id}},
			&messages.Envelope{TestCaseStarted: &messages.TestCaseStarted{Id: "tcs" + id, TestCaseId: "tc" + id}},
			&messages.Envelope{TestStepFinished: &messages.TestStepFinished{TestCaseStartedId: "tcs" + id, TestStepResult: &messages.TestStepResult{Status: status}}},
		)
	}
	err := CheckShards([]RunFile{{Name: "shard-1.ndjson", Envelopes: envs}})
	want := `features/a.feature:8 "Never started": shard 1/1 planned it but its report does not have it: was the shard stopped early?`
	if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), `"Ran"`) {
		t.Errorf("a shard stopped before its second scenario: %v; want only that scenario named missing", err)
	}
	// Without any plan there is nothing to check (a run that was not sharded).
	if err := CheckShards([]RunFile{{Name: "run.ndjson", Envelopes: envs[2:]}}); err != nil {
		t.Errorf("an unsharded run: %v", err)
	}
}
