package jsonvalue

import (
	"encoding/json"
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
