package report

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"
)

// feature is one feature file parsed again by the recorder, with IDs of its own
// (prefixed by the run, so shards' records never collide when concatenated).
type feature struct {
	uri     string
	source  *messages.Source
	doc     *messages.GherkinDocument
	pickles []*messages.Pickle
	prefix  string // IDs are prefix + a number counted from 0, as godog counts
	index   *astIndex
	emitted bool
	// emittedPickles are the pickles already in the record.
	emittedPickles map[string]bool
}

// parseFeature reads and parses uri with IDs prefix0, prefix1, ...
func parseFeature(uri, prefix string) (*feature, error) {
	data, err := os.ReadFile(uri)
	if err != nil {
		return nil, err
	}
	n := 0
	next := func() string { id := prefix + strconv.Itoa(n); n++; return id }
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), next)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: %w", uri, err)
	}
	doc.Uri = uri
	return &feature{
		uri:            uri,
		source:         &messages.Source{Uri: uri, Data: string(data), MediaType: messages.SourceMediaType_TEXT_X_CUCUMBER_GHERKIN_PLAIN},
		doc:            doc,
		pickles:        gherkin.Pickles(*doc, uri, next),
		prefix:         prefix,
		index:          indexDocument(doc),
		emittedPickles: map[string]bool{},
	}, nil
}

// match finds this file's own pickle for a pickle godog compiled. godog numbers
// the nodes of every file in the same order as this parse, from a different
// start: the pickle whose IDs are all godog's minus one same offset is the one.
// Non-numeric IDs fall back to the same name and step texts.
func (f *feature) match(g *messages.Pickle) *messages.Pickle {
	num := func(id, prefix string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimPrefix(id, prefix))
		return n, err == nil
	}
	gid, numeric := num(g.Id, "")
	for _, p := range f.pickles {
		if !numeric {
			if p.Name == g.Name && sameTexts(p, g) {
				return p
			}
			continue
		}
		pid, _ := num(p.Id, f.prefix)
		off := gid - pid
		same := func(gids, pids []string) bool {
			if len(gids) != len(pids) {
				return false
			}
			for i := range gids {
				a, ok1 := num(gids[i], "")
				b, ok2 := num(pids[i], f.prefix)
				if !ok1 || !ok2 || a-b != off {
					return false
				}
			}
			return true
		}
		if same(g.AstNodeIds, p.AstNodeIds) && len(g.Steps) == len(p.Steps) {
			return p
		}
	}
	return nil
}

func sameTexts(a, b *messages.Pickle) bool {
	if len(a.Steps) != len(b.Steps) {
		return false
	}
	for i := range a.Steps {
		if a.Steps[i].Text != b.Steps[i].Text {
			return false
		}
	}
	return true
}

// lineSuffix is the :LINE godog appends to the URI of a scenario chosen by line.
var lineSuffix = regexp.MustCompile(`(:\d+)+$`)

// astIndex finds Gherkin nodes by ID: scenarios, steps and example rows.
type astIndex struct {
	feature   *messages.Feature
	scenarios map[string]*messages.Scenario
	steps     map[string]*messages.Step
	rows      map[string]*messages.TableRow
}

func indexDocument(doc *messages.GherkinDocument) *astIndex {
	ix := &astIndex{feature: doc.Feature, scenarios: map[string]*messages.Scenario{}, steps: map[string]*messages.Step{}, rows: map[string]*messages.TableRow{}}
	if doc.Feature == nil {
		return ix
	}
	addSteps := func(steps []*messages.Step) {
		for _, s := range steps {
			ix.steps[s.Id] = s
		}
	}
	addScenario := func(sc *messages.Scenario) {
		ix.scenarios[sc.Id] = sc
		addSteps(sc.Steps)
		for _, ex := range sc.Examples {
			for _, r := range ex.TableBody {
				ix.rows[r.Id] = r
			}
		}
	}
	for _, c := range doc.Feature.Children {
		switch {
		case c.Background != nil:
			addSteps(c.Background.Steps)
		case c.Scenario != nil:
			addScenario(c.Scenario)
		case c.Rule != nil:
			for _, rc := range c.Rule.Children {
				if rc.Background != nil {
					addSteps(rc.Background.Steps)
				}
				if rc.Scenario != nil {
					addScenario(rc.Scenario)
				}
			}
		}
	}
	return ix
}

// line is where a pickle is written: its example row for an outline, else its scenario.
func (ix *astIndex) line(p *messages.Pickle) int64 {
	for i := len(p.AstNodeIds) - 1; i >= 0; i-- {
		if r, ok := ix.rows[p.AstNodeIds[i]]; ok && r.Location != nil {
			return r.Location.Line
		}
		if s, ok := ix.scenarios[p.AstNodeIds[i]]; ok && s.Location != nil {
			return s.Location.Line
		}
	}
	return 0
}
