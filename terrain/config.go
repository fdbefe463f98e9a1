package terrain

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// Config is every setting of a run. Go code sets defaults, the settings file
// (romaine.yaml) overrides them, flags override the file, and the environment
// overrides flags (CI sets environment most easily).
type Config struct {
	// ConfigFile: the settings file, YAML, whose keys are the flags' names
	// (workers: 2). "" reads romaine.yaml when it exists; a file named here
	// must exist. ROMAINE_CONFIG, -romaine.config.
	ConfigFile string
	// Features: feature files or folders. ROMAINE_FEATURES (space separated), -romaine.features.
	Features []string
	// Workers: scenarios run at once (godog concurrency), so at most this many
	// workers (port, app, browser) are started. ROMAINE_WORKERS, -romaine.workers.
	Workers int
	// AppCmd: a shell command that starts the app for one worker; it gets PORT and
	// ROMAINE_WORKER in its environment. ROMAINE_APP_CMD, -romaine.app-cmd.
	AppCmd string
	// AppURL: an app that is already running; no per-worker servers are started.
	// ROMAINE_APP_URL, -romaine.app-url.
	AppURL string
	// ReadyPath: what is polled until the app answers (any status below 500).
	// ROMAINE_READY_PATH, -romaine.ready-path. Default "/".
	ReadyPath string
	// ResetPath: POSTed to before every scenario to empty the app's state; "" for
	// none. ROMAINE_APP_RESET, -romaine.app-reset. An in-process app may bring its own.
	ResetPath string
	// FactoryPath: where the factory steps POST a record as JSON, with {model}
	// for the model's name. ROMAINE_FACTORY_PATH, -romaine.factory-path.
	// Default: the in-process app's own, else /__test__/factories/{model}.
	FactoryPath string
	// Timeout: how long every step waits for its condition. ROMAINE_TIMEOUT, -romaine.timeout. Default 5s.
	Timeout time.Duration
	// NavigationTimeout: how long a page may take to load (going to a page,
	// reloading, going back, a click that navigates), separate from Timeout.
	// ROMAINE_NAVIGATION_TIMEOUT, -romaine.navigation-timeout. Default 30s.
	NavigationTimeout time.Duration
	// StartTimeout: how long an app may take to become ready.
	// ROMAINE_START_TIMEOUT, -romaine.start-timeout. Default 30s.
	StartTimeout time.Duration
	// BasePort: worker N's app listens on BasePort+N-1; 0 picks free ports.
	// ROMAINE_BASE_PORT, -romaine.base-port.
	BasePort int
	// Browser: path of Chrome or Chromium; "" looks for one. ROMAINE_BROWSER, -romaine.browser.
	Browser string
	// Headful shows the browser windows. ROMAINE_HEADFUL=1, -romaine.headful.
	Headful bool
	// Artifacts: where failed scenarios' screenshots and HTML go.
	// ROMAINE_ARTIFACTS, -romaine.artifacts. Default "romaine-artifacts".
	Artifacts string
	// Format: godog's output format (pretty, progress, cucumber, junit, ...).
	// ROMAINE_FORMAT, -romaine.format. Default "pretty".
	Format string
	// Tags: a Cucumber tag expression selecting scenarios ("not @wip",
	// "(@a or @b) and not @slow"; godog's "@a && ~@b" works too). ROMAINE_TAGS, -romaine.tags.
	Tags string
	// Seed: the factory seed of every scenario, to replay a failed one's data
	// (run it alone, by file:line); 0 gives each scenario a random seed.
	// ROMAINE_SEED, -romaine.seed.
	Seed int64
	// Reports: files written at the end of the run, as KIND:PATH pairs separated by
	// commas (kinds: messages, junit, html), alongside godog's own format.
	// ROMAINE_REPORTS, -romaine.reports. E.g. junit:out.xml,html:report.html.
	Reports string
	// BrowserURL: DevTools endpoints of browsers already running, used instead of
	// launching Chrome: ws://HOST:PORT/PATH?QUERY as is, or http://HOST:PORT
	// (resolved through /json/version). Several, comma separated, spread the
	// workers over them. ROMAINE_BROWSER_URL, -romaine.browser-url.
	BrowserURL string
	// AppHost: the name or address the browser reaches the app servers at; apps
	// bind where it resolves. ROMAINE_APP_HOST, -romaine.app-host. Default 127.0.0.1.
	AppHost string
	// Timings: the file of remembered scenario durations. ROMAINE_TIMINGS,
	// -romaine.timings. Default ".romaine/timings.json".
	Timings string
	// Order: "longest" (longest scenarios first, from the timings), "defined"
	// (file order) or "random" / "random:SEED". ROMAINE_ORDER, -romaine.order.
	Order string
	// Shard: "K/N" runs shard K of N, balanced by the timings; "" runs all.
	// ROMAINE_SHARD, -romaine.shard.
	Shard string
	// Retries: how many times a failed scenario is run again. ROMAINE_RETRIES, -romaine.retries.
	Retries int
	// FailOnFlaky fails the run when a scenario passed only on retry.
	// ROMAINE_FAIL_ON_FLAKY=1, -romaine.fail-on-flaky.
	FailOnFlaky bool
	// Progress: "auto" (a live line on a terminal, a plain line every few
	// seconds elsewhere), "live", "plain" or "off". ROMAINE_PROGRESS, -romaine.progress.
	Progress string
	// Isolation: "reset" (each worker's browser context and page reused, wiped
	// between scenarios) or "context" (a new context and page per scenario).
	// ROMAINE_ISOLATION, -romaine.isolation. Default "reset".
	Isolation string
	// Browsers: "worker" (a browser per worker) or "shared" (one browser for
	// all workers, each scenario in a context of its own). ROMAINE_BROWSERS,
	// -romaine.browsers. Default "worker".
	Browsers string
	// Hunt: the flake hunter (docs/flakes.md): each selected scenario runs
	// Hunt times, each attempt under a perturbation of its own drawn from
	// HuntSeed (0: a random one), in a random order and at a random number
	// of workers (1 to Workers) each round; the run ends with the verdict.
	// ROMAINE_HUNT=N or N:SEED, -romaine.hunt. 0: no hunt.
	Hunt     int
	HuntSeed uint64
	// HuntReplays: how many times the hunter runs a failed attempt again
	// under the same perturbation, to say how often it fails again (the first
	// three failures of each scenario). ROMAINE_HUNT_REPLAYS, -romaine.hunt-replays. Default 3.
	HuntReplays int
	// Shake: every scenario runs under the perturbation of this seed, as a
	// hunt's verdict gives it to replay a failure. ROMAINE_SHAKE, -romaine.shake. 0: none.
	Shake uint64
	// Coverage: a folder for what the scenarios exercise: the app's Go code,
	// the page's JavaScript, the routes (docs/coverage.md); "" measures
	// nothing. ROMAINE_COVERAGE, -romaine.coverage.
	Coverage string
	// Routes: the app's routes, its OpenAPI document (.yaml, .yml, .json) or
	// a list, one a line, so that coverage lists those no scenario reached.
	// Needs Coverage. ROMAINE_ROUTES, -romaine.routes.
	Routes string
	// Trace: the step film of each scenario, kept for the reports:
	// "retain-on-failure" (failed and flaky scenarios), "on" or "off".
	// ROMAINE_TRACE, -romaine.trace. Default "retain-on-failure".
	Trace string
}

