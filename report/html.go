package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	messages "github.com/cucumber/messages/go/v34"
)

//go:embed report.html.tmpl
var htmlSource string

//go:embed film.html.tmpl
var filmSource string

// script is the report's one script (filters and search). The page's
// Content-Security-Policy allows that script, by its hash, and nothing else:
// no other script runs and nothing is fetched.
//
//go:embed report.js
var script string

var scriptHash = func() string {
	sum := sha256.Sum256([]byte(script))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}()

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"status": func(s messages.TestStepResultStatus) string { return strings.ToLower(string(s)) },
	"dur":    func(d time.Duration) string { return d.Round(time.Millisecond).String() },
	"image":  func(a *Attachment) bool { return strings.HasPrefix(a.MediaType, "image/") },
	// A data: URI keeps the screenshot inside the file (no network, no folder).
	"dataURI": func(a *Attachment) template.URL {
		return template.URL("data:" + a.MediaType + ";base64," + base64.StdEncoding.EncodeToString(a.Body))
	},
	"text": func(a *Attachment) string { return string(a.Body) },
	"add":  func(a, b int) int { return a + b },
	// A CSS class of an outcome: "not run" is "not-run".
	"class": func(o Outcome) string { return strings.ReplaceAll(string(o), " ", "-") },
	"ms":    ms,
}).Parse(htmlSource + filmSource))

// htmlView is what the template reads.
type htmlView struct {
	*Run
	Tally
	Generated  string
	Script     template.JS // report.js, as is
	ScriptHash string      // its hash, for the Content-Security-Policy
	films      map[*Attempt]*filmView
	FilmFolder string // the folder of the films beside the report, if they are there
}

// FilmOf is the film of attempt a, or nil.
func (v htmlView) FilmOf(a *Attempt) *filmView { return v.films[a] }

// Attention is what a reader looks at first: failed scenarios, then flaky
// ones, then those that did not run.
func (v htmlView) Attention() []*Scenario {
	var failed, flaky, notRun []*Scenario
	for _, f := range v.Features {
		for _, s := range f.Scenarios {
			switch s.Result() {
			case Failed:
				failed = append(failed, s)
			case Flaky:
				flaky = append(flaky, s)
			case NotRun:
				notRun = append(notRun, s)
			}
		}
	}
	return append(append(failed, flaky...), notRun...)
}

// WriteHTML writes run as one HTML file that needs nothing else: styles and
// its one script inside, screenshots inline, no network.
func WriteHTML(w io.Writer, run *Run) error { return writeHTML(w, run, nil) }

// writeHTML writes the report, its films in folder when one is given.
func writeHTML(w io.Writer, run *Run, folder *filmFolder) error {
	v := htmlView{Run: run, Tally: run.Tally(), Generated: time.Now().UTC().Format(time.RFC3339),
		Script: template.JS(script), ScriptHash: scriptHash, films: films(run, folder)}
	if folder != nil {
		v.FilmFolder = folder.rel
		if len(folder.errs) > 0 {
			return fmt.Errorf("writing the films beside the report: %w", errors.Join(folder.errs...))
		}
	}
	return htmlTemplate.Execute(w, v)
}

// WriteHTMLFile writes the HTML report to path.
func WriteHTMLFile(path string, run *Run) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	folder, err := filmFolderFor(path, filmBytes(run) > MaxInlineFilms)
	if err != nil {
		f.Close()
		return fmt.Errorf("writing %s: the films' folder: %w", path, err)
	}
	if err := writeHTML(f, run, folder); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}
