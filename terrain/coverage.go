package terrain

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/coverage"
	"github.com/romaine-bdd/romaine/report"
)

// Coverage (ROMAINE_COVERAGE=DIR, docs/coverage.md): the page's JavaScript
// and the routes through the page's recorder (coverage.Collector), and the
// app's Go code as the app runs:
//   - an app started by ROMAINE_APP_CMD gets a folder of its own per worker,
//     in GOCOVERDIR (a Go program built with go build -cover writes there)
//     and ROMAINE_COVERAGE_DIR (for another language's tool); it is stopped
//     with SIGTERM and given appStopGrace to exit, and the Go data of every
//     worker is merged at the end;
//   - an in-process app (HandlerApp) is measured by the test binary itself,
//     built with go test -cover -coverpkg=...; the testing package writes
//     its profile only once every test has run, so Suite.Main, the suite's
//     TestMain, finishes it after m.Run.

// coverageState is the run's coverage.
type coverageState struct {
	run       *coverage.Run
	inProcess bool   // the app is a HandlerApp
	profile   string // in-process: where the test binary writes its Go profile
	command   bool   // the app is a CommandApp

	mu       sync.Mutex
	summary  *report.Coverage
	coverpkg sync.Once
}

// coverageSettings are ROMAINE_COVERAGE and ROMAINE_ROUTES; str binds a string field.
func coverageSettings(str func(f func(c *Config) *string) (func(*Config) string, func(*Config, string) error)) []setting {
	g, s := str(func(c *Config) *string { return &c.Coverage })
	cov := setting{env: "ROMAINE_COVERAGE", flag: "coverage", usage: "folder for the coverage of the app's Go code, the page's JavaScript and the routes", get: g, set: s}
	g, s = str(func(c *Config) *string { return &c.Routes })
	routes := setting{env: "ROMAINE_ROUTES", flag: "routes", usage: "the app's routes, for coverage: its OpenAPI document (.yaml, .json) or a list, one a line (GET /products/{id})", get: g, set: s}
	return []setting{cov, routes}
}

// validateCoverage checks the coverage settings together; the routes file
// itself is read as the run prepares.
func (c *Config) validateCoverage() error {
	if c.Routes != "" && c.Coverage == "" {
		return &ConfigError{Setting: "ROMAINE_ROUTES", Message: fmt.Sprintf("ROMAINE_ROUTES=%q without ROMAINE_COVERAGE: the routes no scenario reached are written with the rest of the coverage; set ROMAINE_COVERAGE to a folder, e.g. ROMAINE_COVERAGE=coverage", c.Routes)}
	}
	return nil
}

// prepareCoverage readies the coverage folder and the app for coverage.
func (s *Suite) prepareCoverage() error {
	if s.cfg.Coverage == "" {
		return nil
	}
	var list *coverage.RouteList
	if s.cfg.Routes != "" {
		var err error
		if list, err = coverage.ReadRoutes(s.cfg.Routes); err != nil {
			return &ConfigError{Setting: "ROMAINE_ROUTES", Message: fmt.Sprintf("ROMAINE_ROUTES=%q: %v", s.cfg.Routes, err)}
		}
	}
	run, err := coverage.NewRun(coverage.Options{Dir: s.cfg.Coverage, Routes: list})
	if err != nil {
		return &ConfigError{Setting: "ROMAINE_COVERAGE", Message: fmt.Sprintf("ROMAINE_COVERAGE=%q: %v", s.cfg.Coverage, err)}
	}
	st := &coverageState{run: run}
	s.coverage = st
	routes := ""
	if list != nil {
		routes = fmt.Sprintf(", %d routes of %s", len(list.Routes), s.cfg.Routes)
	}
	fmt.Fprintf(s.out, "romaine: coverage of the app, the page's JavaScript and the routes%s goes to %s\n", routes, run.Dir())
	s.consumers = append(s.consumers, run.Collector.Consumer())
	switch app := s.app.(type) {
	case CommandApp:
		st.command = true
		app.env = func(w *Worker) ([]string, error) {
			dir, err := run.WorkerDir(w.Index)
			return []string{"GOCOVERDIR=" + dir, "ROMAINE_COVERAGE_DIR=" + dir}, err
		}
		s.app = app
	case URLApp:
		s.coverageWarn("the app at ROMAINE_APP_URL is not started by the run, so its own code is not measured (its own coverage tool may); the page's JavaScript and the routes are")
	case HandlerApp:
		st.inProcess = true
		s.prepareInProcessCoverage(st)
	}
	return nil
}