// DefaultConfig is the configuration with nothing set.
func DefaultConfig() Config {
	return Config{
		Features:          []string{"features"},
		Workers:           1,
		ReadyPath:         "/",
		Timeout:           5 * time.Second,
		StartTimeout:      30 * time.Second,
		Artifacts:         "romaine-artifacts",
		Format:            "pretty",
		AppHost:           "127.0.0.1",
		NavigationTimeout: 30 * time.Second,
		Timings:           ".romaine/timings.json",
		Order:             "longest",
		Progress:          "auto",
		Isolation:         "reset",
		Browsers:          "worker",
		HuntReplays:       3,
		Trace:             "retain-on-failure",
	}
}

// setting binds one field to its environment variable and flag.
type setting struct {
	env, flag, usage string
	get              func(c *Config) string
	set              func(c *Config, v string) error
	boolean          bool // a switch: the flag alone means true
}

func settings() []setting {
	str := func(f func(c *Config) *string) (func(*Config) string, func(*Config, string) error) {
		return func(c *Config) string { return *f(c) }, func(c *Config, v string) error { *f(c) = v; return nil }
	}
	mk := func(env, fl, usage string, get func(*Config) string, set func(*Config, string) error) setting {
		return setting{env: env, flag: fl, usage: usage, get: get, set: set}
	}
	boolean := func(s setting) setting { s.boolean = true; return s }
	var out []setting
	add := func(s setting) { out = append(out, s) }
	add(mk("ROMAINE_FEATURES", "features", "feature files or folders, space separated",
		func(c *Config) string { return strings.Join(c.Features, " ") },
		func(c *Config, v string) error { c.Features = strings.Fields(v); return nil }))
	add(mk("ROMAINE_WORKERS", "workers", "scenarios run at once (a whole number, 1 or more)",
		func(c *Config) string { return strconv.Itoa(c.Workers) },
		func(c *Config, v string) (err error) { c.Workers, err = strconv.Atoi(strings.TrimSpace(v)); return }))
	g, s := str(func(c *Config) *string { return &c.AppCmd })
	add(mk("ROMAINE_APP_CMD", "app-cmd", "shell command starting the app for one worker, listening on $HOST:$PORT", g, s))
	g, s = str(func(c *Config) *string { return &c.AppURL })
	add(mk("ROMAINE_APP_URL", "app-url", "URL of an app already running", g, s))
	g, s = str(func(c *Config) *string { return &c.ReadyPath })
	add(mk("ROMAINE_READY_PATH", "ready-path", "path polled until the app is ready", g, s))
	g, s = str(func(c *Config) *string { return &c.ResetPath })
	add(mk("ROMAINE_APP_RESET", "app-reset", "path POSTed to before every scenario to empty the app", g, s))
	g, s = str(func(c *Config) *string { return &c.FactoryPath })
	add(mk("ROMAINE_FACTORY_PATH", "factory-path", "path the factory steps POST records to, with {model}, e.g. /test/factories/{model}", g, s))
	add(mk("ROMAINE_TIMEOUT", "timeout", "how long a step waits (a Go duration such as 5s or 1500ms)",
		func(c *Config) string { return c.Timeout.String() },
		func(c *Config, v string) (err error) {
			c.Timeout, err = time.ParseDuration(strings.TrimSpace(v))
			return
		}))
	add(mk("ROMAINE_NAVIGATION_TIMEOUT", "navigation-timeout", "how long a page may take to load (a Go duration such as 30s)",
		func(c *Config) string { return c.NavigationTimeout.String() },
		func(c *Config, v string) (err error) {
			c.NavigationTimeout, err = time.ParseDuration(strings.TrimSpace(v))
			return
		}))
	add(mk("ROMAINE_START_TIMEOUT", "start-timeout", "how long an app may take to get ready (a Go duration such as 30s)",
		func(c *Config) string { return c.StartTimeout.String() },
		func(c *Config, v string) (err error) {
			c.StartTimeout, err = time.ParseDuration(strings.TrimSpace(v))
			return
		}))
	add(mk("ROMAINE_BASE_PORT", "base-port", "first app port (worker N uses base+N-1); 0 picks free ports",
		func(c *Config) string { return strconv.Itoa(c.BasePort) },
		func(c *Config, v string) (err error) { c.BasePort, err = strconv.Atoi(strings.TrimSpace(v)); return }))
	g, s = str(func(c *Config) *string { return &c.Browser })
	add(mk("ROMAINE_BROWSER", "browser", "path of Chrome or Chromium", g, s))
	add(boolean(mk("ROMAINE_HEADFUL", "headful", "show browser windows (1/true or 0/false)",
		func(c *Config) string { return strconv.FormatBool(c.Headful) },
		func(c *Config, v string) (err error) {
			c.Headful, err = strconv.ParseBool(strings.TrimSpace(v))
			return
		})))
	g, s = str(func(c *Config) *string { return &c.Artifacts })
	add(mk("ROMAINE_ARTIFACTS", "artifacts", "folder for failure screenshots and HTML", g, s))
	g, s = str(func(c *Config) *string { return &c.Format })
	add(mk("ROMAINE_FORMAT", "format", "godog output format: pretty, progress, cucumber, junit, events", g, s))
	g, s = str(func(c *Config) *string { return &c.Tags })
	add(mk("ROMAINE_TAGS", "tags", "Cucumber tag expression, e.g. 'not @wip' or '@smoke and not @slow'", g, s))
	add(mk("ROMAINE_SEED", "seed", "factory seed printed by a failed scenario, to replay its data (a whole number; 0 is random)",
		func(c *Config) string { return strconv.FormatInt(c.Seed, 10) },
		func(c *Config, v string) (err error) {
			c.Seed, err = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return
		}))
	g, s = str(func(c *Config) *string { return &c.BrowserURL })
	add(mk("ROMAINE_BROWSER_URL", "browser-url", "DevTools endpoints of running browsers (ws://... or http://host:port), comma separated", g, s))
	g, s = str(func(c *Config) *string { return &c.AppHost })
	add(mk("ROMAINE_APP_HOST", "app-host", "name or address the browser reaches the app servers at (apps bind there)", g, s))
	g, s = str(func(c *Config) *string { return &c.Reports })
	add(mk("ROMAINE_REPORTS", "reports", "reports to write, KIND:PATH separated by commas, e.g. junit:out.xml,html:report.html,messages:run.ndjson", g, s))
	g, s = str(func(c *Config) *string { return &c.Timings })
	add(mk("ROMAINE_TIMINGS", "timings", "file of remembered scenario durations", g, s))
	g, s = str(func(c *Config) *string { return &c.Order })
	add(mk("ROMAINE_ORDER", "order", "scenario order: longest, defined, random or random:SEED", g, s))
	g, s = str(func(c *Config) *string { return &c.Shard })
	add(mk("ROMAINE_SHARD", "shard", "run shard K of N, written K/N, e.g. 2/4", g, s))
	add(mk("ROMAINE_RETRIES", "retries", "times a failed scenario is run again (a whole number, 0 or more)",
		func(c *Config) string { return strconv.Itoa(c.Retries) },
		func(c *Config, v string) (err error) { c.Retries, err = strconv.Atoi(strings.TrimSpace(v)); return }))
	add(boolean(mk("ROMAINE_FAIL_ON_FLAKY", "fail-on-flaky", "fail the run when a scenario passed only on retry (1/true or 0/false)",
		func(c *Config) string { return strconv.FormatBool(c.FailOnFlaky) },
		func(c *Config, v string) (err error) {
			c.FailOnFlaky, err = strconv.ParseBool(strings.TrimSpace(v))
			return
		})))
	g, s = str(func(c *Config) *string { return &c.Progress })
	add(mk("ROMAINE_PROGRESS", "progress", "progress line: auto, live, plain or off", g, s))
	g, s = str(func(c *Config) *string { return &c.Browsers })
	add(mk("ROMAINE_BROWSERS", "browsers", "worker (a browser per worker) or shared (one browser for all workers)", g, s))
	g, s = str(func(c *Config) *string { return &c.Isolation })
	add(mk("ROMAINE_ISOLATION", "isolation", "how scenarios are kept apart: reset (reuse the page, wiped) or context (a new browser context each)", g, s))
	out = append(out, coverageSettings(str)...)
	add(traceSetting())
	return append(out, huntSettings()...)
}

