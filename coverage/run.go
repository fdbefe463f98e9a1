package coverage

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/romaine-bdd/romaine/report"
)

// What a run writes in its folder (ROMAINE_COVERAGE=DIR):
//
//	summary.txt, summary.json   the totals (the reports carry summary.json's)
//	go/coverage.out             the app's Go code: a text profile (go tool cover reads it)
//	go/summary.txt              statements covered by package
//	go/coverage.html            go tool cover -html's view
//	go/merged/                  the workers' raw data merged (go tool covdata)
//	app/worker-N/               each worker's app's own folder (GOCOVERDIR, ROMAINE_COVERAGE_DIR)
//	js/lcov.info                the page's JavaScript, LCOV
//	js/coverage-final.json      the same, Istanbul JSON
//	js/sources/                 scripts the run served but found no file of
//	routes.txt, routes.json     the routes, those never reached first
//
// Each run starts by removing these (and only these) from DIR.
var ownEntries = []string{"summary.txt", "summary.json", "go", "app", "js", "routes.txt", "routes.json"}

// Options say where a run's coverage goes and what it reads.
type Options struct {
	Dir    string     // ROMAINE_COVERAGE
	Routes *RouteList // the app's routes (ROMAINE_ROUTES), or nil
	// Root is where the page's scripts are looked for as files (the
	// repository, the run's working folder); "" is the working folder.
	Root string
}

// Run is one run's coverage.
type Run struct {
	dir       string // absolute
	root      string
	Collector *Collector

	mu      sync.Mutex
	goProf  *GoProfile
	goFrom  string            // where the profile came from, for the summary
	outputs map[string]string // what -> path
	notes   []string
}

// NewRun readies DIR for a run: it makes it and removes what an earlier run
// wrote there.
func NewRun(opts Options) (*Run, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("the coverage folder %s cannot be made (%v): set ROMAINE_COVERAGE to a folder you can write", opts.Dir, err)
	}
	for _, e := range ownEntries {
		if err := os.RemoveAll(filepath.Join(dir, e)); err != nil {
			return nil, fmt.Errorf("clearing the coverage folder %s: %w", dir, err)
		}
	}
	root := opts.Root
	if root == "" {
		root = "."
	}
	return &Run{dir: dir, root: root, Collector: NewCollector(NewJS(), NewRoutes(opts.Routes)), outputs: map[string]string{}}, nil
}

// Dir is the run's coverage folder, absolute.
func (r *Run) Dir() string { return r.dir }

// WorkerDir is worker index's folder for its app's own coverage data (made).
func (r *Run) WorkerDir(index int) (string, error) {
	d := filepath.Join(r.dir, "app", fmt.Sprintf("worker-%d", index))
	return d, os.MkdirAll(d, 0o755)
}

// Note adds a line to the summary: what could not be measured, and why.
func (r *Run) Note(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	msg := fmt.Sprintf(format, args...)
	if !slices.Contains(r.notes, msg) {
		r.notes = append(r.notes, msg)
	}
}

func (r *Run) output(what, path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outputs[what] = path
}

// GoFromWorkers merges the Go coverage data the workers' apps wrote in
// their folders (programs built with go build -cover write it in GOCOVERDIR)
// into one profile, its summary and its HTML view. It reports whether there
// was any. An app that wrote its meta-data but no counters did not exit
// cleanly (it was killed): that is noted.
func (r *Run) GoFromWorkers(ctx context.Context) (bool, error) {
	dirs, _ := filepath.Glob(filepath.Join(r.dir, "app", "worker-*"))
	slices.Sort(dirs)
	var with []string
	for _, d := range dirs {
		switch {
		case !HasCovData(d):
		case !HasCounters(d):
			r.Note("%s has the Go app's meta-data but no counters: the app did not exit cleanly when it was stopped (SIGTERM); make it exit on SIGTERM, or call runtime/coverage.WriteCountersDir", d)
		default:
			with = append(with, d)
		}
	}
	if len(with) == 0 {
		return false, nil
	}
	goDir := filepath.Join(r.dir, "go")
	profile := filepath.Join(goDir, "coverage.out")
	if err := MergeCovData(ctx, with, filepath.Join(goDir, "merged"), profile); err != nil {
		return true, err
	}
	r.output("Go raw data, merged (go tool covdata)", filepath.Join(goDir, "merged"))
	return true, r.GoFromProfile(ctx, profile, fmt.Sprintf("merged from %d workers' apps", len(with)))
}

