package stepdefs_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/steps"
)

// featuresDir is the project's feature suite, seen from this package.
const featuresDir = ".."

// knownGaps are the core phrases no feature of the suite uses yet, because the
// demo store has nothing a natural scenario could use them on. Each says why and
// which small addition to the demo would let a scenario use the phrase. The
// list may only shrink, and is empty now: every core phrase is used by some
// feature. TestEveryCoreStepIsUsed fails when a listed phrase is used after all
// (take it off the list) or is no longer in the catalogue.
var knownGaps = []struct {
	phrase string // exactly as steps.Catalog() writes it
	reason string
}{}

// stepUse is one step of one scenario, as godog will run it.
type stepUse struct {
	text  string
	table [][]string // the data table under the step, if any
	doc   string     // the doc string under the step, if any
	where string     // file:line
}

// A step's scope and its {{name.field}} references are forms of a phrase, not
// phrases of their own; the suite must show each of these at least once too.
var (
	withinScope     = regexp.MustCompile(`" within "[^"]*"$`)
	containingScope = regexp.MustCompile(`" within the "[^"]*" containing "[^"]*"$`)
	quotedReference = regexp.MustCompile(`"[^"]*\{\{[^{}]+\.[^{}]+\}\}[^"]*"`)
	reference       = regexp.MustCompile(`\{\{[^{}]+\.[^{}]+\}\}`)
)

var requiredForms = []struct {
	name string
	uses func(stepUse) bool
}{
	{`the scope  within "LOCATOR"`, func(s stepUse) bool { return withinScope.MatchString(s.text) }},
	{`the scope  within the "SELECTOR" containing "TEXT"`, func(s stepUse) bool { return containingScope.MatchString(s.text) }},
	{`a {{name.field}} reference in a quoted argument`, func(s stepUse) bool { return quotedReference.MatchString(s.text) }},
	{`a {{name.field}} reference in a table cell`, func(s stepUse) bool {
		for _, row := range s.table {
			for _, cell := range row {
				if reference.MatchString(cell) {
					return true
				}
			}
		}
		return false
	}},
	{`a {{name.field}} reference in a doc string`, func(s stepUse) bool { return reference.MatchString(s.doc) }},
}

// TestEveryCoreStepIsUsed checks that every phrase of the core vocabulary is
// used by at least one step of the project's own features, so that each is run
// against the demo store, or is a known gap with a reason.
func TestEveryCoreStepIsUsed(t *testing.T) {
	uses := readSteps(t, featuresDir)
	catalog := steps.Catalog()

	inCatalog := map[string]bool{}
	for _, d := range catalog {
		inCatalog[d.Phrase] = true
	}
	gaps := map[string]string{}
	for _, g := range knownGaps {
		if !inCatalog[g.phrase] {
			t.Errorf("knownGaps lists %q, which is not a phrase of steps.Catalog(); correct or remove it", g.phrase)
		}
		if strings.TrimSpace(g.reason) == "" {
			t.Errorf("knownGaps lists %q without a reason", g.phrase)
		}
		gaps[g.phrase] = g.reason
	}

	var unused []string
	for _, d := range catalog {
		t.Run(d.Phrase, func(t *testing.T) {
			re, err := regexp.Compile(d.Expr)
			if err != nil {
				t.Fatalf("the expression of %q does not compile: %v", d.Phrase, err)
			}
			var by []string
			for _, u := range uses {
				if re.MatchString(u.text) {
					by = append(by, u.where)
				}
			}
			reason, isGap := gaps[d.Phrase]
			switch {
			case len(by) > 0 && isGap:
				t.Errorf("%q is used now (%s) but is still in knownGaps: take it off the list", d.Phrase, strings.Join(first(by, 3), ", "))
			case len(by) > 0:
				t.Logf("used %d times, first at %s", len(by), by[0])
			case isGap:
				t.Skipf("known gap: %s", reason)
			default:
				unused = append(unused, fmt.Sprintf("  %s   (e.g. %s)", d.Phrase, strings.ReplaceAll(d.Example, "\n", " ")))
				t.Errorf("no step of any feature uses %q", d.Phrase)
			}
		})
	}
	if len(unused) > 0 {
		t.Errorf("%d core phrase(s) are used by no feature (features/**/*.feature); write a scenario that uses each, or list it in knownGaps with the reason:\n%s",
			len(unused), strings.Join(unused, "\n"))
	}
}

