package steps_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// The table of  When I fill in the following:  is one step, with the one
// limit of a step: each row once had a whole limit of its own, so a table
// of three rows could take three times as long. Here the fields become
// enabled 1.2 s apart: rows on clocks of their own (2 s each) all pass,
// rows on the step's one clock of 2 s cannot.
func TestAFillInTableHasOneDeadline(t *testing.T) {
	page := `<!doctype html><title>Form</title>
<label>First <input disabled id="f1"></label> <label>Second <input disabled id="f2"></label> <label>Third <input disabled id="f3"></label>
<script>[f1, f2, f3].forEach((f, i) => setTimeout(() => { f.disabled = false; }, 1200 * (i + 1)));</script>`
	app := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	status, out := runFeature(t, "fill_table.feature", map[string]string{"ROMAINE_TIMEOUT": "2s"}, app)
	if status == 0 || !strings.Contains(out, "timed out after 2s waiting to fill in") {
		t.Errorf("status %d; want the step failed by its one limit of 2s; output:\n%s", status, out)
	}
}
