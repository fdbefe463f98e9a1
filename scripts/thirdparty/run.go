package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/romaine-bdd/romaine/internal/proctree"
)

// outcome is one tool's run of the feature against one build.
type outcome struct {
	Passed map[string]bool   // scenario name -> passed
	Errors map[string]string // scenario name -> first line of the failure
	Wall   float64           // seconds
	CPU    float64           // user+system seconds of every process of the run
	Err    error             // the run itself failed (no report); scenario results may be missing
}

func (o outcome) count() (passed, total int) {
	for _, ok := range o.Passed {
		total++
		if ok {
			passed++
		}
	}
	return passed, total
}

// tool runs the feature with one tool against a served folder.
type tool struct {
	name string
	cmd  func(b *build, dir, out string, workers int) *exec.Cmd
	read func(out string) (map[string]bool, map[string]string, error)
}

// appCmd serves dir per worker, as ROMAINE_APP_CMD and the Playwright twin both do.
func appCmd(dir string) string {
	return "exec python3 -m http.server $PORT --bind 127.0.0.1 --directory " + shellQuote(dir)
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func romaine(bin, feature, artifacts string) tool {
	return tool{
		name: "romaine",
		cmd: func(b *build, dir, out string, workers int) *exec.Cmd {
			cmd := exec.Command(bin, "-test.run", "^TestFeatures$", "-test.count=1")
			cmd.Env = append(os.Environ(), "DISABLE_ROD_FLAG=1", "ROMAINE_FORMAT=progress", "ROMAINE_PROGRESS=off",
				"ROMAINE_WORKERS="+strconv.Itoa(workers), "ROMAINE_APP_CMD="+appCmd(dir), "ROMAINE_FEATURES="+feature,
				"ROMAINE_REPORTS=junit:"+filepath.Join(out, "junit.xml"), "ROMAINE_TIMINGS="+filepath.Join(out, "timings.json"),
				"ROMAINE_ARTIFACTS="+filepath.Join(artifacts, b.Name))
			return cmd
		},
		read: func(out string) (map[string]bool, map[string]string, error) {
			return readJUnit(filepath.Join(out, "junit.xml"))
		},
	}
}

func playwright(dir string) tool {
	return tool{
		name: "playwright",
		cmd: func(_ *build, served, out string, workers int) *exec.Cmd {
			cmd := exec.Command("node", "node_modules/@playwright/test/cli.js", "test", "--workers", strconv.Itoa(workers), "--reporter", "json")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TODOMVC_DIR="+served, "PLAYWRIGHT_JSON_OUTPUT_NAME="+filepath.Join(out, "playwright.json"))
			return cmd
		},
		read: func(out string) (map[string]bool, map[string]string, error) {
			return readPlaywrightJSON(filepath.Join(out, "playwright.json"))
		},
	}
}

// run runs one tool once, its output kept in log, and measures its wall time
// and the CPU of its whole process tree (the caller is the child subreaper).
func (t tool) run(b *build, served string, workers int, log string) outcome {
	out, err := os.MkdirTemp("", "thirdparty-"+t.name+"-")
	if err != nil {
		return outcome{Err: err}
	}
	defer os.RemoveAll(out)
	cmd := t.cmd(b, served, out, workers)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	before, err := proctree.ChildrenCPU()
	if err != nil {
		return outcome{Err: err}
	}
	start := time.Now()
	werr := cmd.Run()
	o := outcome{Wall: time.Since(start).Seconds()}
	proctree.ReapOrphans(10 * time.Second)
	after, _ := proctree.ChildrenCPU()
	o.CPU = after - before
	_ = os.WriteFile(log, buf.Bytes(), 0o644)
	o.Passed, o.Errors, err = t.read(out)
	if err != nil {
		o.Err = fmt.Errorf("%s: no report (%v); exit: %v; see %s", t.name, err, werr, log)
	}
	return o
}

func readJUnit(path string) (map[string]bool, map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var doc struct {
		Cases []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testsuite>testcase"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, nil, fmt.Errorf("reading the JUnit report %s: %v", path, err)
	}
	passed, errs := map[string]bool{}, map[string]string{}
	for _, c := range doc.Cases {
		passed[c.Name] = c.Failure == nil
		if c.Failure != nil {
			// Romaine's message starts with where the page was saved: the log has that.
			msg := c.Failure.Message
			if i := strings.Index(msg, ", "); strings.HasPrefix(msg, "page saved in ") && i > 0 {
				msg = msg[i+2:]
			}
			errs[c.Name] = firstLine(msg + "\n" + c.Failure.Text)
		}
	}
	return passed, errs, nil
}

// playwrightReport is the part of Playwright's JSON reporter output read here.
type playwrightReport struct {
	Suites []playwrightSuite `json:"suites"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

type playwrightSuite struct {
	Suites []playwrightSuite `json:"suites"`
	Specs  []struct {
		Title string `json:"title"`
		Tests []struct {
			Results []struct {
				Status string `json:"status"`
				Error  *struct {
					Message string `json:"message"`
				} `json:"error"`
			} `json:"results"`
		} `json:"tests"`
	} `json:"specs"`
}

func readPlaywrightJSON(path string) (map[string]bool, map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var rep playwrightReport
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, nil, fmt.Errorf("reading Playwright's JSON report %s: %v", path, err)
	}
	passed, errs := map[string]bool{}, map[string]string{}
	var walk func([]playwrightSuite)
	walk = func(ss []playwrightSuite) {
		for _, s := range ss {
			walk(s.Suites)
			for _, sp := range s.Specs {
				ok := len(sp.Tests) > 0
				for _, t := range sp.Tests {
					if len(t.Results) == 0 {
						ok = false
						continue
					}
					r := t.Results[len(t.Results)-1]
					if r.Status != "passed" {
						ok = false
						if r.Error != nil {
							errs[sp.Title] = firstLine(r.Error.Message)
						} else {
							errs[sp.Title] = r.Status
						}
					}
				}
				passed[sp.Title] = ok
			}
		}
	}
	walk(rep.Suites)
	if len(passed) == 0 && len(rep.Errors) > 0 {
		return nil, nil, fmt.Errorf("Playwright ran no test: %s", firstLine(rep.Errors[0].Message))
	}
	return passed, errs, nil
}

// firstLine is the first non-empty line, without terminal colours, cut to 200 characters.
func firstLine(s string) string {
	for _, l := range strings.Split(stripANSI(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if len(l) > 200 {
				l = l[:200] + "…"
			}
			return l
		}
	}
	return ""
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
