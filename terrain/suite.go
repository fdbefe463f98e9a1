package terrain

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/factories"
	"github.com/romaine-bdd/romaine/internal/godogrecord"
	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// Suite is one run's lifecycle: configuration, the worker pool, the hooks, the
// registries (factories, named pages) and the step registrations. Make it once
// (usually a package variable of the root test file, since godog's initializers
// take no arguments) and hand its InitializeTestSuite and InitializeScenario to godog.
type Suite struct {
	cfg       Config
	app       App
	factories *factories.Registry
	store     func(w *Worker) factories.Store
	pages     map[string]string
	steps     []func(*godog.ScenarioContext)
	suggest   func(text string, defined []string) []string
	hooks     hooks
	consumers []support.Consumer // built on the page's recorder (WithConsumer)
	out       io.Writer
	errOut    io.Writer
	viaRun    bool // started by Run (go test), not by the godog command
	// interrupted is set by Ctrl-C / SIGTERM; the run then ends with status 130.
	interrupted atomic.Bool

	prepareOnce sync.Once
	definedOnce sync.Once
	defined     []string // every registered step's expression, for suggestions
	prepareErr  error
	runCtx      context.Context
	stopRun     context.CancelFunc
	pool        *pool
	// godogTags is ROMAINE_TAGS in the syntax godog reads (see godogTagFilter).
	godogTags string
	// runDir holds the run's temporary files (see tempdir.go).
	runDir string
	// scenarios counts the scenarios that began: a run of none is an error.
	scenarios atomic.Int64
	reports   *reports
	// results is godog's own account of the run, from the godog format
	// resultsFormat: the reports' identity and their check, and the summary line.
	results       *report.Results
	resultsFormat string
	// consoleFormat prints consoleFormats (pretty, progress) when they are
	// the run's whole format (see withResults).
	consoleFormat, consoleFormats string
	// consoleMade, set only by tests, is shown each console formatter made.
	consoleMade func(*godogrecord.Console)
	// tamperRecord, set only by tests, changes the record before it is written
	// and checked against godog's results: the check must then fail the run.
	tamperRecord func([]*messages.Envelope) []*messages.Envelope
	logged       sync.Map // messages logged once per run
	// downEndpoints are ROMAINE_BROWSER_URL endpoints found down; workers skip them.
	downEndpoints sync.Map
	// shared is the browser of every worker under ROMAINE_BROWSERS=shared (else nil).
	shared *sharedBrowser
	// sched is the run's plan and the record of its attempts and timings.
	sched *schedule.Tracker
	plan  schedule.Plan // what the run selected, ordered, and its shard's share
	// progress is the progress line of a run by Run (nil when off or under the godog command).
	progress *progress
	// hunter is the flake hunter (ROMAINE_HUNT) or the one perturbation of
	// every scenario (ROMAINE_SHAKE); nil for neither.
	hunter *hunter
	// commandNotes: how the godog command's run was arranged, printed at its start.
	commandNotes []string
	signalsOnce  sync.Once
	// flags are the -romaine.* flags given, in order; configFlag is -romaine.config.
	flags      []layerValue
	configFlag string
	// file is the settings file read (nil for none).
	file     *configFile
	coverage *coverageState // ROMAINE_COVERAGE (coverage.go)
	viaMain  bool           // the test binary's TestMain is Suite.Main
	// runs counts Run calls; base and baseApp are the configuration and app the
	// first was given, before the environment and setUp changed them.
	runs    int
	base    Config
	baseApp App
}

// newRun readies s for a Run: the first keeps what New made; a later one
// (go test -count=2) gets a fresh run state, from the configuration the first
// started with.
func (s *Suite) newRun() {
	s.runs++
	if s.runs == 1 {
		s.base, s.baseApp = s.cfg, s.app
		s.base.Features = slices.Clone(s.cfg.Features)
		return
	}
	s.cfg, s.app = s.base, s.baseApp
	s.cfg.Features = slices.Clone(s.base.Features)
	s.interrupted.Store(false)
	s.prepareOnce, s.signalsOnce = sync.Once{}, sync.Once{}
	s.prepareErr, s.runCtx, s.stopRun = nil, nil, nil
	s.godogTags, s.runDir, s.reports, s.shared = "", "", nil, nil
	s.scenarios.Store(0)
	s.logged.Clear()
	s.downEndpoints.Clear()
	s.pool = newPool(s.startWorker, s.pool.warn)
	s.sched = schedule.NewTracker(&s.interrupted)
	s.plan, s.progress, s.file = schedule.Plan{}, nil, nil
	s.results = report.NewResults() // its formatter reads s.results at each godog run
	s.coverage = nil
}

// logOnce prints msg the first time it is given in this run.
func (s *Suite) logOnce(msg string) {
	if _, seen := s.logged.LoadOrStore(msg, true); !seen {
		fmt.Fprintln(s.out, msg)
	}
}

