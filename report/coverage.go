package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"

	messages "github.com/cucumber/messages/go/v34"
)

// CoverageMediaType is a run's coverage totals (ROMAINE_COVERAGE), a JSON
// Coverage attached to the run itself (the attachment names the run, not a
// test case): the messages report carries them, the HTML report shows them.
const CoverageMediaType = "application/x.romaine.coverage+json"

// Coverage is what the reports show of a run's coverage; the files
// themselves are in Dir (docs/coverage.md).
type Coverage struct {
	Dir         string         `json:"dir"`                   // ROMAINE_COVERAGE
	Go          *CoverageRatio `json:"go,omitempty"`          // the app's Go statements
	JSLines     *CoverageRatio `json:"jsLines,omitempty"`     // the page's JavaScript, by line
	JSFunctions *CoverageRatio `json:"jsFunctions,omitempty"` // and by function
	JSBranches  *CoverageRatio `json:"jsBranches,omitempty"`  // and by V8 block
	Routes      *CoverageRatio `json:"routes,omitempty"`      // the app's routes reached (given a list)
	// RoutesRequested is how many routes (or request patterns) were requested.
	RoutesRequested int `json:"routesRequested"`
	// RoutesSource is the list of the app's routes (ROMAINE_ROUTES), if any.
	RoutesSource string `json:"routesSource,omitempty"`
	// Unreached is the app's routes no scenario reached ("GET /products/{id}").
	Unreached []string `json:"unreached,omitempty"`
	// LeastCovered is the files covered least, Go and JavaScript, lowest first.
	LeastCovered []CoverageFile `json:"leastCovered,omitempty"`
	// Outputs name the files written: what each is, and its path.
	Outputs []CoverageOutput `json:"outputs,omitempty"`
	// Notes say what could not be measured, and why.
	Notes []string `json:"notes,omitempty"`
}

// CoverageRatio is a covered share.
type CoverageRatio struct {
	Covered int     `json:"covered"`
	Total   int     `json:"total"`
	Percent float64 `json:"percent"`
}

// Fraction is Percent as a fraction, for a <meter>.
func (r CoverageRatio) Fraction() string { return fmt.Sprintf("%.4f", r.Percent/100) }

// CoverageFile is one file's share.
type CoverageFile struct {
	Kind string `json:"kind"` // go or js
	Path string `json:"path"`
	CoverageRatio
}

// CoverageOutput is one file coverage wrote.
type CoverageOutput struct {
	What string `json:"what"` // "Go profile", "JavaScript LCOV", ...
	Path string `json:"path"`
}

// WithCoverage returns envs with c attached to their run, before the run's
// end (TestRunFinished); envs are one run's (Recorder.Envelopes).
func WithCoverage(envs []*messages.Envelope, c *Coverage) []*messages.Envelope {
	if c == nil {
		return envs
	}
	runID := ""
	for _, e := range envs {
		if e.TestRunStarted != nil {
			runID = e.TestRunStarted.Id
			break
		}
	}
	body, err := json.Marshal(c)
	if err != nil {
		return envs // our own type always encodes
	}
	note := &messages.Envelope{Attachment: &messages.Attachment{Body: string(body), ContentEncoding: messages.AttachmentContentEncoding_IDENTITY,
		MediaType: CoverageMediaType, FileName: "coverage.json", TestRunStartedId: runID}}
	at := len(envs)
	if at > 0 && envs[at-1].TestRunFinished != nil {
		at--
	}
	return slices.Insert(slices.Clone(envs), at, note)
}

// runNote reads an attachment of the run itself; it reports whether a was one.
func runNote(run *Run, a *messages.Attachment) bool {
	if a.TestCaseStartedId != "" || a.TestRunStartedId == "" {
		return false
	}
	if a.MediaType == CoverageMediaType {
		var c Coverage
		if err := json.Unmarshal([]byte(a.Body), &c); err == nil {
			run.Coverage = append(run.Coverage, &c)
		}
	}
	return true
}

// The HTML report's coverage section is a template block of its own.
//
//go:embed coverage.html.tmpl
var coverageHTML string

func init() {
	template.Must(htmlTemplate.Parse(coverageHTML))
}
