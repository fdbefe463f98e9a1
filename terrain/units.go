package terrain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
)

// unit is what Romaine schedules: one scenario of a feature file, as godog
// selects it with the path FILE:LINE. A Scenario Outline is one unit with all
// its examples (godog cannot select a single example by line).
type unit struct {
	file    string // slash-separated, as the feature paths name it
	line    int64
	title   string // the scenario's title as written (an outline's, unexpanded)
	key     string // the timings key: file and title
	steps   string // hash of the steps as written, to recognise a renamed scenario
	pickles int    // how many scenarios godog runs for it (examples of an outline)

	predicted time.Duration
	timed     bool // predicted comes from the timings, not the median
}

func (u *unit) path() string { return fmt.Sprintf("%s:%d", u.file, u.line) }

// discover lists the units that paths and tags select, in file order, using
// godog's own parser and tag filter, so exactly what godog would run; and the
// unit of each scenario godog will run, by pickleSignature.
func discover(paths []string, tags string) ([]*unit, map[string]*unit, error) {
	opts := godog.Options{Paths: paths, Tags: tags}
	features, err := godog.TestSuite{Options: &opts}.RetrieveFeatures()
	if err != nil {
		return nil, nil, err
	}
	var units []*unit
	seen, bySig := map[string]*unit{}, map[string]*unit{}
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
				u.pickles++
				bySig[file+"\x02"+pickleSignature(p)] = u
				continue
			}
			title := sc.Name
			if titles[sc.Name]++; titles[sc.Name] > 1 {
				title = fmt.Sprintf("%s (%d)", sc.Name, titles[sc.Name])
			}
			u := &unit{file: file, line: sc.Location.Line, title: title, key: file + ": " + title, steps: stepsHash(sc.Steps), pickles: 1}
			seen[at] = u
			bySig[file+"\x02"+pickleSignature(p)] = u
			units = append(units, u)
		}
	}
	return units, bySig, nil
}

// cleanURI is a feature URI without godog's :LINE suffix, slash-separated.
func cleanURI(uri string) string {
	return filepath.ToSlash(filepath.Clean(featureLine.ReplaceAllString(uri, "")))
}

// keyTitle is the title part of a timings key.
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

// catalog finds the unit of a running godog scenario. godog gives a hook the
// pickle, not its line, so the pickle is matched by its name and steps against
// a parse of its file (cached): this works whatever paths godog was given,
// under go test and the godog command alike.
type catalog struct {
	mu    sync.Mutex
	files map[string]map[string]*unit // file -> file and pickle signature -> unit
	units map[string]*unit            // "file:line" -> unit, shared with the plan
}

func newCatalog(planned []*unit) *catalog {
	c := &catalog{files: map[string]map[string]*unit{}, units: map[string]*unit{}}
	for _, u := range planned {
		c.units[u.path()] = u
	}
	return c
}

func (c *catalog) find(gs *godog.Scenario) (*unit, error) {
	file := cleanURI(gs.Uri)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, parsed := c.files[file]; !parsed {
		_, bySig, err := discover([]string{file}, "")
		if err != nil {
			return nil, err
		}
		for sig, u := range bySig {
			// The planned unit (its prediction, its count of selected examples) wins.
			if planned := c.units[u.path()]; planned != nil {
				bySig[sig] = planned
			} else {
				c.units[u.path()] = u
			}
		}
		c.files[file] = bySig
	}
	u := c.files[file][file+"\x02"+pickleSignature(gs)]
	if u == nil {
		return nil, fmt.Errorf("scenario %q is not in %s as it is now", gs.Name, file)
	}
	return u, nil
}

func pickleSignature(p *messages.Pickle) string {
	var b strings.Builder
	b.WriteString(p.Name)
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
