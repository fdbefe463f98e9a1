package steps_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/steps"
)

// The reference is generated; this fails when a step or its words changed and
// the file was not regenerated.
func TestReferenceIsCurrent(t *testing.T) {
	var want bytes.Buffer
	if err := steps.WriteReference(&want); err != nil {
		t.Fatalf("WriteReference: %v", err)
	}
	got, err := os.ReadFile("../docs/steps.md")
	if err != nil {
		t.Fatalf("docs/steps.md is stale: run  go run ./cmd/romaine-docs > docs/steps.md\n(%v)", err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("docs/steps.md is stale: run  go run ./cmd/romaine-docs > docs/steps.md\n(-generated +docs/steps.md):\n%s", cmp.Diff(want.String(), string(got)))
	}
}

// keyword is how every example (and phrase) starts.
var keyword = regexp.MustCompile(`^(Given|When|Then) `)

// exampleStep is an example's first line without its keyword, {{...}} left as
// is: the text godog matches against the step's expression.
func exampleStep(d steps.Doc) string {
	first, _, _ := strings.Cut(d.Example, "\n")
	return keyword.ReplaceAllString(strings.TrimSpace(first), "")
}

// Every documented step is documented, and its example is a valid step: it
// matches the step's own expression, so the reference never shows a line that
// would be undefined.
func TestEveryStepHasAWorkingExample(t *testing.T) {
	docs := steps.Catalog()
	if len(docs) == 0 {
		t.Fatal("steps.Catalog() is empty")
	}
	phrases := map[string]bool{}
	for _, d := range docs {
		name := d.Phrase
		if name == "" {
			name = d.Expr
		}
		if d.Area == "" || d.Phrase == "" || d.What == "" || d.Example == "" || d.Expr == "" {
			t.Errorf("%s: Area, Phrase, What, Example and Expr must all be set: %+v", name, d)
			continue
		}
		if phrases[d.Phrase] {
			t.Errorf("%s is documented twice", d.Phrase)
		}
		phrases[d.Phrase] = true
		if !keyword.MatchString(d.Phrase) || !keyword.MatchString(d.Example) {
			t.Errorf("%s: the phrase and the example must start with Given, When or Then: %q", name, d.Example)
		}
		re, err := regexp.Compile(d.Expr)
		if err != nil {
			t.Errorf("%s: the expression does not compile: %v", name, err)
			continue
		}
		step := exampleStep(d)
		if !re.MatchString(step) {
			t.Errorf("%s: the example %q does not match the step's expression %s", name, step, d.Expr)
		}
		// The reference says a scoped step may end with either scope: so it may.
		if strings.Contains(d.Expr, `(?: within`) {
			for _, scope := range []string{` within "#main"`, ` within the "li" containing "{{product.name}}"`} {
				if !re.MatchString(step + scope) {
					t.Errorf("%s: %q does not match the step's expression %s", name, step+scope, d.Expr)
				}
			}
		}
	}
}

// An example that another step's expression also matched would run whichever
// step godog found first, so each example must match its own step only.
func TestExamplesAreUnambiguous(t *testing.T) {
	docs := steps.Catalog()
	for i, d := range docs {
		step := exampleStep(d)
		for j, other := range docs {
			if i != j && regexp.MustCompile(other.Expr).MatchString(step) {
				t.Errorf("the example of %s, %q, also matches %s (%s)", d.Phrase, step, other.Phrase, other.Expr)
			}
		}
	}
}

// A "\n" written inside the reference's raw-string prose reached readers as a
// literal backslash and n; the reference shows none outside its patterns.
func TestReferenceShowsNoEscapedNewline(t *testing.T) {
	var out bytes.Buffer
	if err := steps.WriteReference(&out); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(out.String(), "\n") {
		if strings.Contains(line, `\n`) && !strings.HasPrefix(line, "- Pattern:") {
			t.Errorf("docs/steps.md line %d shows a literal \\n: %s", i+1, line)
		}
	}
}
