package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// The hunt's verdict in the HTML report (a template block of its own, shown
// after the summary) and in JUnit (a test suite of its own).

//go:embed hunt.html.tmpl
var huntHTML string

var _ = template.Must(htmlTemplate.Parse(huntHTML))

// huntSuite is the verdict as a JUnit test suite, "flake hunt": a test case
// per hunted scenario, failed when any of its attempts failed, with the
// verdict's lines in its output; the whole table in the suite's output.
func huntSuite(h *Hunt) junitSuite {
	js := junitSuite{Name: "flake hunt", Tests: len(h.Scenarios), Time: "0.000"}
	for _, s := range h.Scenarios {
		jc := junitCase{Name: s.Scenario.Title(), Classname: "flake hunt", File: s.Scenario.URI, Line: strconv.FormatInt(s.Scenario.Line, 10), Time: "0.000"}
		var out strings.Builder
		fmt.Fprintf(&out, "%s: %d of %d attempts failed\n", s.Verdict, len(s.Failures), s.Attempts)
		writeHunted(&out, s)
		if len(s.Failures) > 0 {
			js.Failures++
			msg := fmt.Sprintf("%s: %d of %d attempts failed", s.Verdict, len(s.Failures), s.Attempts)
			if s.Culprit != nil {
				msg += "; broke it most: " + s.Culprit.String()
			}
			jc.Failure = &junitFailure{Message: msg, Type: "flaky", Text: out.String()}
		}
		jc.SystemOut = out.String()
		js.Cases = append(js.Cases, jc)
	}
	var all strings.Builder
	h.WriteText(&all)
	js.SystemOut = all.String()
	return js
}
