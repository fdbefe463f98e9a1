package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadPlaywrightJSON(t *testing.T) {
	passed, errs, err := readPlaywrightJSON("testdata/playwright.json")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"Adding todos with the Enter key updates the list and the counter": true,
		"Filtering with the All, Active and Completed links":               false,
		"Clearing completed todos":                                         false,
	}
	if diff := cmp.Diff(want, passed); diff != "" {
		t.Errorf("passed mismatch (-want +got):\n%s", diff)
	}
	wantErrs := map[string]string{
		// the first line, without terminal colours
		"Filtering with the All, Active and Completed links": "TimeoutError: locator.click: Timeout 5000ms exceeded.",
		// no error object: the status says what happened
		"Clearing completed todos": "timedOut",
	}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestReadJUnit(t *testing.T) {
	passed, errs, err := readJUnit("testdata/junit.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"Adding todos with the Enter key updates the list and the counter": true,
		"Filtering with the All, Active and Completed links":               false,
	}
	if diff := cmp.Diff(want, passed); diff != "" {
		t.Errorf("passed mismatch (-want +got):\n%s", diff)
	}
	// Where the page was saved is in the log; the message keeps what went wrong.
	wantErrs := map[string]string{"Filtering with the All, Active and Completed links": `timed out after 5s waiting to click "Active" (5 attempts): last seen: no match`}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestReadReportsMissing(t *testing.T) {
	if _, _, err := readJUnit("testdata/none.xml"); err == nil {
		t.Error("a missing JUnit report is an error")
	}
	if _, _, err := readPlaywrightJSON("testdata/none.json"); err == nil {
		t.Error("a missing Playwright report is an error")
	}
}

// Only Romaine's failures count, and only those the builds file does not
// explain; a scenario missing from a run's report (the run broke) failed.
func TestUnexplained(t *testing.T) {
	scenarios := []string{"one", "two", "three"}
	b := &build{Name: "x", Fails: map[int]string{2: "build: no filters"}}
	r := buildResult{build: b, runs: [][]outcome{
		{{Passed: map[string]bool{"one": true, "two": false, "three": true}}, {Passed: map[string]bool{"one": true, "two": false}}},
		{{Passed: map[string]bool{"one": false, "two": false, "three": false}}},
	}}
	if got := r.unexplained(scenarios); got != 1 {
		t.Errorf("unexplained = %d, want 1 (three, missing from the second run)", got)
	}
	if got := r.score(0, scenarios); got != "3/6 (2 1)" {
		t.Errorf("score = %q, want 3/6 (2 1)", got)
	}
}
