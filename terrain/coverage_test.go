package terrain_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/coverage"
	"github.com/romaine-bdd/romaine/internal/testenv"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/terrain"
)

// teashop is a small Go web app of the test's own: a page per drink with a
// script, a handler no scenario reaches, and a clean exit on SIGTERM (so a
// build with -cover writes its counters), unless NO_SIGNAL_HANDLER is set.
const teashop = `package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

const brewJS = "document.querySelector('button').addEventListener('click', () => {\n" +
	"  document.querySelector('#out').textContent = 'Brewed: ' + document.body.dataset.drink;\n" +
	"});\n"

func page(w http.ResponseWriter, drink string) {
	fmt.Fprintf(w, "<!doctype html><title>%s</title><link rel=icon href='data:,'><body data-drink=%s><p>A cup of %s</p><button>Brew</button><p id=out></p><script src=/static/brew.js></script>", drink, drink, drink)
}

func tea(w http.ResponseWriter, r *http.Request) {
	page(w, "tea") // TEA
}

func coffee(w http.ResponseWriter, r *http.Request) {
	page(w, "coffee") // COFFEE
}

func never(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, "nobody asks") // NEVER
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ready") })
	mux.HandleFunc("GET /tea", tea)
	mux.HandleFunc("GET /coffee", coffee)
	mux.HandleFunc("GET /never", never)
	mux.HandleFunc("GET /static/brew.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, brewJS)
	})
	srv := &http.Server{Addr: os.Getenv("HOST") + ":" + os.Getenv("PORT"), Handler: mux}
	if os.Getenv("NO_SIGNAL_HANDLER") == "" {
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
		go func() { <-ctx.Done(); srv.Shutdown(context.Background()) }()
	}
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`

// buildTeashop builds the app with go build -cover (-covermode=atomic:
// counts, not only whether a block ran, and a server runs handlers at once) in a folder of its own
// module, and returns the folder and the binary.
func buildTeashop(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{"go.mod": "module example.com/teashop\n\ngo 1.22\n", "main.go": teashop} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-cover", "-covermode=atomic", "-o", "teashop", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build -cover: %v\n%s", err, out)
	}
	return dir, filepath.Join(dir, "teashop")
}

// blockCount is the count of the profile's block on the line of main.go
// that holds mark.
func blockCount(t *testing.T, profile, mark string) int {
	t.Helper()
	line := 0
	for i, l := range strings.Split(teashop, "\n") {
		if strings.Contains(l, "// "+mark) {
			line = i + 1
		}
	}
	data, err := os.ReadFile(profile)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) != 3 || !strings.HasPrefix(f[0], "example.com/teashop/main.go:") {
			continue
		}
		var sl, sc, el, ec int
		if _, err := fmt.Sscanf(strings.TrimPrefix(f[0], "example.com/teashop/main.go:"), "%d.%d,%d.%d", &sl, &sc, &el, &ec); err != nil {
			t.Fatalf("profile line %q: %v", l, err)
		}
		if sl <= line && line <= el {
			var c int
			if _, err := fmt.Sscan(f[2], &c); err != nil {
				t.Fatal(err)
			}
			n += c
		}
	}
	return n
}

