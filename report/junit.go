package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/internal/slug"
)

// The JUnit XML that Jenkins, GitLab, GitHub test-report actions and Surefire
// readers accept: one testsuite per feature, one testcase per scenario (its final
// attempt that ran: a failure, a skip for one that never ran, else a pass),
// with only the elements and attributes of the Jenkins JUnit schema.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr,omitempty"`
	File      string      `xml:"file,attr"`
	Cases     []junitCase `xml:"testcase"`
	SystemOut string      `xml:"system-out,omitempty"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Line      string        `xml:"line,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr,omitempty"`
}

func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

// WriteJUnit writes run as JUnit XML to path. Attachments of failed steps
// (screenshot, page HTML, console) are written beside it, in PATH-attachments/,
// and named in the testcase's system-out as [[ATTACHMENT|file]], which GitLab
// and Jenkins' attachments plugin show with the test.
func WriteJUnit(path string, run *Run) error {
	dir := strings.TrimSuffix(path, filepath.Ext(path)) + "-attachments"
	suites := junitSuites{Name: "romaine", Time: seconds(run.Duration)}
	for _, f := range run.Features {
		js := junitSuite{Name: f.Name, File: f.URI}
		var total time.Duration
		for _, sc := range f.Scenarios {
			final := sc.Final()
			total += final.Duration
			jc := junitCase{Name: sc.Title(), Classname: f.Name, File: sc.URI, Line: strconv.FormatInt(sc.Line, 10), Time: seconds(final.Duration)}
			if js.Timestamp == "" && !final.Started.IsZero() {
				js.Timestamp = final.Started.UTC().Format("2006-01-02T15:04:05")
			}
			var out strings.Builder
			fmt.Fprintf(&out, "%s (worker %s", sc.Key(), orDash(final.Worker))
			if n := len(sc.Attempts); n > 1 {
				fmt.Fprintf(&out, ", attempt %d of %d", slices.Index(sc.Attempts, final)+1, n)
			}
			out.WriteString(")\n")
			result := sc.Result()
			if result == Flaky {
				fmt.Fprintf(&out, "FLAKY: passed on attempt %d after failing %d time(s)\n", slices.Index(sc.Attempts, final)+1, sc.failures())
			}
			writeSteps(&out, final)
			switch failed := final.Failed(); result {
			case Failed:
				js.Failures++
				msg := failed.Error
				if msg == "" {
					msg = "step " + strings.ToLower(string(failed.Status)) + ": " + failed.Text
				}
				first, _, _ := strings.Cut(msg, "\n")
				jc.Failure = &junitFailure{Message: first, Type: string(failed.Status), Text: failed.Keyword + failed.Text + "\n" + msg}
				if final.Replay != nil {
					fmt.Fprintf(&out, "factory seed %d; the same data again: %s\n", final.Replay.Seed, final.Replay.Command)
				}
				for _, a := range failed.Attachments {
					p := filepath.Join(dir, slug.Of(f.URI), slug.Of(sc.Name)+"-L"+strconv.FormatInt(sc.Line, 10), a.FileName)
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						return err
					}
					if err := os.WriteFile(p, a.Body, 0o644); err != nil {
						return err
					}
					fmt.Fprintf(&out, "[[ATTACHMENT|%s]]\n", p)
				}
			case NotRun:
				js.Skipped++
				jc.Skipped = &junitSkipped{Message: final.NotRunReason()}
			}
			jc.SystemOut = out.String()
			js.Cases = append(js.Cases, jc)
			js.Tests++
		}
		js.Time = seconds(total)
		suites.Tests += js.Tests
		suites.Failures += js.Failures
		suites.Suites = append(suites.Suites, js)
	}
	if h := run.Hunt(); h != nil {
		js := huntSuite(h)
		suites.Tests += js.Tests
		suites.Failures += js.Failures
		suites.Suites = append(suites.Suites, js)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := encodeJUnit(f, suites); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

func encodeJUnit(w io.Writer, s junitSuites) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeSteps lists an attempt's steps as a person reads them: status, step, time.
func writeSteps(w io.Writer, a *Attempt) {
	for _, st := range a.Steps {
		fmt.Fprintf(w, "  %-9s %s%s (%s)\n", strings.ToLower(string(st.Status)), st.Keyword, st.Text, st.Duration.Round(time.Millisecond))
		if st.Error != "" && st.Status != messages.TestStepResultStatus_PASSED {
			for _, l := range strings.Split(st.Error, "\n") {
				fmt.Fprintf(w, "            %s\n", l)
			}
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
