// Package slug turns names (features, scenarios, steps) into safe file and
// anchor names, the same way for failure artifacts and for reports.
package slug

import (
	"regexp"
	"strings"
)

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Of is s with every run of characters unsafe in a file name replaced by "-",
// trimmed of dashes, cut to 60 bytes, and "x" when nothing but dots is left:
// "." and ".." name folders that are already there (a feature file named
// "...feature" once put its artifacts beside ROMAINE_ARTIFACTS, not in it).
func Of(s string) string {
	s = strings.Trim(unsafeChars.ReplaceAllString(s, "-"), "-")
	if len(s) > 60 {
		s = s[:60]
	}
	if strings.Trim(s, ".") == "" {
		s = "x"
	}
	return s
}
