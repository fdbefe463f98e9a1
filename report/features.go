package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"
)

// feature is one feature file parsed again by the recorder from the content
// godog parsed, with IDs of its own (prefixed by the run, so shards' records
// never collide when concatenated) and its pickles by line.
type feature struct {
	uri     string
	source  *messages.Source
	doc     *messages.GherkinDocument
	byLine  map[int64]*messages.Pickle // a scenario's line, or an example row's
	emitted bool
	// emittedPickles are the pickles already in the record.
	emittedPickles map[string]bool
}

// parseFeature parses data, the feature file uri, with IDs prefix0, prefix1, ...
func parseFeature(uri string, data []byte, prefix string) (*feature, error) {
	n := 0
	next := func() string { id := prefix + strconv.Itoa(n); n++; return id }
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), next)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: %w", uri, err)
	}
	doc.Uri = uri
	f := &feature{
		uri:            uri,
		source:         &messages.Source{Uri: uri, Data: string(data), MediaType: messages.SourceMediaType_TEXT_X_CUCUMBER_GHERKIN_PLAIN},
		doc:            doc,
		byLine:         map[int64]*messages.Pickle{},
		emittedPickles: map[string]bool{},
	}
	ix := indexDocument(doc)
	for _, p := range gherkin.Pickles(*doc, uri, next) {
		f.byLine[ix.line(p)] = p
	}
	return f, nil
}

// lineSuffix is the :LINE godog appends to the URI of a scenario chosen by line.
var lineSuffix = regexp.MustCompile(`(:\d+)+$`)

// astIndex finds Gherkin nodes by ID: scenarios, steps and example rows.
type astIndex struct {
	scenarios map[string]*messages.Scenario
	steps     map[string]*messages.Step
	rows      map[string]*messages.TableRow
	headers   map[string]*messages.TableRow // an example row's ID → its table's header
}

func newIndex() *astIndex {
	return &astIndex{scenarios: map[string]*messages.Scenario{}, steps: map[string]*messages.Step{},
		rows: map[string]*messages.TableRow{}, headers: map[string]*messages.TableRow{}}
}

func indexDocument(doc *messages.GherkinDocument) *astIndex {
	ix := newIndex()
	ix.add(doc)
	return ix
}

// add indexes the nodes of doc too.
func (ix *astIndex) add(doc *messages.GherkinDocument) {
	if doc.Feature == nil {
		return
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
				ix.headers[r.Id] = ex.TableHeader
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