// WorkerHook runs when a worker starts (after its app is ready and its browser
// is up) or stops: lettuce's before.batch / after.batch.
type WorkerHook func(ctx context.Context, w *Worker) error

// ScenarioHook runs before every scenario, after the app was reset and the page
// opened; it may return a derived context.
type ScenarioHook func(ctx context.Context, sc *Scenario) (context.Context, error)

// AfterScenarioHook runs after every scenario with its error (nil when it passed).
type AfterScenarioHook func(ctx context.Context, sc *Scenario, err error) error

type hooks struct {
	beforeWorker, afterWorker []WorkerHook
	beforeScenario            []ScenarioHook
	afterScenario             []AfterScenarioHook
}

// Option configures a Suite in Go.
type Option func(*Suite)

// WithConfig edits the Go defaults of the configuration; flags and environment
// still override them.
func WithConfig(edit func(*Config)) Option { return func(s *Suite) { edit(&s.cfg) } }

// WithApp sets the app used when neither ROMAINE_APP_CMD nor ROMAINE_APP_URL is set.
func WithApp(a App) Option { return func(s *Suite) { s.app = a } }

// WithFactories sets the factory models the factory steps can make.
func WithFactories(r *factories.Registry) Option { return func(s *Suite) { s.factories = r } }

// WithStore sets where factories persist records for a worker; by default they
// are POSTed to the app's factory endpoint.
func WithStore(store func(w *Worker) factories.Store) Option {
	return func(s *Suite) { s.store = store }
}

// WithSteps adds step registrations (the core vocabulary, domain steps).
func WithSteps(register ...func(*godog.ScenarioContext)) Option {
	return func(s *Suite) { s.steps = append(s.steps, register...) }
}

// WithSuggestions sets how an undefined step finds the steps it may have meant
// among defined, the expressions of every registered step (core and domain):
// steps.Suggest. They are printed as "did you mean".
func WithSuggestions(suggest func(text string, defined []string) []string) Option {
	return func(s *Suite) { s.suggest = suggest }
}

// WithPage names a page for  Given I am on the NAME page .
func WithPage(name, path string) Option {
	return func(s *Suite) { s.pages[strings.ToLower(name)] = path }
}

// WithOutput sets where the run's output goes: Romaine's own lines, its errors
// and godog's report (when run by Suite.Run). Default: stdout, errors to stderr.
func WithOutput(w io.Writer) Option { return func(s *Suite) { s.out, s.errOut = w, w } }

// New makes a suite from the Go defaults and options. Flags (BindFlags) and the
// environment are read when the run starts (Run, or godog's BeforeSuite).
func New(opts ...Option) *Suite {
	s := &Suite{cfg: DefaultConfig(), pages: map[string]string{}, out: os.Stdout, errOut: os.Stderr, factories: factories.NewRegistry()}
	for _, o := range opts {
		o(s)
	}
	s.pool = newPool(s.startWorker, func(format string, args ...any) { fmt.Fprintf(s.errOut, format, args...) })
	s.sched = schedule.NewTracker(&s.interrupted)
	s.registerResults()
	if godogRunner() {
		s.arrangeGodogCommand()
	}
	return s
}

// BindFlags registers the -romaine.* flags on fs: -romaine.NAME for every
// setting (ROMAINE_NAME), and -romaine.config for the settings file.
func (s *Suite) BindFlags(fs *flag.FlagSet) {
	bindSettingFlags(fs, func(st setting, v string) { s.flags = append(s.flags, layerValue{st, v}) })
	fs.StringVar(&s.configFlag, "romaine.config", "", "the settings file, YAML (env ROMAINE_CONFIG; default romaine.yaml when it exists)")
}

// resolveConfig is the configuration in force: the Go defaults, then the
// settings file, the flags and the environment (lookup), each over the one
// before; validated. A setting's error says where it was set when the file set it.
func (s *Suite) resolveConfig(lookup func(string) (string, bool)) (Config, *configFile, error) {
	cfg := s.cfg
	path, named := configFilePath(cfg.ConfigFile, s.configFlag, lookup)
	file, err := readConfigFile(path, named)
	if err != nil {
		return cfg, nil, err
	}
	var layers []layerValue
	if file != nil {
		layers = append(layers, file.values...)
		cfg.ConfigFile = file.path
	}
	for _, lv := range append(layers, s.flags...) {
		_ = lv.s.set(&cfg, lv.v) // checked when read
	}
	if err := cfg.applyEnv(lookup); err != nil {
		return cfg, file, err
	}
	var ce *ConfigError
	if err := cfg.validate(); errors.As(err, &ce) && file != nil {
		if key, ok := file.keys[ce.Setting]; ok && !slices.ContainsFunc(s.flags, func(lv layerValue) bool { return lv.s.env == ce.Setting }) {
			if v, set := lookup(ce.Setting); !set || v == "" {
				ce.Message += fmt.Sprintf(" (set in %s, line %d, as %s)", file.path, file.lines[ce.Setting], key)
			}
		}
		return cfg, file, ce
	} else if err != nil {
		return cfg, file, err
	}
	return cfg, file, nil
}

