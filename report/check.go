package report

import (
	"fmt"
	"slices"
	"strings"
)

// Check compares a run's report with godog's own account of the same run,
// scenario by scenario (uri:line): the same scenarios, each with the same
// outcome in every attempt, and so the same counts. It returns an error that
// lists every disagreement, and the scenarios the record could not place.
// Scenarios without steps are left out: godog fails them before any hook runs,
// so no record can hold them, and godog's own status already fails the run.
func Check(run *Run, godog *Results, problems []string) error {
	var bad []string
	bad = append(bad, problems...)
	inReport := map[string]*Scenario{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			inReport[s.Key()] = s
		}
	}
	var want Tally
	seen := map[string]bool{}
	for _, g := range godog.scenarios() {
		if g.steps == 0 {
			continue
		}
		seen[g.key] = true
		want.add(g.outcomes)
		s := inReport[g.key]
		switch {
		case s == nil:
			bad = append(bad, fmt.Sprintf("%s %q: godog ran it (%s), the report does not have it", g.key, g.name, joinOutcomes(g.outcomes)))
		case s.Name != g.name:
			bad = append(bad, fmt.Sprintf("%s: godog ran %q there, the report names it %q", g.key, g.name, s.Name))
		case !slices.Equal(s.outcomes(), g.outcomes):
			bad = append(bad, fmt.Sprintf("%s %q: godog's attempts came to %s, the report's to %s", g.key, g.name, joinOutcomes(g.outcomes), joinOutcomes(s.outcomes())))
		}
	}
	for key, s := range inReport {
		if !seen[key] {
			bad = append(bad, fmt.Sprintf("%s %q: in the report (%s), but godog did not run it", key, s.Name, joinOutcomes(s.outcomes())))
		}
	}
	if got := run.Tally(); got != want {
		bad = append(bad, fmt.Sprintf("godog's run: %s; the report: %s", want, got))
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad[len(problems):])
	return fmt.Errorf("romaine: the reports disagree with the run (a bug in Romaine: please report it with this output):\n  %s", strings.Join(bad, "\n  "))
}

func joinOutcomes(os []Outcome) string {
	s := make([]string, len(os))
	for i, o := range os {
		s[i] = string(o)
	}
	return strings.Join(s, ", then ")
}
