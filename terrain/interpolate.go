package terrain

import (
	"regexp"
	"strings"

	"github.com/romaine-bdd/romaine/report"
)

var placeholder = regexp.MustCompile(`\{\{\s*([^{}]+?)\s*\}\}`)

// interpolate replaces every {{name.field}} (or {{name}}) in text with what lookup
// answers for it, and says what each reference, as written, became. The first
// lookup error is returned and text is left as it was.
func interpolate(text string, lookup func(ref string) (string, error)) (string, []report.Resolution, error) {
	if !strings.Contains(text, "{{") {
		return text, nil, nil
	}
	var firstErr error
	var resolved []report.Resolution
	out := placeholder.ReplaceAllStringFunc(text, func(m string) string {
		if firstErr != nil {
			return m
		}
		v, err := lookup(placeholder.FindStringSubmatch(m)[1])
		if err != nil {
			firstErr = err
			return m
		}
		resolved = append(resolved, report.Resolution{Written: m, Value: v})
		return v
	})
	if firstErr != nil {
		return text, nil, firstErr
	}
	return out, resolved, nil
}
