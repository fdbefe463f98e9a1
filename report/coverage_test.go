package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testCoverage is a run's coverage as terrain notes it.
var testCoverage = &Coverage{
	Dir:          "/ci/coverage",
	Go:           &CoverageRatio{Covered: 648, Total: 913, Percent: 70.97},
	JSLines:      &CoverageRatio{Covered: 544, Total: 591, Percent: 92.05},
	JSFunctions:  &CoverageRatio{Covered: 92, Total: 96, Percent: 95.83},
	JSBranches:   &CoverageRatio{Covered: 70, Total: 102, Percent: 68.63},
	Routes:       &CoverageRatio{Covered: 24, Total: 26, Percent: 92.31},
	RoutesSource: "demo/routes.txt",
	Unreached:    []string{"GET /{$}", "POST /api/sign-out"},
	LeastCovered: []CoverageFile{{Kind: "go", Path: "example.com/shop/<chaos>.go", CoverageRatio: CoverageRatio{Covered: 0, Total: 12}}},
	Outputs:      []CoverageOutput{{What: "Go HTML", Path: "/ci/coverage/go/coverage.html"}},
	Notes:        []string{"the source of /static/deals.js could not be read"},
}

// The coverage totals travel in the messages, attached to the run itself;
// a report built from them (several shards' too) shows them, and the run's
// check against godog's results still agrees.
func TestCoverageInTheReports(t *testing.T) {
	g := newSim(t)
	pickles := g.run("testdata/checkout.feature", 0)
	g.play(pickles[0], "1", -1)
	envs := WithCoverage(g.r.Envelopes(), testCoverage)
	if last := envs[len(envs)-1]; last.TestRunFinished == nil {
		t.Fatalf("the run's last message is %+v, want TestRunFinished after the coverage", last)
	}
	var ndjson bytes.Buffer
	if err := WriteNDJSON(&ndjson, envs); err != nil {
		t.Fatal(err)
	}
	read, err := ReadNDJSON(&ndjson)
	if err != nil {
		t.Fatal(err)
	}
	run := Build(read)
	if len(run.Coverage) != 1 {
		t.Fatalf("%d coverages read back, want 1", len(run.Coverage))
	}
	if diff := cmp.Diff(testCoverage, run.Coverage[0]); diff != "" {
		t.Errorf("coverage read back (-noted +read):\n%s", diff)
	}
	if err := Check(run, g.results, g.r.Problems()); err != nil {
		t.Errorf("the check fails with the coverage noted: %v", err)
	}
	var page bytes.Buffer
	if err := WriteHTML(&page, run); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	for _, want := range []string{
		`<section id="coverage"`,
		`<tr><td>Go statements</td><td><meter min="0" max="1" value="0.7097"></meter></td><td>71.0%</td><td class="meta">648 of 913</td></tr>`,
		`<td>JavaScript branches</td>`, `<td>Routes reached</td>`,
		`<h3>Routes no scenario reached (2)</h3>`, `<li><code>POST /api/sign-out</code></li>`,
		`<code>example.com/shop/&lt;chaos&gt;.go</code>`,
		`the source of /static/deals.js could not be read`,
		`Go HTML: <code>/ci/coverage/go/coverage.html</code>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML report lacks %s", want)
		}
	}
	checkFetchesNothing(t, html) // still one script, nothing fetched
	// Shards merged: a section for each, the page's anchor on the first alone.
	run.Coverage = append(run.Coverage, &Coverage{Dir: "/ci/shard-2/coverage", Go: &CoverageRatio{Covered: 1, Total: 2, Percent: 50}})
	page.Reset()
	if err := WriteHTML(&page, run); err != nil {
		t.Fatal(err)
	}
	if n, m := strings.Count(page.String(), `id="coverage"`), strings.Count(page.String(), `class="coverage"`); n != 1 || m != 2 {
		t.Errorf("two shards' coverage: %d sections, %d with id=\"coverage\"; want 2 and 1", m, n)
	}
	// Without coverage, no section.
	page.Reset()
	if err := WriteHTML(&page, Build(g.r.Envelopes())); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), `id="coverage"`) {
		t.Errorf("a report of a run without coverage has a coverage section")
	}
}