// bindFlags registers -romaine.NAME flags on fs for every setting; parsing fs
// writes into c.
func (c *Config) bindFlags(fs *flag.FlagSet) {
	bindSettingFlags(fs, func(s setting, v string) { _ = s.set(c, v) })
}

// bindSettingFlags registers -romaine.NAME flags on fs for every setting; a
// value given is checked at once, then handed to record.
func bindSettingFlags(fs *flag.FlagSet, record func(s setting, v string)) {
	for _, s := range settings() {
		define := fs.Func
		if s.boolean {
			define = fs.BoolFunc
		}
		define("romaine."+s.flag, s.usage+" (env "+s.env+")", func(v string) error {
			var scratch Config
			if err := s.set(&scratch, v); err != nil {
				return fmt.Errorf("%s", settingError(s, v, err))
			}
			record(s, v)
			return nil
		})
	}
}

// applyEnv overrides c with every ROMAINE_* variable that lookup finds (pass
// os.LookupEnv). An empty variable counts as unset.
func (c *Config) applyEnv(lookup func(string) (string, bool)) error {
	for _, s := range settings() {
		v, ok := lookup(s.env)
		if !ok || v == "" {
			continue
		}
		if err := s.set(c, v); err != nil {
			return &ConfigError{Setting: s.env, Message: settingError(s, v, err)}
		}
	}
	return nil
}

