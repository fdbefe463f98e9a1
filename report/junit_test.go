package report

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// jenkinsSchema is the Jenkins JUnit schema (junit-plugin's jenkins-junit.xsd),
// written down as what each element may hold: its attributes (required ones
// marked with !) and its child elements. validateJUnit checks a file against it
// without an XSD processor.
var jenkinsSchema = map[string]struct {
	attrs    []string
	children []string
	numeric  []string
}{
	"testsuites": {attrs: []string{"name", "time", "tests", "failures", "disabled", "errors"}, children: []string{"testsuite"}, numeric: []string{"time", "tests", "failures", "disabled", "errors"}},
	"testsuite": {attrs: []string{"name!", "tests!", "failures", "errors", "group", "time", "disabled", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url", "version"},
		children: []string{"properties", "testcase", "system-out", "system-err"}, numeric: []string{"tests", "failures", "errors", "time", "disabled", "skipped"}},
	"properties": {children: []string{"property"}},
	"property":   {attrs: []string{"name!", "value!"}},
	"testcase": {attrs: []string{"name!", "assertions", "time", "classname", "status", "class", "file", "line", "log", "group", "url"},
		children: []string{"skipped", "error", "failure", "system-out", "system-err"}, numeric: []string{"time"}},
	"skipped":    {attrs: []string{"message"}},
	"error":      {attrs: []string{"message", "type"}},
	"failure":    {attrs: []string{"message", "type"}},
	"system-out": {},
	"system-err": {},
}

var decimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

func validateJUnit(r io.Reader) error {
	dec := xml.NewDecoder(r)
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			if _, end := tok.(xml.EndElement); end {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		name := start.Name.Local
		rule, known := jenkinsSchema[name]
		switch {
		case !known:
			return errors.New("element <" + name + "> is not in the schema")
		case len(stack) == 0 && name != "testsuites" && name != "testsuite":
			return errors.New("the root is <" + name + ">")
		case len(stack) > 0 && !contains(jenkinsSchema[stack[len(stack)-1]].children, name):
			return errors.New("<" + name + "> may not be inside <" + stack[len(stack)-1] + ">")
		}
		have := map[string]string{}
		for _, a := range start.Attr {
			have[a.Name.Local] = a.Value
			if !contains(rule.attrs, a.Name.Local) && !contains(rule.attrs, a.Name.Local+"!") {
				return errors.New("<" + name + "> has attribute " + a.Name.Local + ", which the schema does not allow")
			}
			if contains(rule.numeric, a.Name.Local) && !decimal.MatchString(a.Value) {
				return errors.New("<" + name + " " + a.Name.Local + "=\"" + a.Value + "\"> is not a number")
			}
		}
		for _, a := range rule.attrs {
			if n, ok := strings.CutSuffix(a, "!"); ok {
				if _, ok := have[n]; !ok {
					return errors.New("<" + name + "> lacks the required attribute " + n)
				}
			}
		}
		stack = append(stack, name)
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func TestValidatorRefusesWhatTheSchemaRefuses(t *testing.T) {
	for doc, want := range map[string]string{
		`<testsuites><testsuite name="a" tests="1"><testcase name="x"><flakyFailure/></testcase></testsuite></testsuites>`: "flakyFailure",
		`<testsuites><testsuite name="a"><testcase name="x"/></testsuite></testsuites>`:                                    "lacks the required attribute tests",
		`<testsuites><testsuite name="a" tests="1"><testcase name="x" time="1s"/></testsuite></testsuites>`:                "not a number",
		`<testsuites><testcase name="x"/></testsuites>`:                                                                    "may not be inside",
	} {
		if err := validateJUnit(strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want an error about %q, got %v", doc, want, err)
		}
	}
}

func TestJUnitReportIsValidAndCarriesTheFailure(t *testing.T) {
	pickles := godogPickles(t, "testdata/checkout.feature", 0)
	r := NewRecorder()
	play(r, pickles[0], "1", 2)
	play(r, pickles[1], "2", -1)
	play(r, pickles[2], "1", 1)
	play(r, godogPickles(t, "testdata/checkout.feature", 90)[1], "1", -1)  // France again: passes twice, not flaky
	play(r, godogPickles(t, "testdata/checkout.feature", 200)[0], "2", -1) // card retried: flaky

	path := filepath.Join(t.TempDir(), "out", "junit.xml")
	if err := WriteJUnit(path, Build(r.Envelopes())); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := validateJUnit(f); err != nil {
		t.Fatalf("not valid against the Jenkins JUnit schema: %v", err)
	}
	var got junitSuites
	data, _ := os.ReadFile(path)
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Tests != 3 || got.Failures != 1 || len(got.Suites) != 1 || len(got.Suites[0].Cases) != 3 {
		t.Fatalf("want one suite with 3 testcases (one per scenario), 1 failure; got %+v", got)
	}
	card, japan := got.Suites[0].Cases[0], got.Suites[0].Cases[2]
	if card.Name != "Paying by card" || card.Classname != "Checkout" || card.File != "testdata/checkout.feature" || card.Failure != nil {
		t.Errorf("card testcase: %+v", card)
	}
	if !strings.Contains(card.SystemOut, "FLAKY: passed on attempt 2 after failing 1 time(s)") {
		t.Errorf("the retried scenario must be noted flaky, system-out:\n%s", card.SystemOut)
	}
	if strings.Contains(got.Suites[0].Cases[1].SystemOut, "FLAKY") {
		t.Errorf("a scenario that passed every time is not flaky:\n%s", got.Suites[0].Cases[1].SystemOut)
	}
	if japan.Failure == nil || japan.Failure.Type != "FAILED" || !strings.Contains(japan.Failure.Message, `expected "Thank you"`) {
		t.Fatalf("Japan must fail with the step's error, got %+v", japan.Failure)
	}
	m := regexp.MustCompile(`\[\[ATTACHMENT\|([^\]]+screenshot\.png)\]\]`).FindStringSubmatch(japan.SystemOut)
	if m == nil {
		t.Fatalf("no screenshot attachment in system-out:\n%s", japan.SystemOut)
	}
	if shot, err := os.ReadFile(m[1]); err != nil || string(shot) != "\x89PNG fake" {
		t.Fatalf("the attachment %s must hold the screenshot: %q, %v", m[1], shot, err)
	}
	for _, want := range []string{"when I ship to \"Japan\"", "failed    When I ship to", "skipped   Then the price"} {
		if !strings.Contains(strings.ToLower(japan.SystemOut), strings.ToLower(want)) {
			t.Errorf("system-out lacks %q:\n%s", want, japan.SystemOut)
		}
	}
}
