package terrain

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/report"
)

func TestInterpolate(t *testing.T) {
	vals := map[string]string{"product.name": "black sweater", "alice.email": "alice@example.com"}
	lookup := func(ref string) (string, error) {
		if v, ok := vals[ref]; ok {
			return v, nil
		}
		return "", errors.New("cannot look up " + ref + ": unknown")
	}
	cases := []struct{ reason, in, want, wantErr string }{
		{"no references is untouched", "plain text", "plain text", ""},
		{"one reference", "Buy {{product.name}} now", "Buy black sweater now", ""},
		{"spaces inside braces are allowed", "{{ alice.email }}", "alice@example.com", ""},
		{"several references", "{{alice.email}}/{{product.name}}", "alice@example.com/black sweater", ""},
		{"an unknown reference is an error", "{{bob.email}}", "", "cannot look up bob.email: unknown"},
	}
	for _, c := range cases {
		got, _, err := interpolate(c.in, lookup)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%s: error %v, want %q", c.reason, err, c.wantErr)
			}
			if got != c.in {
				t.Errorf("%s: on error the text must come back unchanged, got %q", c.reason, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: interpolate(%q) = %q, %v; want %q", c.reason, c.in, got, err, c.want)
		}
	}
}

// What each reference became is kept, as written (spaces inside the braces
// too), for the report to show beside the step.
func TestInterpolateSaysWhatEachReferenceBecame(t *testing.T) {
	lookup := func(ref string) (string, error) { return map[string]string{"a.x": "1", "b.y": "two"}[ref], nil }
	_, got, err := interpolate("{{ a.x }} and {{b.y}} and {{a.x}}", lookup)
	want := []report.Resolution{{Written: "{{ a.x }}", Value: "1"}, {Written: "{{b.y}}", Value: "two"}, {Written: "{{a.x}}", Value: "1"}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("interpolate resolved %v, %v; want %v", got, err, want)
	}
}