// BeforeWorker adds a hook run when a worker has started.
func (s *Suite) BeforeWorker(h WorkerHook) { s.hooks.beforeWorker = append(s.hooks.beforeWorker, h) }

// AfterWorker adds a hook run before a worker stops.
func (s *Suite) AfterWorker(h WorkerHook) { s.hooks.afterWorker = append(s.hooks.afterWorker, h) }

// BeforeScenario adds a hook run before every scenario.
func (s *Suite) BeforeScenario(h ScenarioHook) {
	s.hooks.beforeScenario = append(s.hooks.beforeScenario, h)
}

// AfterScenario adds a hook run after every scenario.
func (s *Suite) AfterScenario(h AfterScenarioHook) {
	s.hooks.afterScenario = append(s.hooks.afterScenario, h)
}

// pagePath returns the path of a named page.
func (s *Suite) pagePath(name string) (string, error) {
	p, ok := s.pages[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		known := slices.Sorted(maps.Keys(s.pages))
		if len(known) == 0 {
			return "", fmt.Errorf("no page is named %q: no named pages are registered (register them in Go with terrain.WithPage(name, path))", name)
		}
		return "", fmt.Errorf("no page is named %q; known pages: %s", name, strings.Join(known, ", "))
	}
	return p, nil
}

// setUp reads the environment, validates the configuration, chooses the app,
// and checks that a browser exists, once. Its error stops the run before any
// browser or app starts.
func (s *Suite) setUp() error {
	s.prepareOnce.Do(func() {
		s.prepareErr = s.prepare()
		switch {
		case s.prepareErr != nil:
		case s.viaRun:
			fmt.Fprintln(s.out, s.shown().String())
		default:
			// The godog command chooses paths, format and concurrency with its own flags.
			fmt.Fprintln(s.out, s.shown().appLine()+" (godog command: paths, format and --concurrency come from its flags)")
			s.commandLimits()
			if s.cfg.Tags != "" {
				fmt.Fprintf(s.errOut, "romaine: ROMAINE_TAGS=%q is not used by the godog command: give it --tags (godog's syntax: '~@wip', '@a && @b', commas for or)\n", s.cfg.Tags)
			}
		}
	})
	return s.prepareErr
}

func (s *Suite) prepare() error {
	cfg, file, err := s.resolveConfig(os.LookupEnv)
	if err != nil {
		return err
	}
	s.cfg, s.file = cfg, file
	if file != nil {
		for name, path := range file.pages {
			s.pages[name] = path
		}
	}
	switch {
	case s.cfg.AppCmd != "":
		s.app = CommandApp{Command: s.cfg.AppCmd}
	case s.cfg.AppURL != "":
		s.app = URLApp{URL: strings.TrimRight(s.cfg.AppURL, "/")}
	case s.app == nil:
		return &ConfigError{Setting: "ROMAINE_APP_CMD", Message: "no app to test: set ROMAINE_APP_CMD (app-cmd in romaine.yaml) to a command that starts your app on $PORT, or ROMAINE_APP_URL (app-url) to the URL of one already running (in Go: terrain.WithApp)"}
	}
	if h, ok := s.app.(HandlerApp); ok && s.cfg.ResetPath == "" {
		s.cfg.ResetPath = h.ResetPath
	}
	for _, f := range s.cfg.Features {
		if !s.viaRun {
			break // the godog command reads its own paths
		}
		// godog accepts file.feature:LINE to run one scenario.
		if _, err := os.Stat(schedule.StripLines(f)); err != nil {
			return &ConfigError{Setting: "ROMAINE_FEATURES", Message: fmt.Sprintf("ROMAINE_FEATURES names %q, which does not exist: name feature files or folders (romaine run PATHS, features in romaine.yaml, or ROMAINE_FEATURES, space separated; now %q)", f, strings.Join(s.cfg.Features, " "))}
		}
	}
	if err := s.checkBrowserAndAppHost(); err != nil {
		return err
	}
	if err := s.checkPrerequisites(); err != nil {
		return err
	}
	if err := s.prepareCoverage(); err != nil {
		return err
	}
	dir, err := makeRunDir(s.errOut)
	if err != nil {
		return err
	}
	s.runDir = dir
	if s.cfg.Browsers == "shared" && s.cfg.BrowserURL == "" {
		s.shared = &sharedBrowser{}
	}
	s.loadTimings()
	s.runCtx, s.stopRun = context.WithCancel(context.Background())
	if err := s.startReports(); err != nil {
		return err
	}
	return s.prepareHunt()
}

