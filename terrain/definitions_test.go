package terrain

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cucumber/godog"
)

func orderShipped(context.Context, string) error { return nil }

// "Did you mean" looks among every registered step, domain steps included:
// the suggester is given each registration's expression, in order.
func TestSuggestionsSeeEveryRegisteredStep(t *testing.T) {
	domain := func(sc *godog.ScenarioContext) { sc.Step(`^the order for (\S+) ships$`, orderShipped) }
	core := func(sc *godog.ScenarioContext) { sc.Step(`^I wait$`, func() error { return nil }) }
	var got []string
	var out bytes.Buffer
	s := New(WithSteps(core, domain), WithOutput(&out), WithSuggestions(func(text string, defined []string) []string {
		got = defined
		return []string{"the order for ... ships"}
	}))
	s.didYouMean("the order for alice shipped")
	if want := []string{`^I wait$`, `^the order for (\S+) ships$`}; !slices.Equal(got, want) {
		t.Errorf("the suggester was given %q, want %q", got, want)
	}
	if !strings.Contains(out.String(), "did you mean:\n    the order for ... ships") {
		t.Errorf("the suggestion was not printed:\n%s", out.String())
	}
}
