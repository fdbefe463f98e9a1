package steps_test

import (
	"fmt"
	"net/http"
	"testing"
)

// A doc string is taken as written, as docs/steps.md says: its \" reached
// the page as a bare quote (the three doc-string steps read it as a quoted
// argument), so a JSON value lost its escapes.
func TestDocStringsKeepTheirEscapes(t *testing.T) {
	page := `<!doctype html><title>Notes</title>
<label>Notes <textarea id="n" oninput="hint.textContent = this.value.includes('\\&quot;') ? 'the notes hold an escaped quote' : 'no escaped quote'"></textarea></label>
<p id="hint"></p><button onclick="shown.textContent = n.value">Show the notes</button><pre id="shown"></pre>`
	app := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	if status, out := runFeature(t, "doc_strings.feature", map[string]string{"ROMAINE_TIMEOUT": "2s"}, app); status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
}