// A Go app started by ROMAINE_APP_CMD and built with -cover, at 2 workers,
// gives one profile: each worker's app writes in a GOCOVERDIR of its own,
// is stopped with SIGTERM and exits, and the run merges what they wrote.
// The reports carry the totals.
func TestGoAppCoverageMergedOverWorkers(t *testing.T) {
	appDir, bin := buildTeashop(t)
	features, err := filepath.Abs("testdata/features/teashop.feature")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	dir := filepath.Join(out, "coverage")
	// go tool cover finds the app's sources from a folder of its module.
	t.Chdir(appDir)
	status, printed, s := run(t, map[string]string{"ROMAINE_FEATURES": features, "ROMAINE_APP_CMD": bin, "ROMAINE_WORKERS": "2",
		"ROMAINE_COVERAGE": dir, "ROMAINE_REPORTS": "messages:" + filepath.Join(out, "run.ndjson") + ",html:" + filepath.Join(out, "report.html")}, nil)
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, printed)
	}
	if n := terrain.WorkersStarted(s); n != 2 {
		t.Fatalf("%d workers started, want 2 (4 scenarios, 2 at a time); output:\n%s", n, printed)
	}
	merged := filepath.Join(dir, "go", "coverage.out")
	// Each worker's app wrote its own counters; the merged profile adds them up.
	sum := 0
	for _, w := range []string{"worker-1", "worker-2"} {
		wdir := filepath.Join(dir, "app", w)
		if !coverage.HasCovData(wdir) || !coverage.HasCounters(wdir) {
			t.Fatalf("%s has no Go coverage data and counters; output:\n%s", wdir, printed)
		}
		one := filepath.Join(t.TempDir(), w+".out")
		if out, err := exec.Command("go", "tool", "covdata", "textfmt", "-i="+wdir, "-o="+one).CombinedOutput(); err != nil {
			t.Fatalf("covdata textfmt of %s: %v\n%s", wdir, err, out)
		}
		sum += blockCount(t, one, "TEA") + blockCount(t, one, "COFFEE")
	}
	tea, coffee, never := blockCount(t, merged, "TEA"), blockCount(t, merged, "COFFEE"), blockCount(t, merged, "NEVER")
	if tea != 2 || coffee != 2 || never != 0 {
		t.Errorf("merged profile: tea %d, coffee %d, never %d; want 2, 2, 0 (two scenarios each, in all)", tea, coffee, never)
	}
	if sum != tea+coffee {
		t.Errorf("the workers' own profiles count %d visits, the merged one %d", sum, tea+coffee)
	}
	for _, f := range []string{"go/summary.txt", "go/coverage.html", "js/lcov.info", "routes.txt", "summary.txt"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("no %s: %v; output:\n%s", f, err, printed)
		}
	}
	if !strings.Contains(printed, "romaine: Go ") || !strings.Contains(printed, "coverage written to "+dir) {
		t.Errorf("the run did not print its coverage line; output:\n%s", printed)
	}
	// The reports carry the totals.
	envs, err := report.ReadFiles(filepath.Join(out, "run.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	run := report.Build(envs)
	if len(run.Coverage) != 1 || run.Coverage[0].Go == nil || run.Coverage[0].Go.Total == 0 || run.Coverage[0].JSLines == nil {
		t.Fatalf("the messages report's coverage: %+v, want the Go and JavaScript totals", run.Coverage)
	}
	// Files are named as the repository names them, not by their import path.
	var goFiles []string
	for _, f := range run.Coverage[0].LeastCovered {
		if f.Kind == "go" {
			goFiles = append(goFiles, f.Path)
		}
	}
	if !slices.Equal(goFiles, []string{"main.go"}) {
		t.Errorf("the least-covered Go files are %q, want [main.go] (example.com/teashop/ cut)", goFiles)
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `<section id="coverage"`) || !strings.Contains(string(html), "Go statements") {
		t.Errorf("the HTML report has no coverage section with the Go statements")
	}
}

// An app that does not exit cleanly on SIGTERM writes no counters: the
// summary says what to do.
func TestGoAppKilledWritesNoCounters(t *testing.T) {
	_, bin := buildTeashop(t)
	dir := filepath.Join(t.TempDir(), "coverage")
	status, printed, _ := run(t, map[string]string{"ROMAINE_FEATURES": "testdata/features/teashop.feature:3", "ROMAINE_APP_CMD": "NO_SIGNAL_HANDLER=1 exec " + bin,
		"ROMAINE_COVERAGE": dir}, nil)
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, printed)
	}
	summary, err := os.ReadFile(filepath.Join(dir, "summary.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(summary), "the app did not exit cleanly when it was stopped (SIGTERM); make it exit on SIGTERM, or call runtime/coverage.WriteCountersDir") {
		t.Errorf("summary.txt does not say why the app's counters are missing:\n%s", summary)
	}
	if _, err := os.Stat(filepath.Join(dir, "go", "coverage.out")); err == nil {
		t.Errorf("a profile was written without counters")
	}
}

