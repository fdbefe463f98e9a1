package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// build is one line of thirdparty/builds.txt: a TodoMVC build and how it is
// served, or why it is skipped, and the scenarios expected to fail with why.
type build struct {
	Name  string
	Test  bool              // in make test's small set
	Serve string            // folder served as /, relative to the build's folder
	Links map[string]string // name beside the served files -> path relative to the build's folder
	Skip  string            // why the feature cannot apply; "" for a build that runs
	Fails map[int]string    // scenario number (1-based) -> why it is expected to fail
}

// readBuilds reads the builds file; an error names the line and says what
// would be right.
func readBuilds(path string) ([]*build, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseBuilds(f, path)
}

func parseBuilds(r io.Reader, path string) ([]*build, error) {
	var builds []*build
	byName := map[string]*build{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", path, n)
		verb, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch verb {
		case "run", "skip":
			var b *build
			var err error
			if verb == "run" {
				b, err = parseRun(rest)
			} else {
				b, err = parseSkip(rest)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %v", where, err)
			}
			if byName[b.Name] != nil {
				return nil, fmt.Errorf("%s: build %q is listed twice; one run or skip line per build", where, b.Name)
			}
			byName[b.Name] = b
			builds = append(builds, b)
		case "fail":
			name, scenarios, why, err := parseFail(rest)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", where, err)
			}
			b := byName[name]
			if b == nil || b.Skip != "" {
				return nil, fmt.Errorf("%s: fail line for %q, which has no run line above it; write its run line first", where, name)
			}
			for _, s := range scenarios {
				if b.Fails[s] != "" {
					return nil, fmt.Errorf("%s: scenario %d of %q already has a fail line", where, s, name)
				}
				b.Fails[s] = why
			}
		default:
			return nil, fmt.Errorf("%s: %q: want a line starting with run, skip or fail (or # for a comment)", where, line)
		}
	}
	return builds, sc.Err()
}

func parseRun(rest string) (*build, error) {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return nil, fmt.Errorf("run with no build name: want run NAME [test] [serve=FOLDER] [link=NAME:PATH]")
	}
	b := &build{Name: f[0], Serve: ".", Links: map[string]string{}, Fails: map[int]string{}}
	for _, opt := range f[1:] {
		k, v, _ := strings.Cut(opt, "=")
		switch {
		case opt == "test":
			b.Test = true
		case k == "serve" && v != "":
			b.Serve = v
		case k == "link":
			name, target, ok := strings.Cut(v, ":")
			if !ok || name == "" || target == "" || strings.Contains(name, "/") {
				return nil, fmt.Errorf("%q: want link=NAME:PATH, e.g. link=bower_components:bower_components", opt)
			}
			b.Links[name] = target
		default:
			return nil, fmt.Errorf("run %s: unknown option %q: want test, serve=FOLDER or link=NAME:PATH", b.Name, opt)
		}
	}
	return b, nil
}

func parseSkip(rest string) (*build, error) {
	name, why, ok := strings.Cut(rest, ":")
	name, why = strings.TrimSpace(name), strings.TrimSpace(why)
	if !ok || name == "" || strings.Contains(name, " ") || why == "" {
		return nil, fmt.Errorf("%q: want skip NAME: WHY", "skip "+rest)
	}
	return &build{Name: name, Skip: why}, nil
}

func parseFail(rest string) (string, []int, string, error) {
	head, why, ok := strings.Cut(rest, ":")
	f := strings.Fields(head)
	if !ok || len(f) != 2 || strings.TrimSpace(why) == "" {
		return "", nil, "", fmt.Errorf("%q: want fail NAME SCENARIOS: WHY, e.g. fail polymer 1-8: engine: ...", "fail "+rest)
	}
	// why keeps its own "build:" or "engine:" prefix: the cut above took the first colon only.
	whyText := strings.TrimSpace(why)
	if !strings.HasPrefix(whyText, "build") && !strings.HasPrefix(whyText, "engine") {
		return "", nil, "", fmt.Errorf("fail %s: the reason %q must start with build: (the build's markup or behaviour) or engine: (ours, in the in-page engine)", f[0], whyText)
	}
	s, err := parseScenarios(f[1])
	if err != nil {
		return "", nil, "", fmt.Errorf("fail %s: %v", f[0], err)
	}
	return f[0], s, whyText, nil
}

// parseScenarios reads "2,4-6" as [2 4 5 6].
func parseScenarios(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(lo)
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || a < 1 || b < a {
			return nil, fmt.Errorf("scenarios %q: want numbers from 1 and ranges, comma separated, e.g. 2,4-6", s)
		}
		for i := a; i <= b; i++ {
			out = append(out, i)
		}
	}
	return out, nil
}

// checkScenarios makes sure every fail line names a scenario the feature has.
func checkScenarios(builds []*build, scenarios []string) error {
	for _, b := range builds {
		for n := range b.Fails {
			if n > len(scenarios) {
				return fmt.Errorf("build %s: a fail line names scenario %d; the feature has %d", b.Name, n, len(scenarios))
			}
		}
	}
	return nil
}

// served is the folder a build is served from: its own folder, or, when it
// needs a different root or extra links, a folder of links made under stage.
func (b *build) served(examples, stage string) (string, error) {
	root, err := filepath.Abs(filepath.Join(examples, b.Name))
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, b.Serve)
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return "", fmt.Errorf("build %s: no index.html to serve in %s (is the package fetched? scripts/thirdparty.sh fetches it): %v", b.Name, dir, err)
	}
	if len(b.Links) == 0 {
		return dir, nil
	}
	out := filepath.Join(stage, b.Name)
	if err := os.RemoveAll(out); err != nil {
		return "", err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range ents {
		if err := os.Symlink(filepath.Join(dir, e.Name()), filepath.Join(out, e.Name())); err != nil {
			return "", err
		}
	}
	names := make([]string, 0, len(b.Links))
	for n := range b.Links {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		target := filepath.Join(root, b.Links[n])
		if _, err := os.Stat(target); err != nil {
			return "", fmt.Errorf("build %s: link %s:%s: %v", b.Name, n, b.Links[n], err)
		}
		if err := os.Symlink(target, filepath.Join(out, n)); err != nil {
			return "", fmt.Errorf("build %s: link %s: %v (a file of that name is already served)", b.Name, n, err)
		}
	}
	return out, nil
}

// featureScenarios lists the feature's scenario names in order.
func featureScenarios(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, l := range strings.Split(string(b), "\n") {
		if name, ok := strings.CutPrefix(strings.TrimSpace(l), "Scenario:"); ok {
			names = append(names, strings.TrimSpace(name))
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s has no Scenario: lines", path)
	}
	return names, nil
}

// checkListed makes sure every build the package has is in the builds file,
// run or skipped with a reason, and that the file names no build it lacks.
func checkListed(builds []*build, examples string) error {
	ents, err := os.ReadDir(examples)
	if err != nil {
		return fmt.Errorf("reading the package's builds (scripts/thirdparty.sh fetches it): %v", err)
	}
	listed := map[string]bool{}
	for _, b := range builds {
		listed[b.Name] = true
	}
	var missing []string
	for _, e := range ents {
		if e.IsDir() && !listed[e.Name()] {
			missing = append(missing, e.Name())
		}
		delete(listed, e.Name())
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s has builds the builds file does not list: %s; add a run or skip line for each", examples, strings.Join(missing, ", "))
	}
	for n := range listed {
		return fmt.Errorf("the builds file lists %q, which %s does not have", n, examples)
	}
	return nil
}
