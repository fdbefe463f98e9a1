package report

import (
	"errors"
	"fmt"
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
