// Package terrain runs a Romaine suite: it reads the configuration, starts one
// worker per concurrent scenario (a port, the app under test and a browser),
// hands each scenario a fresh page and factory data, and stops everything at
// the end. Feature files and their steps see none of this.
//
// # Wiring a suite
//
// A test binary makes one Suite with New and runs it (see the New example):
//
//	suite := terrain.New(
//		terrain.WithApp(terrain.HandlerApp{New: newStore, ResetPath: "/__test__/reset",
//			FactoryPath: "/__test__/factories/{model}"}),
//		terrain.WithSteps(steps.Register, mysteps.Register),
//		terrain.WithSuggestions(steps.Suggest),
//	)
//	func init() { suite.BindFlags(flag.CommandLine) }
//	func TestFeatures(t *testing.T) { if suite.Run() != 0 { t.Fail() } }
//
// The app is a HandlerApp (a Go handler served in this process, one per
// worker), a CommandApp (any program, one per worker, on $HOST:$PORT) or a
// URLApp (one already running). ROMAINE_APP_CMD and ROMAINE_APP_URL override it.
// Every setting is a Config field with an environment variable, a key of the
// settings file romaine.yaml and a flag (DefaultConfig lists the defaults);
// WithConfig changes the Go defaults, and the file, the flags and the
// environment override them in that order. Run is the one runner: go test
// calls it, and so does the romaine command (romaine run), which runs feature
// files with the core steps and no Go code. The godog command, which godog
// deprecates, also works (give it InitializeTestSuite and InitializeScenario),
// without retries or the progress line.
//
// # Domain steps
//
// A step gets its scenario in one call, InScenario (or FromContext). The
// Scenario holds the page (a support.Page), factory data, what earlier steps
// remembered ({{name.field}} in step text, Interpolate), the last HTTP
// response and a Values map for the step's own state. Worker hooks
// (BeforeWorker, AfterWorker) and scenario hooks (BeforeScenario,
// AfterScenario) run around them.
//
// # Features built on the page's recorder
//
// WithConsumer registers a support.Consumer: every scenario's page is then
// recorded (support.Recording), its steps marked from godog's step hooks,
// the HTTP steps' requests added, and the recording ended by the step that
// ends the scenario, with its status and attempt. Scenario.Recording is nil
// when no consumer is registered, and nothing is recorded.
package terrain
