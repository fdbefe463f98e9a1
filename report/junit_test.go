package report

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// rule is what the schema lets one element hold.
type rule struct {
	attrs    map[string]string // attribute -> XSD type
	required []string
	children []string
}

// loadSchema reads the element declarations of an XSD: each element's
// attributes (type, required) and the elements it may contain. Order and
// counts are not checked; what may appear where, and what must, is.
func loadSchema(t *testing.T, path string) map[string]*rule {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type node struct {
		XMLName  xml.Name
		Name     string `xml:"name,attr"`
		Ref      string `xml:"ref,attr"`
		Type     string `xml:"type,attr"`
		Use      string `xml:"use,attr"`
		Children []node `xml:",any"`
	}
	var root node
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	rules := map[string]*rule{}
	var walk func(r *rule, n node)
	walk = func(r *rule, n node) {
		for _, c := range n.Children {
			switch {
			case c.XMLName.Local == "attribute":
				r.attrs[c.Name] = c.Type
				if c.Use == "required" {
					r.required = append(r.required, c.Name)
				}
			case c.XMLName.Local == "element" && c.Ref != "":
				r.children = append(r.children, c.Ref)
			default:
				walk(r, c)
			}
		}
	}
	for _, el := range root.Children {
		if el.XMLName.Local == "element" {
			r := &rule{attrs: map[string]string{}}
			walk(r, el)
			rules[el.Name] = r
		}
	}
	if len(rules) < 5 {
		t.Fatalf("%s declares %d elements; is it an XSD?", path, len(rules))
	}
	return rules
}

var (
	decimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	integer = regexp.MustCompile(`^-?[0-9]+$`)
)

func validateJUnit(schema map[string]*rule, r io.Reader) error {
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
		rule, known := schema[name]
		switch {
		case !known:
			return errors.New("element <" + name + "> is not in the schema")
		case len(stack) == 0 && name != "testsuites" && name != "testsuite":
			return errors.New("the root is <" + name + ">")
		case len(stack) > 0 && !slices.Contains(schema[stack[len(stack)-1]].children, name):
			return errors.New("<" + name + "> may not be inside <" + stack[len(stack)-1] + ">")
		}
		have := map[string]string{}
		for _, a := range start.Attr {
			have[a.Name.Local] = a.Value
			typ, ok := rule.attrs[a.Name.Local]
			switch {
			case !ok:
				return errors.New("<" + name + "> has attribute " + a.Name.Local + ", which the schema does not allow")
			case typ == "xs:decimal" && !decimal.MatchString(a.Value), typ == "xs:int" && !integer.MatchString(a.Value):
				return errors.New("<" + name + " " + a.Name.Local + "=\"" + a.Value + "\"> is not an " + typ)
			}
		}
		for _, n := range rule.required {
			if _, ok := have[n]; !ok {
				return errors.New("<" + name + "> lacks the required attribute " + n)
			}
		}
		stack = append(stack, name)
	}
}

func TestValidatorRefusesWhatTheSchemaRefuses(t *testing.T) {
	schema := loadSchema(t, "testdata/jenkins-junit.xsd")
	for doc, want := range map[string]string{
		`<testsuites><testsuite name="a" tests="1"><testcase name="x"><flakyFailure/></testcase></testsuite></testsuites>`: "flakyFailure",
		`<testsuites><testsuite name="a"><testcase name="x"/></testsuite></testsuites>`:                                    "lacks the required attribute tests",
		`<testsuites><testsuite name="a" tests="1"><testcase name="x" time="1s"/></testsuite></testsuites>`:                "is not an xs:decimal",
		`<testsuites><testcase name="x"/></testsuites>`:                                                                    "may not be inside",
	} {
		if err := validateJUnit(schema, strings.NewReader(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want an error about %q, got %v", doc, want, err)
		}
	}
}

func TestJUnitReportIsValidAndCarriesTheFailure(t *testing.T) {
	g := newSim(t)
	pickles := g.run("testdata/checkout.feature", 0)
	g.play(pickles[0], "1", 2)
	g.play(pickles[1], "2", -1)
	g.play(pickles[2], "1", 1)
	g.play(g.run("testdata/checkout.feature", 90)[1], "1", -1)     // France again: passes twice, not flaky
	g.play(g.run("testdata/checkout.feature", 200, 7)[0], "2", -1) // card retried: flaky

	path := filepath.Join(t.TempDir(), "out", "junit.xml")
	if err := WriteJUnit(path, Build(g.r.Envelopes())); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := validateJUnit(loadSchema(t, "testdata/jenkins-junit.xsd"), f); err != nil {
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

// Errors carry terminal colours and other control characters XML forbids; the
// file must still parse.
func TestJUnitSurvivesControlCharacters(t *testing.T) {
	var buf strings.Builder
	err := encodeJUnit(&buf, junitSuites{Suites: []junitSuite{{Name: "f", Cases: []junitCase{{Name: "s",
		Failure: &junitFailure{Message: "\x1b[31mred\x1b[0m \x00", Text: "\x1b[31mred\x1b[0m"}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	var back junitSuites
	if err := xml.Unmarshal([]byte(buf.String()), &back); err != nil {
		t.Fatalf("the XML does not parse: %v\n%q", err, buf.String())
	}
	if got := back.Suites[0].Cases[0].Failure.Message; !strings.Contains(got, "red") {
		t.Errorf("the message was lost: %q", got)
	}
}
