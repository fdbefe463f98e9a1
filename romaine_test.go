package romaine_test

import (
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/demo"
	"github.com/romaine-bdd/romaine/features/stepdefs"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// suite is the project's own feature suite: the demo store as the app (one per
// worker, each with its own database), the core steps and the store's domain
// steps. It is suite-wide, not per scenario: godog's initializers take no
// arguments, so the suite they wire must be reachable from here.
var suite = terrain.New(suiteOptions()...)

// suiteOptions make the project's suite (also run under stress, stress_test.go).
func suiteOptions() []terrain.Option {
	return append(stepdefs.Pages(),
		terrain.WithApp(terrain.HandlerApp{
			New:         newDemoStore,
			ResetPath:   "/__test__/reset",
			FactoryPath: "/__test__/factories/{model}",
		}),
		terrain.WithFactories(stepdefs.Factories()),
		terrain.WithSteps(steps.Register, stepdefs.Register, stepdefs.RegisterRacy),
		terrain.WithSuggestions(steps.Suggest),
	)
}

// newDemoStore starts a demo store for one worker. DEMO_CHAOS=1 adds random
// latency to every API answer and UI update (see make chaos).
// Its database lives in the worker's folder, which the run removes (or the next
// run does, when this one was killed).
func newDemoStore(w *terrain.Worker) (http.Handler, func() error, error) {
	store, err := demo.New(demo.Options{TestMode: true, Chaos: os.Getenv("DEMO_CHAOS") == "1", DBPath: filepath.Join(w.TempDir, "store.db")})
	if err != nil {
		return nil, nil, err
	}
	return store, store.Close, nil
}

func init() { suite.BindFlags(flag.CommandLine) }

// TestMain lets the suite finish the demo store's Go coverage once the test
// binary has written it (make coverage: ROMAINE_COVERAGE under go test -cover).
func TestMain(m *testing.M) { os.Exit(suite.Main(m)) }

// InitializeTestSuite and InitializeScenario are what the godog command looks for.
func InitializeTestSuite(ctx *godog.TestSuiteContext) { suite.InitializeTestSuite(ctx) }

func InitializeScenario(ctx *godog.ScenarioContext) { suite.InitializeScenario(ctx) }

// TestFeatures runs the feature suite with go test:
//
//	go test -run TestFeatures .
func TestFeatures(t *testing.T) {
	if status := suite.Run(); status != 0 {
		t.Fatalf("the feature suite failed (godog status %d); see the output above", status)
	}
}
