package report_test

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v42"

	"github.com/romaine-bdd/romaine/report"
)

// godog's results, kept for the whole run (the summary line, the reports'
// check), keep of each scenario what its outcome needs and no more: a long
// run holds one for every scenario. (They kept every step's status, its URI
// cleaned anew, and the pickle's ID to the end: 260 bytes a scenario.)
func TestResultsKeepLittleOfEachScenario(t *testing.T) {
	const n, bound = 20000, 128 // bytes a scenario
	var b strings.Builder
	b.WriteString("Feature: Many\n  Scenario Outline: Fruit <n>\n    Given a <n>\n    When b\n    Then c\n    And d\n\n    Examples:\n      | n |\n")
	for i := range n {
		fmt.Fprintf(&b, "      | %d |\n", i)
	}
	id := 0
	next := func() string { id++; return strconv.Itoa(id) }
	doc, err := gherkin.ParseGherkinDocument(strings.NewReader(b.String()), next)
	if err != nil {
		t.Fatal(err)
	}
	const uri = "features/many.feature"
	pickles := gherkin.Pickles(*doc, uri, next)
	r := report.NewResults()
	f := r.Formatter()
	f.Feature(doc, uri, []byte(b.String()))
	before := heapInUse()
	for i, p := range pickles {
		f.Pickle(p)
		for range 3 {
			f.Passed(p, nil, nil)
		}
		if i%1000 == 0 {
			f.Failed(p, nil, nil, nil)
		} else {
			f.Passed(p, nil, nil)
		}
	}
	per := float64(heapInUse()-before) / n
	if got := r.Tally().String(); got != "20000 scenarios: 19980 passed, 20 failed, 0 flaky, 0 not run" {
		t.Errorf("the results tally %q", got)
	}
	t.Logf("%.0f bytes a scenario", per)
	if per > bound {
		t.Errorf("godog's results keep %.0f bytes of each scenario, want at most %d", per, bound)
	}
	runtime.KeepAlive(pickles)
}

func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
