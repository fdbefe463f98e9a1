package terrain_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/terrain"
)

// The end of every run checks the reports against godog's own results: a
// record that says a passed step failed (as a recorder bug would) fails a run
// whose every scenario passed, loudly, naming the scenario.
func TestReportsThatDisagreeWithTheRunFailIt(t *testing.T) {
	site := staticSite(t)
	for _, tamper := range []bool{false, true} {
		junit := filepath.Join(t.TempDir(), "junit.xml")
		status, out, _ := run(t, map[string]string{
			"ROMAINE_APP_CMD":  site,
			"ROMAINE_FEATURES": "testdata/features/static_site.feature:4",
			"ROMAINE_REPORTS":  "junit:" + junit,
		}, func(s *terrain.Suite) {
			if !tamper {
				return
			}
			terrain.TamperRecord(s, func(envs []*messages.Envelope) []*messages.Envelope {
				for _, e := range envs {
					if f := e.TestStepFinished; f != nil && f.TestStepResult.Status == messages.TestStepResultStatus_PASSED {
						f.TestStepResult.Status = messages.TestStepResultStatus_FAILED
						break
					}
				}
				return envs
			})
		})
		x, err := os.ReadFile(junit)
		if err != nil {
			t.Fatal(err)
		}
		if !tamper {
			if status != 0 || strings.Contains(out, "disagree") || !strings.Contains(out, "romaine: 1 scenarios: 1 passed, 0 failed, 0 flaky, 0 not run") {
				t.Fatalf("the run as it is passes, its reports agreeing with it; status %d:\n%s", status, out)
			}
			continue
		}
		for _, want := range []string{
			"romaine: the reports disagree with the run",
			`testdata/features/static_site.feature:4 "Reading the about page": godog's attempts came to passed, the report's to failed`,
			"godog's run: 1 scenarios: 1 passed, 0 failed, 0 flaky, 0 not run; the report: 1 scenarios: 0 passed, 1 failed, 0 flaky, 0 not run",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("the output lacks %q:\n%s", want, out)
			}
		}
		if status == 0 || !strings.Contains(string(x), `failures="1"`) {
			t.Errorf("a run whose reports disagree with it must fail (status %d); the report written is the evidence:\n%s", status, x)
		}
	}
}