func settingError(s setting, v string, err error) string {
	return fmt.Sprintf("%s=%q is not valid (%v): expected %s", s.env, v, err, s.usage)
}

// validate checks the settings together.
func (c *Config) validate() error {
	bad := func(setting, msg string) error { return &ConfigError{Setting: setting, Message: msg} }
	switch {
	case len(c.Features) == 0:
		return bad("ROMAINE_FEATURES", "ROMAINE_FEATURES names no feature file or folder: set it to one or more paths, space separated, e.g. ROMAINE_FEATURES=features")
	case c.Workers < 1:
		return bad("ROMAINE_WORKERS", fmt.Sprintf("ROMAINE_WORKERS=%d: it must be 1 or more (how many scenarios run at once)", c.Workers))
	case c.AppCmd != "" && c.AppURL != "":
		return bad("ROMAINE_APP_CMD", "ROMAINE_APP_CMD and ROMAINE_APP_URL are both set: set ROMAINE_APP_CMD to start an app per worker, or ROMAINE_APP_URL to use one already running, not both")
	case c.Timeout <= 0:
		return bad("ROMAINE_TIMEOUT", fmt.Sprintf("ROMAINE_TIMEOUT=%s: it must be positive, e.g. 5s", c.Timeout))
	case c.NavigationTimeout <= 0:
		return bad("ROMAINE_NAVIGATION_TIMEOUT", fmt.Sprintf("ROMAINE_NAVIGATION_TIMEOUT=%s: it must be positive, e.g. 30s", c.NavigationTimeout))
	case c.StartTimeout <= 0:
		return bad("ROMAINE_START_TIMEOUT", fmt.Sprintf("ROMAINE_START_TIMEOUT=%s: it must be positive, e.g. 30s", c.StartTimeout))
	case c.Isolation != string(support.IsolationReset) && c.Isolation != string(support.IsolationContext):
		return bad("ROMAINE_ISOLATION", fmt.Sprintf("ROMAINE_ISOLATION=%q: use reset (each worker's page reused and wiped between scenarios, the fast default) or context (a new browser context per scenario)", c.Isolation))
	case c.Browsers != "worker" && c.Browsers != "shared":
		return bad("ROMAINE_BROWSERS", fmt.Sprintf("ROMAINE_BROWSERS=%q: use worker (a browser per worker) or shared (one browser for all workers, each scenario in a browser context of its own)", c.Browsers))
	case c.BasePort < 0 || c.BasePort > 65535-c.Workers:
		return bad("ROMAINE_BASE_PORT", fmt.Sprintf("ROMAINE_BASE_PORT=%d: it must be 0 (free ports) or a port from 1 to %d", c.BasePort, 65535-c.Workers))
	}
	if c.AppURL != "" {
		u, err := url.Parse(c.AppURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("ROMAINE_APP_URL", fmt.Sprintf("ROMAINE_APP_URL=%q is not an http(s) URL: set it like http://127.0.0.1:3000", c.AppURL))
		}
	}
	for _, e := range c.browserEndpoints() {
		if u, err := url.Parse(e); err != nil || u.Host == "" || !slices.Contains([]string{"ws", "wss", "http", "https"}, u.Scheme) {
			return bad("ROMAINE_BROWSER_URL", fmt.Sprintf("ROMAINE_BROWSER_URL names %q, which is not a DevTools endpoint URL: write ws://HOST:PORT/PATH (kept as is) or http://HOST:PORT, several separated by commas", e))
		}
	}
	if outs, err := report.ParseOutputs(c.Reports); err != nil {
		return bad("ROMAINE_REPORTS", fmt.Sprintf("ROMAINE_REPORTS=%q: %v", c.Reports, err))
	} else if err := report.CheckPaths(outs); err != nil {
		return bad("ROMAINE_REPORTS", fmt.Sprintf("ROMAINE_REPORTS=%q: %v", c.Reports, err))
	}
	if c.FactoryPath != "" && !strings.Contains(c.FactoryPath, "{model}") {
		return bad("ROMAINE_FACTORY_PATH", fmt.Sprintf("ROMAINE_FACTORY_PATH=%q has no {model}: write where a record of any model is created, e.g. /test/factories/{model}", c.FactoryPath))
	}
	if c.AppURL != "" && c.ResetPath != "" && c.Workers > 1 {
		return bad("ROMAINE_WORKERS", fmt.Sprintf("ROMAINE_APP_URL with ROMAINE_APP_RESET and ROMAINE_WORKERS=%d: all workers share the one running app, so each scenario's reset would empty it under the others. Use ROMAINE_APP_CMD (an app per worker), ROMAINE_WORKERS=1, or no reset", c.Workers))
	}
	if err := c.validateSchedule(); err != nil {
		return err
	}
	if err := c.validateCoverage(); err != nil {
		return err
	}
	if err := c.validateTrace(); err != nil {
		return err
	}
	if err := c.validateHunt(); err != nil {
		return err
	}
	for _, p := range []struct{ name, v string }{{"ROMAINE_READY_PATH", c.ReadyPath}, {"ROMAINE_APP_RESET", c.ResetPath}, {"ROMAINE_FACTORY_PATH", c.FactoryPath}} {
		if p.v != "" && !strings.HasPrefix(p.v, "/") {
			return bad(p.name, fmt.Sprintf("%s=%q must be a path starting with /, e.g. /health", p.name, p.v))
		}
		// {model} is filled in before the path is used.
		if _, err := url.ParseRequestURI(strings.ReplaceAll(p.v, "{model}", "m")); p.v != "" && err != nil {
			return bad(p.name, fmt.Sprintf("%s=%q is not a URL path (%v): write a path such as /health, with %%25 for a %% sign", p.name, p.v, errors.Unwrap(err)))
		}
	}
	return nil
}

