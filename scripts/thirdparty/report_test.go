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
