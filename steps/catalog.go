package steps

import (
	"regexp"
	"sort"
	"strings"
)

// Doc describes one step: the phrase as STEPS.md writes it, what it does, and an
// example line. The reference docs/steps.md is generated from these, so a step
// cannot be added without its documentation.
type Doc struct {
	Area    string // Navigation, Actions, ...
	Phrase  string // e.g. `When I click "LOCATOR"`
	What    string // one or two sentences
	Example string // a line as it would appear in a feature file
	Expr    string // the regular expression registered with godog
}

// registrar is what registration needs of *godog.ScenarioContext, so the same
// code can also fill the catalogue.
type registrar interface {
	Step(expr, stepFunc interface{})
}

// catalogue records docs instead of registering handlers.
type catalogue struct{ docs []Doc }

func (c *catalogue) Step(interface{}, interface{}) {}

// def registers one step with its doc.
func def(r registrar, d Doc, expr string, handler any) {
	if c, ok := r.(*catalogue); ok {
		d.Expr = expr
		c.docs = append(c.docs, d)
		return
	}
	r.Step(expr, handler)
}

// Catalog lists every core step with its documentation, in registration order.
func Catalog() []Doc {
	c := &catalogue{}
	registerAll(c)
	return c.docs
}

var (
	quoted = regexp.MustCompile(`"[^"]*"`)
	digits = regexp.MustCompile(`\b\d+\b`)
)

// shape reduces a step to its words: quoted arguments become "", numbers N.
func shape(s string) []string {
	s = quoted.ReplaceAllString(s, `""`)
	s = digits.ReplaceAllString(s, "N")
	return strings.Fields(strings.ToLower(s))
}

// Suggest returns the phrases of up to three core steps close to text (an
// undefined step), nearest first: a typo in a word, a missing or extra word.
func Suggest(text string) []string {
	want := shape(text)
	type cand struct {
		line       string
		dist, char int
	}
	var cands []cand
	for _, d := range Catalog() {
		// Compare with the example's shape: it has the words of the phrase with
		// real arguments in place.
		ex, _, _ := strings.Cut(d.Example, "\n") // the step line, not its table
		if i := strings.Index(ex, " "); i > 0 {
			ex = ex[i+1:] // drop the Given/When/Then keyword
		}
		got := shape(ex)
		dist := wordDistance(want, got)
		if dist <= max(1, len(want)/3) {
			// Ties go to the closest spelling: "clik" is nearer "click" than "clear".
			char := editDistance([]rune(strings.Join(want, " ")), []rune(strings.Join(got, " ")))
			cands = append(cands, cand{d.Phrase, dist, char})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].char < cands[j].char
	})
	var out []string
	seen := map[string]bool{}
	for _, c := range cands {
		if !seen[c.line] && len(out) < 3 {
			seen[c.line] = true
			out = append(out, c.line)
		}
	}
	return out
}

// wordDistance is the edit distance between two lists of words.
func wordDistance(a, b []string) int { return editDistance(a, b) }

// editDistance is Levenshtein's distance between two sequences.
func editDistance[T comparable](a, b []T) int {
	d := make([]int, len(b)+1)
	for j := range d {
		d[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := d[0]
		d[0] = i
		for j := 1; j <= len(b); j++ {
			cur := d[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[j] = min(d[j]+1, d[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return d[len(b)]
}
