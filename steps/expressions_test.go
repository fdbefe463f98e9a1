package steps

import (
	"regexp"
	"strings"
	"testing"
)

// q is a quoted argument: any characters but a double quote, which is written
// \" inside it. A backslash before anything else is itself, even a last one
// ("C:\"), so arguments written before \" existed read as they did.
const q = `"((?:[^"\\]|\\.)*\\?)"`

// scopeRE is the optional scope every locator step may end with:
//
//	within "LOCATOR"
//	within the "SELECTOR" containing "TEXT"
const scopeRE = `(?: within ` + q + `| within the ` + q + ` containing ` + q + `)?`

// The expressions are literals (editors read them there), so each spells a
// quoted argument and a scope out again: each spelling must be q's and
// scopeRE's exactly, or one step would read quotes or scopes differently.
func TestExpressionsSpellArgumentsOneWay(t *testing.T) {
	for _, d := range Catalog() {
		rest := strings.ReplaceAll(d.Expr, scopeRE, "")
		if strings.Contains(rest, scopeGroup) {
			t.Errorf("%s: the scope is not spelt as the other steps spell it:\n%s\nwant %s", d.Phrase, d.Expr, scopeRE)
		}
		rest = strings.ReplaceAll(rest, q, "")
		// The factory steps' record NAME, and their not-a-quote words.
		rest = strings.ReplaceAll(strings.ReplaceAll(rest, `"([^"]*)"`, ""), `[^"]`, "")
		if strings.Contains(rest, `"`) {
			t.Errorf("%s: a quoted argument is not spelt as the other steps spell it:\n%s\nwant %s", d.Phrase, d.Expr, q)
		}
	}
	// The test itself: a step with a scope and quotes does use both.
	if click := regexp.MustCompile(`^I click ` + q + scopeRE + `$`).String(); !strings.Contains(catalogExprs(), click) {
		t.Errorf("the click step is not %s", click)
	}
}

func catalogExprs() string {
	var all []string
	for _, d := range Catalog() {
		all = append(all, d.Expr)
	}
	return strings.Join(all, "\n")
}

// Every registration has exactly one Doc (its example matches that step's
// expression and no other's), and every Doc is some registration's.
func TestCatalogPairsEveryStepWithOneDoc(t *testing.T) {
	for _, u := range catalog().unpaired {
		t.Errorf("a registered step without exactly one Doc: %s", u)
	}
	used := map[string]bool{}
	for _, d := range Catalog() {
		used[d.Phrase] = true
	}
	for _, d := range documented {
		if !used[d.Phrase] {
			t.Errorf("%s is documented, but its example %q matches no registered step", d.Phrase, exampleStep(d))
		}
	}
	if len(documented) != len(Catalog()) {
		t.Errorf("%d Docs for %d registered steps", len(documented), len(Catalog()))
	}
}