// prepareInProcessCoverage checks that the test binary measures the
// in-process app, and names where its profile will be written.
func (s *Suite) prepareInProcessCoverage(st *coverageState) {
	command := "go test -cover -coverpkg=./... -run '^TestFeatures$' . (-coverpkg names the app's packages)"
	if !testing.Testing() || testing.CoverMode() == "" {
		s.coverageWarn(fmt.Sprintf("the in-process app's Go code is not measured: this test binary (%s) was built without coverage. Run the suite with %s; the page's JavaScript and the routes are measured all the same", filepath.Base(os.Args[0]), command))
		return
	}
	f := flag.Lookup("test.coverprofile")
	if f == nil {
		s.coverageWarn("the in-process app's Go code is not measured: this binary has no -test.coverprofile flag")
		return
	}
	if f.Value.String() == "" {
		own := filepath.Join(st.run.Dir(), "go", "coverage.out")
		err := os.MkdirAll(filepath.Dir(own), 0o755)
		if err == nil {
			err = f.Value.Set(own)
		}
		if err != nil {
			s.coverageWarn(fmt.Sprintf("the in-process app's Go profile has nowhere to go: %v", err))
			return
		}
	}
	st.profile = f.Value.String()
	if !s.viaMain {
		s.coverageWarn(fmt.Sprintf("the test binary writes the in-process app's Go profile to %s as it exits, after the run: for its summary by package, its HTML view and its figures in the reports, make the suite's TestMain Suite.Main: func TestMain(m *testing.M) { os.Exit(suite.Main(m)) }", st.profile))
	}
	// -coverpkg left out measures only the package under test: once the first
	// app has answered, instrumented code must have run.
	s.hooks.beforeWorker = append(s.hooks.beforeWorker, func(context.Context, *Worker) error {
		st.coverpkg.Do(func() {
			if testing.Coverage() == 0 {
				s.coverageWarn("the in-process app has answered, but no code built with coverage has run: the app's packages are not measured. Name them with -coverpkg: " + command)
			}
		})
		return nil
	})
}

// coverageWarn prints a note on the run's coverage at once and keeps it for
// the summary.
func (s *Suite) coverageWarn(msg string) {
	fmt.Fprintln(s.errOut, "romaine: ROMAINE_COVERAGE: "+msg)
	if s.coverage != nil {
		s.coverage.run.Note("%s", msg)
	}
}

// coverageBudget bounds the work of go tool covdata and go tool cover at the end.
const coverageBudget = 2 * time.Minute

// finishCoverage writes the run's coverage once the workers have stopped.
func (s *Suite) finishCoverage() {
	st := s.coverage
	if st == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), coverageBudget)
	defer cancel()
	switch {
	case st.command:
		found, err := st.run.GoFromWorkers(ctx)
		if err != nil {
			s.coverageWarn(fmt.Sprintf("merging the Go coverage of the workers' apps: %v", err))
		} else if !found {
			st.run.Note("the app wrote no Go coverage data in %s (GOCOVERDIR): a Go app must be built with go build -cover; an app in another language may write its own tool's data there (ROMAINE_COVERAGE_DIR, docs/coverage.md)", filepath.Join(st.run.Dir(), "app", "worker-N"))
		}
	case st.inProcess && st.profile != "" && !s.viaMain:
		st.run.Note("the in-process app's Go profile is written to %s as the test binary exits, after this summary and the reports: make the suite's TestMain Suite.Main to have it in them", st.profile)
	}
	s.writeCoverage()
}

// writeCoverage writes the coverage files and prints the line that sums them up.
func (s *Suite) writeCoverage() {
	st := s.coverage
	c, err := st.run.Write()
	st.mu.Lock()
	st.summary = c
	st.mu.Unlock()
	if err != nil {
		fmt.Fprintln(s.errOut, "romaine:", err)
	}
	fmt.Fprintln(s.out, coverage.Line(c))
}

// coverageSummary is the totals the reports carry (nil without coverage).
func (s *Suite) coverageSummary() *report.Coverage {
	if s.coverage == nil {
		return nil
	}
	s.coverage.mu.Lock()
	defer s.coverage.mu.Unlock()
	return s.coverage.summary
}

// Main runs the test binary's tests, then finishes what only their end
// allows: the in-process app's Go coverage (ROMAINE_COVERAGE under go test
// -cover), whose profile the testing package writes once every test has run.
// Then the coverage files and the reports are written again, with the Go
// figures. Make it the suite's TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(suite.Main(m)) }
//
// Without coverage it is m.Run.
func (s *Suite) Main(m interface{ Run() int }) int {
	s.viaMain = true
	code := m.Run()
	st := s.coverage
	if st == nil || st.profile == "" {
		return code
	}
	ctx, cancel := context.WithTimeout(context.Background(), coverageBudget)
	defer cancel()
	if err := st.run.GoFromProfile(ctx, st.profile, "the in-process app, by go test -cover"); err != nil {
		fmt.Fprintln(s.errOut, "romaine: ROMAINE_COVERAGE: the in-process app's Go profile:", err)
	}
	s.writeCoverage()
	if err := s.writeReports(); err != nil {
		fmt.Fprintln(s.errOut, "romaine: writing reports:", err)
	}
	return code
}
