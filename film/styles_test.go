package film

import (
	"fmt"
	"strings"
	"testing"
)

// computed gives the computed values of properties of the elements of a
// page, by the element's id.
func computed(t *testing.T, body string) map[string][]string {
	t.Helper()
	srv := serve(t, site{"/": `<!doctype html><html><body>` + body + `</body></html>`})
	p := newPage(t, srv)
	if err := p.Visit(t.Context(), "/"); err != nil {
		t.Fatal(err)
	}
	res, err := snapshotParams().Call(p.Rod())
	if err != nil {
		t.Fatal(err)
	}
	d := res.Documents[0]
	out := map[string][]string{}
	for li, ni := range d.Layout.NodeIndex {
		a := d.Nodes.Attributes[ni]
		for k := 0; k+1 < len(a); k += 2 {
			if res.Strings[a[k]] == "id" {
				var vs []string
				for _, s := range d.Layout.Styles[li] {
					vs = append(vs, res.Strings[s])
				}
				out[res.Strings[a[k+1]]] = vs
			}
		}
	}
	return out
}

// The snapshot's rules leave out what equals a property's initial value:
// the table must hold Chromium's.
func TestInitialValues(t *testing.T) {
	got := computed(t, `<div id="x" style="all: initial; unicode-bidi: initial">x</div>`)["x"]
	for i, p := range properties {
		want := p.initial
		if want == currentColor {
			want = got[colorIndex]
		}
		if got[i] != want {
			t.Errorf("%s: the table says its initial value is %q; Chromium computes %q", p.name, want, got[i])
		}
	}
}

// A form control that keeps the look of its kind is drawn with the
// browser's theme in the snapshot: the table of looks must be Chromium's.
func TestFormControlLooks(t *testing.T) {
	var body strings.Builder
	kinds := []element{{name: "select"}, {name: "button"}, {name: "textarea"}}
	for _, typ := range []string{"checkbox", "radio", "submit", "reset", "button", "text", "search", "email", "password", "tel", "url", "number", "date", "time", "datetime-local", "month", "week"} {
		kinds = append(kinds, element{name: "input", typ: typ})
	}
	for i, e := range kinds {
		if e.name == "input" {
			fmt.Fprintf(&body, `<input id="k%d" type="%s">`, i, e.typ)
		} else {
			fmt.Fprintf(&body, `<%s id="k%d"></%[1]s>`, e.name, i)
		}
	}
	got := computed(t, body.String())
	for i, e := range kinds {
		e.html = true
		st := got[fmt.Sprintf("k%d", i)]
		if st == nil {
			t.Fatalf("%v: not laid out", e)
		}
		w := &doc{}
		if !w.nativeLook(st, e) {
			l, _ := defaultLook(e)
			s := border
			t.Errorf("%s %s: the table's look is %+v; Chromium draws border %s %s %s, background %s, radius %s, appearance %s", e.name, e.typ, l,
				st[s.width], st[s.style], st[s.color], st[backgroundIndex], st[s.radius], st[appearanceIndex])
		}
	}
}
