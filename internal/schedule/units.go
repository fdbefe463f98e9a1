// Package schedule is what a Romaine run plans before godog runs a scenario and
// remembers after: the scenarios the paths and tags select (units), their
// remembered durations (the timings file), their order, this shard's share,
// the predicted wall time, and what each attempt of each scenario did (for
// retries and the flaky list). The terrain package drives it; the romaine
// command merges shards' timings with it.
package schedule

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

// Unit is what Romaine schedules: one scenario of a feature file, as godog
// selects it with the path FILE:LINE. A Scenario Outline is one unit with all
// its examples (godog cannot select a single example by line).
type Unit struct {
	File    string // slash-separated, as the feature paths name it
	Line    int64  // the scenario's line
	Title   string // the scenario's title as written (an outline's, unexpanded); a repeated title gets " (2)", ...
	Key     string // the timings key: file and title
	Steps   string // hash of the steps as written, to recognise a renamed scenario
	Pickles int    // how many scenarios godog runs for it (examples of an outline)

	Predicted time.Duration // its remembered duration, or the median of the known ones
	Timed     bool          // Predicted comes from the timings, not the median
}

// Path is FILE:LINE, the godog path that runs just this unit.
func (u *Unit) Path() string { return fmt.Sprintf("%s:%d", u.File, u.Line) }

// featureLine is the :LINE suffixes of a godog path.
var featureLine = regexp.MustCompile(`(:\d+)+$`)

// StripLines is a godog path without its :LINE suffixes (file.feature:12 is file.feature).
func StripLines(path string) string { return featureLine.ReplaceAllString(path, "") }

// Discover lists the units that paths and tags select, in file order, using
// godog's own parser and tag filter, so exactly what godog would run.
func Discover(paths []string, tags string) ([]*Unit, error) {
	units, _, err := discover(paths, tags)
	return units, err
}

// discover is Discover, with the unit of each scenario godog will run, by pickleID.
func discover(paths []string, tags string) ([]*Unit, map[string]*Unit, error) {
	opts := godog.Options{Paths: paths, Tags: tags}
	features, err := godog.TestSuite{Options: &opts}.RetrieveFeatures()
	if err != nil {
		return nil, nil, err
	}
	var units []*Unit
	seen, byID := map[string]*Unit{}, map[string]*Unit{}
	for _, ft := range features {
		file := cleanURI(ft.Uri)
		titles := map[string]int{}
		for _, p := range ft.Pickles {
			sc := ft.FindScenario(p.AstNodeIds[0])
			if sc == nil {
				continue
			}
			at := fmt.Sprintf("%s:%d", file, sc.Location.Line)
			if u := seen[at]; u != nil {
				u.Pickles++
				byID[pickleID(file, p)] = u
				continue
			}
			title := sc.Name
			if titles[sc.Name]++; titles[sc.Name] > 1 {
				title = fmt.Sprintf("%s (%d)", sc.Name, titles[sc.Name])
			}
			u := &Unit{File: file, Line: sc.Location.Line, Title: title, Key: file + ": " + title, Steps: stepsHash(sc.Steps), Pickles: 1}
			seen[at] = u
			byID[pickleID(file, p)] = u
			units = append(units, u)
		}
	}
	return units, byID, nil
}

// cleanURI is a feature URI without godog's :LINE suffix, slash-separated.
func cleanURI(uri string) string {
	return filepath.ToSlash(filepath.Clean(StripLines(uri)))
}

// keyTitle is the title part of a timings key ("FILE: TITLE").
func keyTitle(key string) string {
	if _, title, ok := strings.Cut(key, ".feature: "); ok {
		return title
	}
	return key
}

func stepsHash(steps []*messages.Step) string {
	h := sha256.New()
	for _, st := range steps {
		fmt.Fprintf(h, "%s%s\n", strings.TrimSpace(st.Keyword), st.Text)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Catalog finds the unit of a running godog scenario. godog gives a hook the
// pickle, which carries its file and line (the scenario's, or an example
// row's), so the pickle is found by them in a parse of its file (cached): this
// works whatever paths godog was given, under go test and the godog command alike.
type Catalog struct {
	mu    sync.Mutex
	files map[string]map[string]*Unit // file -> file -> pickleID -> unit
	units map[string]*Unit            // "file:line" -> unit, shared with the plan
}

// NewCatalog makes a catalog in which the planned units (with their
// predictions) stand for their scenarios.
func NewCatalog(planned []*Unit) *Catalog {
	c := &Catalog{files: map[string]map[string]*Unit{}, units: map[string]*Unit{}}
	for _, u := range planned {
		c.units[u.Path()] = u
	}
	return c
}

// Find returns the unit of godog's scenario p.
func (c *Catalog) Find(p *messages.Pickle) (*Unit, error) {
	file := cleanURI(p.Uri)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, parsed := c.files[file]; !parsed {
		_, byID, err := discover([]string{file}, "")
		if err != nil {
			return nil, err
		}
		for id, u := range byID {
			// The planned unit (its prediction, its count of selected examples) wins.
			if planned := c.units[u.Path()]; planned != nil {
				byID[id] = planned
			} else {
				c.units[u.Path()] = u
			}
		}
		c.files[file] = byID
	}
	u := c.files[file][pickleID(file, p)]
	if u == nil {
		return nil, fmt.Errorf("scenario %q is not in %s as it is now", p.Name, file)
	}
	return u, nil
}

// pickleID is a pickle's identity within its file: its line (a scenario's, or
// an outline's example row's). A pickle without a location (none of godog's)
// falls back to its name and steps.
func pickleID(file string, p *messages.Pickle) string {
	if p.Location != nil {
		return fmt.Sprintf("%s:%d", file, p.Location.Line)
	}
	var b strings.Builder
	b.WriteString(file + "\x02" + p.Name)
	for _, st := range p.Steps {
		b.WriteString("\x00" + st.Text)
		if a := st.Argument; a != nil && a.DataTable != nil {
			for _, r := range a.DataTable.Rows {
				for _, c := range r.Cells {
					b.WriteString("\x01" + c.Value)
				}
			}
		} else if a != nil && a.DocString != nil {
			b.WriteString("\x01" + a.DocString.Content)
		}
	}
	return b.String()
}