// TestEveryStepFormIsUsed checks the forms that cut across phrases: both scopes
// and {{name.field}} references where the vocabulary allows them.
func TestEveryStepFormIsUsed(t *testing.T) {
	uses := readSteps(t, featuresDir)
	var core []*regexp.Regexp
	for _, d := range steps.Catalog() {
		core = append(core, regexp.MustCompile(d.Expr))
	}
	isCore := func(s stepUse) bool {
		for _, re := range core {
			if re.MatchString(s.text) {
				return true
			}
		}
		return false
	}
	for _, f := range requiredForms {
		t.Run(f.name, func(t *testing.T) {
			for _, u := range uses {
				if isCore(u) && f.uses(u) {
					t.Logf("used at %s", u.where)
					return
				}
			}
			t.Errorf("no core step of any feature uses %s", f.name)
		})
	}
}

// TestKnownGapsAreSorted keeps the allow-list in catalogue order, so that a
// reader can compare it with docs/steps.md. The list is empty now, so the
// check is also run on lists made for it: sorted, out of order, and naming a
// phrase the catalogue lacks (which once counted as the first phrase, so the
// check could never fail).
func TestKnownGapsAreSorted(t *testing.T) {
	catalog := steps.Catalog()
	var listed []string
	for _, g := range knownGaps {
		listed = append(listed, g.phrase)
	}
	if problem := outOfCatalogOrder(listed, catalog); problem != "" {
		t.Errorf("knownGaps: %s", problem)
	}
	first, second := catalog[0].Phrase, catalog[1].Phrase
	for _, c := range []struct {
		reason string
		list   []string
		fails  bool
	}{
		{"in catalogue order", []string{first, second}, false},
		{"out of order", []string{second, first}, true},
		{"a phrase not in the catalogue", []string{"When I dance", second}, true},
	} {
		if got := outOfCatalogOrder(c.list, catalog) != ""; got != c.fails {
			t.Errorf("%s: %q reported %v, want %v", c.reason, c.list, got, c.fails)
		}
	}
}

// outOfCatalogOrder says what is wrong with phrases, which must be phrases
// of catalog in its order ("" when nothing is).
func outOfCatalogOrder(phrases []string, catalog []steps.Doc) string {
	order := map[string]int{}
	for i, d := range catalog {
		order[d.Phrase] = i
	}
	last := -1
	for _, p := range phrases {
		i, ok := order[p]
		switch {
		case !ok:
			return fmt.Sprintf("%q is not a phrase of steps.Catalog()", p)
		case i < last:
			return fmt.Sprintf("%q comes before %q in steps.Catalog(); keep the list in its order", p, catalog[last].Phrase)
		}
		last = i
	}
	return ""
}

// readSteps parses every .feature file under dir with the Gherkin parser godog
// uses and returns the steps of its pickles: backgrounds included, outlines
// expanded, keywords dropped.
func readSteps(t *testing.T, dir string) []stepUse {
	t.Helper()
	var uses []stepUse
	files := 0
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".feature") {
			return err
		}
		files++
		shown := path // as the suite names it: features/x.feature
		if rel, err := filepath.Rel(dir, path); err == nil {
			shown = filepath.ToSlash(filepath.Join("features", rel))
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		newID := (&messages.Incrementing{}).NewId
		doc, err := gherkin.ParseGherkinDocument(f, newID)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		lines := stepLines(doc)
		for _, p := range gherkin.Pickles(*doc, path, newID) {
			for _, s := range p.Steps {
				u := stepUse{text: s.Text, where: shown}
				if len(s.AstNodeIds) > 0 {
					u.where = fmt.Sprintf("%s:%d", shown, lines[s.AstNodeIds[0]])
				}
				if a := s.Argument; a != nil {
					if a.DocString != nil {
						u.doc = a.DocString.Content
					}
					if a.DataTable != nil {
						for _, r := range a.DataTable.Rows {
							var row []string
							for _, c := range r.Cells {
								row = append(row, c.Value)
							}
							u.table = append(u.table, row)
						}
					}
				}
				uses = append(uses, u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading the features: %v", err)
	}
	if files == 0 || len(uses) == 0 {
		t.Fatalf("found no feature files with steps under %s", dir)
	}
	return uses
}

// stepLines maps each step's id in the document to its line.
func stepLines(doc *messages.GherkinDocument) map[string]int64 {
	lines := map[string]int64{}
	add := func(ss []*messages.Step) {
		for _, s := range ss {
			lines[s.Id] = s.Location.Line
		}
	}
	if doc.Feature == nil {
		return lines
	}
	for _, c := range doc.Feature.Children {
		switch {
		case c.Background != nil:
			add(c.Background.Steps)
		case c.Scenario != nil:
			add(c.Scenario.Steps)
		case c.Rule != nil:
			for _, rc := range c.Rule.Children {
				if rc.Background != nil {
					add(rc.Background.Steps)
				}
				if rc.Scenario != nil {
					add(rc.Scenario.Steps)
				}
			}
		}
	}
	return lines
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