// profilerApp serves a page with a script of its own.
func profilerApp() terrain.Option {
	return terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) {
		mux := http.NewServeMux()
		mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<!doctype html><title>Shop</title><link rel="icon" href="data:,"><p id="out"></p><script src="/app.js"></script>`)
		})
		mux.HandleFunc("GET /app.js", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, "document.querySelector('#out').textContent = 'Ready';\n")
		})
		return mux, nil, nil
	}})
}

// profilerState says whether the page's Profiler domain is enabled and its
// precise coverage started. An enabled Profiler reports console.profile()
// (Profiler.consoleProfileStarted) on the page's session before the
// console.log that follows it: that log ends the probe, no wait needed. The
// probe reads the raw event stream: rod's EachEvent would enable the domain.
func profilerState(ctx context.Context, sc *terrain.Scenario) (enabled, precise bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	rp := sc.Page.Rod()
	msgs := rp.Browser().Context(ctx).Event()
	evaluated := make(chan error, 1)
	go func() {
		_, err := rp.Context(ctx).Eval(`() => { console.profile("romaine-probe"); console.profileEnd("romaine-probe"); console.log("romaine-probe-done") }`)
		evaluated <- err
	}()
	done := false
	for m := range msgs {
		if m.SessionID != rp.SessionID {
			continue
		}
		switch m.Method {
		case "Profiler.consoleProfileStarted":
			enabled = true
		case "Runtime.consoleAPICalled":
			var e proto.RuntimeConsoleAPICalled
			done = m.Load(&e) && len(e.Args) > 0 && e.Args[0].Value.Str() == "romaine-probe-done"
		}
		if done {
			break
		}
	}
	if err := <-evaluated; err != nil || !done {
		return enabled, false, fmt.Errorf("probing the profiler: the probe's log never came (%v)", err)
	}
	_, takeErr := proto.ProfilerTakePreciseCoverage{}.Call(rp)
	if takeErr != nil && !strings.Contains(takeErr.Error(), "Precise coverage has not been started") {
		return enabled, false, takeErr
	}
	return enabled, takeErr == nil, nil
}

// Coverage off costs nothing: the page's Profiler is neither enabled nor
// taking coverage, whether the page is recorded for the step film
// (ROMAINE_TRACE's default) or not at all. On, it is both, on the same
// recorder the film uses, or on one of its own with the film off.
func TestCoverageOffEnablesNoProfiler(t *testing.T) {
	for _, c := range []struct {
		coverage  bool
		trace     string
		recording bool
	}{
		{false, "off", false},
		{false, "", true}, // the film's recorder, retain-on-failure
		{true, "off", true},
		{true, "on", true},
	} {
		var seen string
		step := func(sc *godog.ScenarioContext) {
			sc.Step(`^the page's profiler is as the run wants it$`, func(ctx context.Context) error {
				scn, err := terrain.FromContext(ctx)
				if err != nil {
					return err
				}
				enabled, precise, err := profilerState(ctx, scn)
				seen = fmt.Sprintf("recording %v, Profiler enabled %v, precise coverage %v", scn.Recording != nil, enabled, precise)
				return err
			})
		}
		env := map[string]string{"ROMAINE_FEATURES": "testdata/features/profiler.feature", "ROMAINE_TRACE": c.trace}
		if c.coverage {
			env["ROMAINE_COVERAGE"] = filepath.Join(t.TempDir(), "coverage")
		}
		name := fmt.Sprintf("coverage %v, ROMAINE_TRACE=%q", c.coverage, c.trace)
		status, printed, _ := runWith(t, env, []terrain.Option{profilerApp(), terrain.WithSteps(step)}, nil)
		if status != 0 {
			t.Fatalf("%s: status %d; output:\n%s", name, status, printed)
		}
		want := fmt.Sprintf("recording %v, Profiler enabled %v, precise coverage %v", c.recording, c.coverage, c.coverage)
		if seen != want {
			t.Errorf("%s: %s; want %s", name, seen, want)
		}
		if !c.coverage && strings.Contains(printed, "coverage") {
			t.Errorf("%s: the run speaks of coverage:\n%s", name, printed)
		}
	}
}

// docBlock is the first fenced block of lang in docs/coverage.md's section heading.
func docBlock(t *testing.T, heading, lang string) string {
	t.Helper()
	_, block, ok := strings.Cut(testenv.Section(t, "../docs/coverage.md", heading), "```"+lang+"\n")
	if !ok {
		t.Fatalf("docs/coverage.md's %q has no %s block", heading, lang)
	}
	block, _, _ = strings.Cut(block, "```\n")
	return block
}

// pythonWithCoverage is a python3 with coverage.py (Debian: python3-coverage).
func pythonWithCoverage(t *testing.T) string {
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(py); err == nil && exec.Command(p, "-m", "coverage", "--version").Run() == nil {
			return p
		}
	}
	t.Skip("no python3 with coverage.py (apt-get install python3-coverage)")
	return ""
}