// GoFromProfile reads a text profile (copied into DIR/go/coverage.out when
// it is elsewhere), and writes its summary and HTML view. The HTML view is
// made from the working folder, where go tool cover must find the app's
// packages; when it cannot, that is noted with the command to run.
func (r *Run) GoFromProfile(ctx context.Context, profile, from string) error {
	goDir := filepath.Join(r.dir, "go")
	if err := os.MkdirAll(goDir, 0o755); err != nil {
		return err
	}
	data, err := os.ReadFile(profile)
	if err != nil {
		return fmt.Errorf("the Go profile: %w", err)
	}
	own := filepath.Join(goDir, "coverage.out")
	if abs, _ := filepath.Abs(profile); abs != own {
		if err := os.WriteFile(own, data, 0o644); err != nil {
			return err
		}
	}
	p, err := ReadGoProfile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("the Go profile %s: %w", profile, err)
	}
	r.mu.Lock()
	r.goProf = p
	r.mu.Unlock()
	r.output("Go profile", own)
	var sum bytes.Buffer
	if err := p.WriteSummary(&sum, from); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(goDir, "summary.txt"), sum.Bytes(), 0o644); err != nil {
		return err
	}
	r.output("Go summary by package", filepath.Join(goDir, "summary.txt"))
	html := filepath.Join(goDir, "coverage.html")
	if err := GoHTML(ctx, own, html, r.root); err != nil {
		r.Note("the Go HTML view could not be made here (%s); from a folder of the app's module, run: go tool cover -html=%s -o %s", firstLine(err.Error()), own, html)
		return nil
	}
	r.output("Go HTML", html)
	return nil
}

func firstLine(s string) string {
	if i := strings.Index(s, "\n"); i >= 0 {
		return strings.TrimSpace(s[:i]) + ": " + strings.TrimSpace(s[i+1:])
	}
	return s
}

// Write writes the page's JavaScript coverage, the routes and the summary,
// and returns the totals for the reports. It may run again (once the Go
// profile of an in-process app is written): it writes the same files anew.
func (r *Run) Write() (*report.Coverage, error) {
	c := &report.Coverage{Dir: r.dir}
	var errs []error
	scripts := r.Collector.JS.Scripts()
	if len(scripts) > 0 {
		if err := r.writeJS(scripts, c); err != nil {
			errs = append(errs, err)
		}
	} else {
		r.Note("no JavaScript of the app's own ran in the pages (scripts served by the app from files of their own)")
	}
	if err := r.writeRoutes(c); err != nil {
		errs = append(errs, err)
	}
	r.mu.Lock()
	if r.goProf != nil {
		t := r.goProf.Total()
		c.Go = &report.CoverageRatio{Covered: t.Covered, Total: t.Total, Percent: t.Percent()}
		module := modulePath(r.root)
		for f, ratio := range r.goProf.Files() {
			if rel, ok := strings.CutPrefix(f, module+"/"); ok && module != "" {
				f = rel // as the repository names it: demo/store.go
			}
			c.LeastCovered = append(c.LeastCovered, fileRatio("go", f, ratio))
		}
	}
	r.mu.Unlock()
	for _, sc := range scripts {
		c.LeastCovered = append(c.LeastCovered, fileRatio("js", r.display(sc.File), linesRatio(sc)))
	}
	c.LeastCovered = leastCovered(c.LeastCovered, 10)
	r.mu.Lock()
	c.Notes = append(slices.Clone(r.notes), r.Collector.Problems()...)
	for _, what := range slices.Sorted(maps.Keys(r.outputs)) {
		c.Outputs = append(c.Outputs, report.CoverageOutput{What: what, Path: r.outputs[what]})
	}
	r.mu.Unlock()
	if err := r.writeSummary(c); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return c, fmt.Errorf("coverage: %w", err)
	}
	return c, nil
}

