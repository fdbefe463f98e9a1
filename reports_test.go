package romaine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/terrain"
)

// TestOwnSuiteReportsEveryScenario runs the project's suite with every report
// and finds one JUnit testcase per scenario godog selects in features/ (the
// record once matched scenarios of equal length to the first: 51 testcases
// for 53 scenarios), and the run's own check of the reports passing.
// Skipped with -short.
func TestOwnSuiteReportsEveryScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole suite takes a minute")
	}
	dir := t.TempDir()
	for k, v := range map[string]string{
		"ROMAINE_FEATURES":  "features",
		"ROMAINE_WORKERS":   "4",
		"ROMAINE_FORMAT":    "progress",
		"ROMAINE_ARTIFACTS": filepath.Join(dir, "artifacts"),
		"ROMAINE_TIMINGS":   filepath.Join(dir, "timings.json"),
		"ROMAINE_REPORTS":   "junit:" + filepath.Join(dir, "junit.xml") + ",html:" + filepath.Join(dir, "report.html") + ",messages:" + filepath.Join(dir, "run.ndjson"),
		"ROMAINE_TAGS":      "",
		"ROMAINE_SHARD":     "",
		"ROMAINE_APP_CMD":   "",
		"ROMAINE_APP_URL":   "",
	} {
		t.Setenv(k, v)
	}
	features, err := godog.TestSuite{Options: &godog.Options{Paths: []string{"features"}}}.RetrieveFeatures()
	if err != nil {
		t.Fatal(err)
	}
	scenarios := 0
	for _, f := range features {
		scenarios += len(f.Pickles)
	}
	var out lockedbuf.Buffer
	if status := terrain.New(append(suiteOptions(), terrain.WithOutput(&out))...).Run(); status != 0 {
		t.Fatalf("the suite failed (status %d):\n%s", status, out.String())
	}
	junit, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(junit), "<testcase "); n != scenarios || scenarios < 53 {
		t.Errorf("JUnit: %d testcases; godog selects %d scenarios in features/ (53 or more)", n, scenarios)
	}
	envs, err := report.ReadFiles(filepath.Join(dir, "run.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if got := report.Build(envs).Tally(); got.Scenarios != scenarios || got.Passed+got.Flaky != scenarios {
		t.Errorf("messages: %s; want %d scenarios, all passed", got, scenarios)
	}
	t.Logf("%d scenarios, %d testcases", scenarios, strings.Count(string(junit), "<testcase "))
}