// The docs' recipe for a Python app: coverage.py under ROMAINE_APP_CMD, its
// data in each worker's folder, combined after the run.
func TestPythonAppCoverageAsDocumented(t *testing.T) {
	py := pythonWithCoverage(t)
	dir := t.TempDir()
	app := docBlock(t, "## A Python app", "python") + `
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Shop(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path in ("/tea", "/coffee"):
            drink = self.path[1:]
            body = "<!doctype html><title>%s</title><p>A cup of %s</p><button>Brew</button><p id=out></p>" % (drink, drink)
        elif self.path == "/":
            body = "ready"
        elif self.path == "/never":
            body = never()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def never():
    return "nobody asks"  # NEVER


ThreadingHTTPServer((os.environ["HOST"], int(os.environ["PORT"])), Shop).serve_forever()
`
	for name, content := range map[string]string{"app.py": app, ".coveragerc": docBlock(t, "## A Python app", "ini")} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	features, err := filepath.Abs("testdata/features/teashop.feature")
	if err != nil {
		t.Fatal(err)
	}
	cov := filepath.Join(t.TempDir(), "coverage")
	t.Chdir(dir)
	status, printed, _ := run(t, map[string]string{"ROMAINE_FEATURES": features + ":8 " + features + ":17", "ROMAINE_WORKERS": "2",
		"ROMAINE_APP_CMD": "exec " + py + " -m coverage run app.py", "ROMAINE_COVERAGE": cov}, nil)
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, printed)
	}
	workers, _ := filepath.Glob(filepath.Join(cov, "app", "worker-*"))
	if len(workers) != 2 {
		t.Fatalf("worker folders %q, want 2", workers)
	}
	args := append([]string{"-m", "coverage", "combine"}, workers...)
	if out, err := exec.Command(py, args...).CombinedOutput(); err != nil {
		t.Fatalf("coverage combine: %v\n%s", err, out)
	}
	out, err := exec.Command(py, "-m", "coverage", "report", "--show-missing").CombinedOutput()
	if err != nil {
		t.Fatalf("coverage report: %v\n%s", err, out)
	}
	// app.py's missing lines: never()'s body, and nothing of the pages.
	neverLine := 0
	for i, l := range strings.Split(app, "\n") {
		if strings.Contains(l, "# NEVER") {
			neverLine = i + 1
		}
	}
	var row string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "app.py") {
			row = l
		}
	}
	if row == "" || !strings.HasSuffix(row, fmt.Sprint(neverLine)) || strings.Contains(row, "100%") {
		t.Errorf("coverage.py's row for app.py is %q, want only line %d (never's body) missing:\n%s", row, neverLine, out)
	}
	if !strings.Contains(printed, "the app wrote no Go coverage data") && !strings.Contains(string(mustRead(t, filepath.Join(cov, "summary.txt"))), "the app wrote no Go coverage data") {
		t.Errorf("summary.txt does not say the app wrote no Go coverage")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Coverage settings that cannot work stop the run before any browser starts.
func TestCoverageSettingsChecked(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "routes.txt")
	if err := os.WriteFile(bad, []byte("GET /a\nproducts/{id}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"ROMAINE_ROUTES": "openapi.yaml", "ROMAINE_COVERAGE": ""}, `ROMAINE_ROUTES="openapi.yaml" without ROMAINE_COVERAGE: the routes no scenario reached are written with the rest of the coverage; set ROMAINE_COVERAGE to a folder`},
		{map[string]string{"ROMAINE_ROUTES": bad, "ROMAINE_COVERAGE": t.TempDir()}, `line 2: "products/{id}" is not a route: write METHOD /path or /path, e.g. GET /products/{id}`},
		{map[string]string{"ROMAINE_ROUTES": filepath.Join(t.TempDir(), "none.yaml"), "ROMAINE_COVERAGE": t.TempDir()}, "the routes cannot be read"},
		{map[string]string{"ROMAINE_COVERAGE": "/proc/romaine-coverage", "ROMAINE_ROUTES": ""}, `ROMAINE_COVERAGE="/proc/romaine-coverage": the coverage folder /proc/romaine-coverage cannot be made`},
	} {
		status, printed, _ := runWith(t, c.env, []terrain.Option{profilerApp()}, nil)
		if status != 2 || !strings.Contains(printed, c.want) || strings.Contains(printed, "Chrome") {
			t.Errorf("%v: status %d, want 2 and a message with %q before any browser; output:\n%s", c.env, status, c.want, printed)
		}
	}
}