func (r *Run) writeJS(scripts []*ScriptCoverage, c *report.Coverage) error {
	jsDir := filepath.Join(r.dir, "js")
	if err := os.MkdirAll(jsDir, 0o755); err != nil {
		return err
	}
	if err := Locate(scripts, r.root, filepath.Join(jsDir, "sources"), r.dir); err != nil {
		return err
	}
	var lcov, ist bytes.Buffer
	if err := WriteLCOV(&lcov, scripts); err != nil {
		return err
	}
	if err := WriteIstanbul(&ist, scripts); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"lcov.info": lcov.Bytes(), "coverage-final.json": ist.Bytes()} {
		if err := os.WriteFile(filepath.Join(jsDir, name), b, 0o644); err != nil {
			return err
		}
	}
	r.output("JavaScript LCOV", filepath.Join(jsDir, "lcov.info"))
	r.output("JavaScript Istanbul JSON", filepath.Join(jsDir, "coverage-final.json"))
	var lines, fns, blocks Ratio
	for _, sc := range scripts {
		add := func(t *Ratio, cs []Counted) {
			for _, x := range cs {
				t.Total++
				if x.Count > 0 {
					t.Covered++
				}
			}
		}
		add(&lines, sc.Lines)
		add(&fns, sc.Functions)
		add(&blocks, sc.Blocks)
	}
	c.JSLines, c.JSFunctions, c.JSBranches = ratio(lines), ratio(fns), ratio(blocks)
	return nil
}

func (r *Run) writeRoutes(c *report.Coverage) error {
	t := r.Collector.Routes.Table()
	var text bytes.Buffer
	if err := t.WriteText(&text); err != nil {
		return err
	}
	js, err := json.MarshalIndent(routesJSON(t), "", "  ")
	if err != nil {
		return err
	}
	for name, b := range map[string][]byte{"routes.txt": text.Bytes(), "routes.json": append(js, '\n')} {
		if err := os.WriteFile(filepath.Join(r.dir, name), b, 0o644); err != nil {
			return err
		}
	}
	r.output("Routes", filepath.Join(r.dir, "routes.txt"))
	c.RoutesRequested = len(t.Reached) + len(t.Unlisted)
	if t.Source != "" {
		c.RoutesSource = t.Source
		c.Routes = ratio(Ratio{Covered: len(t.Reached), Total: t.Known()})
		for _, u := range t.Unreached {
			c.Unreached = append(c.Unreached, u.String())
		}
	}
	return nil
}

// display is a file's path for people: relative to the root when under it.
func (r *Run) display(file string) string {
	root, err := filepath.Abs(r.root)
	if err != nil {
		return file
	}
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

func ratio(r Ratio) *report.CoverageRatio {
	return &report.CoverageRatio{Covered: r.Covered, Total: r.Total, Percent: r.Percent()}
}

func fileRatio(kind, path string, r Ratio) report.CoverageFile {
	return report.CoverageFile{Kind: kind, Path: path, CoverageRatio: *ratio(r)}
}

func linesRatio(sc *ScriptCoverage) Ratio {
	var t Ratio
	for _, l := range sc.Lines {
		t.Total++
		if l.Count > 0 {
			t.Covered++
		}
	}
	return t
}

// leastCovered keeps the n files covered least: lowest share first, then
// the one with most left uncovered.
func leastCovered(files []report.CoverageFile, n int) []report.CoverageFile {
	files = slices.DeleteFunc(files, func(f report.CoverageFile) bool { return f.Total == 0 })
	slices.SortFunc(files, func(a, b report.CoverageFile) int {
		return cmp.Or(cmp.Compare(a.Percent, b.Percent), cmp.Compare(b.Total-b.Covered, a.Total-a.Covered), strings.Compare(a.Path, b.Path))
	})
	if len(files) > n {
		files = files[:n]
	}
	return files
}

// modulePath is the module of root's go.mod, or "".
func modulePath(root string) string {
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(m), `"`)
		}
	}
	return ""
}
