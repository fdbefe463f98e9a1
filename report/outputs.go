package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	messages "github.com/cucumber/messages/go/v34"
)

// Output is one report to write: its kind and its file.
type Output struct {
	Kind string // "messages", "junit" or "html"
	Path string // the file to write
}

var kinds = []string{"messages", "junit", "html"}

// ParseOutputs reads ROMAINE_REPORTS: KIND:PATH pairs separated by commas, e.g.
// junit:out.xml,html:report.html,messages:run.ndjson.
func ParseOutputs(spec string) ([]Output, error) {
	var out []Output
	seen := map[string]bool{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		kind, path, ok := strings.Cut(part, ":")
		kind, path = strings.TrimSpace(kind), strings.TrimSpace(path)
		switch {
		case !ok || path == "":
			return nil, fmt.Errorf("%q names no file: write KIND:PATH, e.g. html:report.html (kinds: %s)", part, strings.Join(kinds, ", "))
		case !slices.Contains(kinds, kind):
			return nil, fmt.Errorf("%q: unknown report kind %q; kinds: %s", part, kind, strings.Join(kinds, ", "))
		case seen[path]:
			return nil, fmt.Errorf("%q: %s is named twice; give each report its own file", part, path)
		}
		seen[path] = true
		out = append(out, Output{Kind: kind, Path: path})
	}
	return out, nil
}

// CheckPaths says, before the run, whether every output can be written where
// it is named: not a folder, in a folder that exists or can be made, where a
// file can be created (tried for real, which the folder's mode alone does not
// tell: /proc, a read-only mount). It creates no folder.
func CheckPaths(outputs []Output) error {
	for _, o := range outputs {
		bad := func(why string) error {
			return fmt.Errorf("%s:%s cannot be written: %s; name a file in a folder you can write, e.g. %s:reports/%s", o.Kind, o.Path, why, o.Kind, examples[o.Kind])
		}
		if fi, err := os.Stat(o.Path); err == nil && fi.IsDir() {
			return bad("it is a folder")
		} else if err == nil && !fi.Mode().IsRegular() {
			return bad("it is not a regular file")
		}
		dir := filepath.Dir(o.Path)
		for {
			fi, err := os.Stat(dir)
			if err == nil && !fi.IsDir() {
				return bad(dir + " is a file, not a folder")
			}
			if err == nil {
				break
			}
			if parent := filepath.Dir(dir); parent != dir {
				dir = parent
				continue
			}
			return bad(err.Error())
		}
		f, err := os.CreateTemp(dir, ".romaine-report-check-*")
		if err != nil {
			return bad(fmt.Sprintf("no file can be created in %s (%v)", dir, err))
		}
		f.Close()
		os.Remove(f.Name())
		if w, err := os.OpenFile(o.Path, os.O_WRONLY, 0); err == nil {
			w.Close()
		} else if !errors.Is(err, fs.ErrNotExist) {
			return bad(err.Error())
		}
	}
	return nil
}

// examples are a good file name for each kind, for messages.
var examples = map[string]string{"messages": "run.ndjson", "junit": "junit.xml", "html": "report.html"}

// Write writes every output from the run's messages.
func Write(outputs []Output, envs []*messages.Envelope) error {
	var run *Run
	var errs []error
	for _, o := range outputs {
		var err error
		switch o.Kind {
		case "messages":
			err = writeNDJSONFile(o.Path, envs)
		case "junit":
			if run == nil {
				run = Build(envs)
			}
			err = WriteJUnit(o.Path, run)
		case "html":
			if run == nil {
				run = Build(envs)
			}
			err = WriteHTMLFile(o.Path, run)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s report %s: %w", o.Kind, o.Path, err))
		}
	}
	return errors.Join(errs...)
}

func writeNDJSONFile(path string, envs []*messages.Envelope) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteNDJSON(f, envs); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
