package terrain

import (
	"regexp"
	"strings"
)

var placeholder = regexp.MustCompile(`\{\{\s*([^{}]+?)\s*\}\}`)

// interpolate replaces every {{name.field}} (or {{name}}) in text with what lookup
// answers for it. The first lookup error is returned and text is left as it was.
func interpolate(text string, lookup func(ref string) (string, error)) (string, error) {
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	var firstErr error
	out := placeholder.ReplaceAllStringFunc(text, func(m string) string {
		if firstErr != nil {
			return m
		}
		v, err := lookup(placeholder.FindStringSubmatch(m)[1])
		if err != nil {
			firstErr = err
			return m
		}
		return v
	})
	if firstErr != nil {
		return text, firstErr
	}
	return out, nil
}