// browserEndpoints is ROMAINE_BROWSER_URL split into its endpoints.
func (c *Config) browserEndpoints() []string {
	var out []string
	for _, e := range strings.Split(c.BrowserURL, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// String is the one line printed at the start of a run.
func (c Config) String() string {
	return fmt.Sprintf("romaine: features=%s workers=%d format=%s %s",
		strings.Join(c.Features, ","), c.Workers, c.Format, strings.TrimPrefix(c.appLine(), "romaine: "))
}

// appLine is the part of String that the godog command does not override.
func (c Config) appLine() string {
	app := "app=in-process"
	switch {
	case c.AppCmd != "":
		app = fmt.Sprintf("app-cmd=%q", c.AppCmd)
	case c.AppURL != "":
		app = "app-url=" + c.AppURL
	}
	if c.ResetPath != "" {
		app += " reset=" + c.ResetPath
	}
	if c.Seed != 0 {
		app += fmt.Sprintf(" seed=%d", c.Seed)
	}
	line := fmt.Sprintf("romaine: %s timeout=%s artifacts=%s", app, c.Timeout, c.Artifacts)
	if c.ConfigFile != "" {
		line += " config=" + c.ConfigFile
	}
	return line
}

// ConfigError is a setting that cannot work; the run stops before any browser starts.
type ConfigError struct {
	Setting string // the environment variable at fault, e.g. ROMAINE_BASE_PORT
	Message string // what is wrong and what would be right
}

// Error reads "romaine: configuration: MESSAGE".
func (e *ConfigError) Error() string { return "romaine: configuration: " + e.Message }

// validateSchedule checks the settings of order, shards, retries and progress.
func (c *Config) validateSchedule() error {
	bad := func(setting string, err error) error { return &ConfigError{Setting: setting, Message: err.Error()} }
	if _, err := schedule.ParseOrder(c.Order); err != nil {
		return bad("ROMAINE_ORDER", err)
	}
	if _, _, err := schedule.ParseShard(c.Shard); err != nil {
		return bad("ROMAINE_SHARD", err)
	}
	switch {
	case c.Retries < 0:
		return bad("ROMAINE_RETRIES", fmt.Errorf("ROMAINE_RETRIES=%d: it must be 0 (no retries) or more", c.Retries))
	case c.Timings == "":
		return bad("ROMAINE_TIMINGS", fmt.Errorf("ROMAINE_TIMINGS is empty: set it to a file path, e.g. .romaine/timings.json"))
	}
	switch strings.ToLower(strings.TrimSpace(c.Progress)) {
	case "auto", "live", "plain", "off":
	default:
		return bad("ROMAINE_PROGRESS", fmt.Errorf("ROMAINE_PROGRESS=%q: use auto (a live line on a terminal, a plain line every few seconds elsewhere), live, plain or off", c.Progress))
	}
	return nil
}
