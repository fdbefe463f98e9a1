package romaine_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The README shows the root wiring file as the way to wire a suite; a copy that
// drifted from the file (a missing BindFlags once lost every -romaine flag)
// would teach a wiring that no longer compiles or works. So the copy must be
// the file.
func TestREADMEWiringIsTheRootFile(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.ReadFile("romaine_test.go")
	if err != nil {
		t.Fatal(err)
	}
	const heading = "## Go: wiring a suite"
	_, section, ok := strings.Cut(string(readme), heading)
	if !ok {
		t.Fatalf("README.md has no %q section", heading)
	}
	_, block, ok := strings.Cut(section, "```go\n")
	if !ok {
		t.Fatalf("README.md's %q section has no Go block", heading)
	}
	block, _, _ = strings.Cut(block, "```\n")
	if block != string(root) {
		t.Errorf("README.md's wiring example is not romaine_test.go: copy the file into the first Go block of %q (-romaine_test.go +README):\n%s",
			heading, cmp.Diff(string(root), block))
	}
}