// shown is the configuration as the run's first line shows it: an app given
// in Go as a command or a URL is shown as one, not as in-process.
func (s *Suite) shown() Config {
	c := s.cfg
	switch a := s.app.(type) {
	case CommandApp:
		c.AppCmd = a.Command
	case URLApp:
		c.AppURL = a.URL
	}
	return c
}

// godogOptions are the godog options for this configuration (for go test).
func (s *Suite) godogOptions() godog.Options {
	return godog.Options{
		Format:      s.cfg.Format,
		Paths:       s.cfg.Features,
		Concurrency: s.cfg.Workers,
		Tags:        s.cfg.Tags,
		Strict:      true,
	}
}

// Run prepares the suite and runs it with godog, returning godog's exit status
// (0 when every scenario passed). A configuration error is printed and gives 2;
// an interrupted run gives 130 once every worker has stopped.
//
// A suite may Run again in the same process (go test -count=2): each Run
// starts from the configuration the first one was given, with workers,
// timings and reports of its own.
func (s *Suite) Run() int {
	s.viaRun = true
	s.newRun()
	if err := s.setUp(); err != nil {
		fmt.Fprintln(s.errOut, err)
		return 2
	}
	// What setUp made (the run's folder) goes when the run stops early.
	abandon := func(status int) int {
		if err := s.shutdown(); err != nil {
			fmt.Fprintln(s.errOut, "romaine: stopping:", err)
		}
		return status
	}
	if err := checkFeatureFiles(s.cfg.Features); err != nil {
		fmt.Fprintln(s.errOut, err)
		return abandon(2)
	}
	p, err := s.makePlan(s.cfg.Features, s.godogTags, s.cfg.Workers)
	if err != nil {
		fmt.Fprintln(s.errOut, err)
		return abandon(2)
	}
	fmt.Fprintln(s.out, strings.Join(p.Notes, "\n"))
	if p.Empty {
		return abandon(0)
	}
	out, errOut := s.out, s.errOut
	s.progress = newProgress(s.cfg.Progress, s.out, s.cfg.Workers)
	s.out, s.errOut = s.progress.through(out), s.progress.through(errOut)
	opts := s.godogOptions()
	opts.Output = s.out
	// godog reads the older tag syntax; Cucumber's was checked and translated by setUp.
	opts.Tags = s.godogTags
	var status int
	if s.hunter.hunting() {
		status = s.hunt(p, opts)
	} else {
		status = s.runAttempts(p, opts)
	}
	s.out, s.errOut = out, errOut
	s.printTally()
	s.finish()
	if s.interrupted.Load() {
		return 130
	}
	if s.reportsDisagree() != nil && status == 0 {
		status = 1 // printed by finish
	}
	if status == 0 && s.scenarios.Load() == 0 {
		fmt.Fprintln(s.errOut, s.noScenarios())
		return 1
	}
	return status
}

// InitializeTestSuite wires the suite-level lifecycle into godog.
func (s *Suite) InitializeTestSuite(ctx *godog.TestSuiteContext) {
	ctx.BeforeSuite(func() {
		if err := s.setUp(); err != nil {
			fmt.Fprintln(s.errOut, err)
			return
		}
		s.signalsOnce.Do(s.watchSignals)
	})
	ctx.AfterSuite(func() {
		if s.viaRun {
			return // Run may run failed scenarios again; it stops the workers after
		}
		s.finish()
	})
}

// finish stops every worker, saves the timings and writes the reports.
func (s *Suite) finish() {
	if err := s.shutdown(); err != nil {
		fmt.Fprintln(s.errOut, "romaine: stopping workers:", err)
	}
	s.finishCoverage()   // after the apps stopped: a Go app writes its counters as it exits
	if s.hunter == nil { // a perturbed scenario's time is not its own
		s.saveTimings()
	}
	if err := s.writeReports(); err != nil {
		fmt.Fprintln(s.errOut, "romaine: writing reports:", err)
	}
}

// workersStarted is how many workers the run has started (stopped ones included).
func (s *Suite) workersStarted() int { return s.pool.startedCount() }

// shutdown stops every worker: browsers end, apps end, ports are freed.
func (s *Suite) shutdown() error {
	err := s.pool.close(context.Background(), s.hooks.afterWorker)
	if s.shared != nil {
		err = errors.Join(err, s.shared.close())
	}
	if s.stopRun != nil {
		s.stopRun()
	}
	if s.runDir != "" {
		err = errors.Join(err, os.RemoveAll(s.runDir))
	}
	return err
}

// errSetup is what scenarios report when the run could not be prepared; the
// reason was printed once at the start.
var errSetup = errors.New("romaine: the run could not start (see the configuration error above)")
