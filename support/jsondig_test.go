package support

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestDig(t *testing.T) {
	var doc any
	if err := json.Unmarshal([]byte(`{"items":[{"name":"sweater","price":39.9,"tags":[]},{"name":"scarf","stock":null}],"count":2,"ok":true}`), &doc); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		reason, path, want, wantErr string
	}{
		{"a nested key in an array element", "items.0.name", "sweater", ""},
		{"numbers print without exponent", "items.0.price", "39.9", ""},
		{"whole numbers print as integers", "count", "2", ""},
		{"booleans", "ok", "true", ""},
		{"null", "items.1.stock", "null", ""},
		{"an array prints as JSON", "items.0.tags", "[]", ""},
		{"a missing key names the deepest part and its keys", "items.1.colour", "", `"items.1.colour": items.1 has no key "colour"; its keys: name, stock`},
		{"an index past the end says how long the array is", "items.5.name", "", `"items.5.name": items is an array of 2 element(s), so "5" is not an index of it`},
		{"digging into a scalar says what it is", "count.value", "", `"count.value": count is 2, which has no "value"`},
		{"a missing top-level key", "total", "", `"total": the response has no key "total"; its keys: count, items, ok`},
	}
	for _, c := range cases {
		got, err := Dig(doc, c.path)
		switch {
		case c.wantErr != "" && (err == nil || err.Error() != c.wantErr):
			t.Errorf("%s: Dig(%q) error = %v\nwant %s", c.reason, c.path, err, c.wantErr)
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: Dig(%q): %v", c.reason, c.path, err)
		case c.wantErr == "" && Show(got) != c.want:
			t.Errorf("%s: Dig(%q) = %s, want %s", c.reason, c.path, Show(got), c.want)
		}
	}
}

func TestInterpolate(t *testing.T) {
	vals := map[string]string{"product.name": "black sweater", "alice.email": "alice@example.com"}
	lookup := func(ref string) (string, error) {
		if v, ok := vals[ref]; ok {
			return v, nil
		}
		return "", &LocatorError{Op: "look up", Target: ref, Reason: "unknown"}
	}
	cases := []struct{ reason, in, want, wantErr string }{
		{"no references is untouched", "plain text", "plain text", ""},
		{"one reference", "Buy {{product.name}} now", "Buy black sweater now", ""},
		{"spaces inside braces are allowed", "{{ alice.email }}", "alice@example.com", ""},
		{"several references", "{{alice.email}}/{{product.name}}", "alice@example.com/black sweater", ""},
		{"an unknown reference is an error", "{{bob.email}}", "", "cannot look up bob.email: unknown"},
	}
	for _, c := range cases {
		got, err := Interpolate(c.in, lookup)
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
			t.Errorf("%s: Interpolate(%q) = %q, %v; want %q", c.reason, c.in, got, err, c.want)
		}
	}
}

func TestUnknownStateIsRefusedAtOnce(t *testing.T) {
	p := &Page{policy: DefaultPolicy()}
	err := p.ExpectState(t.Context(), Loc("Save"), "pressed")
	var le *LocatorError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), `unknown state "pressed": use disabled, enabled, checked or unchecked`) {
		t.Fatalf("got %v", err)
	}
}
