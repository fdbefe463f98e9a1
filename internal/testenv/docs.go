package testenv

import (
	"os"
	"strings"
	"testing"
)

// Section is the part of a Markdown file (the README, a page of docs/) under
// heading ("## Coverage"), up to the next heading of level 2: what a test
// reads of the documentation it keeps true.
func Section(t testing.TB, file, heading string) string {
	t.Helper()
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), heading)
	if !ok {
		t.Fatalf("%s has no %q section", file, heading)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	return section
}
