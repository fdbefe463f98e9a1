package conformance_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSizeAsStated holds conformance/README.md and the project's README to the
// corpus as it is: the cases in the table, the pages under pages/, the
// scenarios under features/.
func TestSizeAsStated(t *testing.T) {
	pages := 0
	err := filepath.WalkDir("pages", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			pages++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	scenarios := 0
	features, err := filepath.Glob("features/*.feature")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range features {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		scenarios += len(regexp.MustCompile(`(?m)^\s*Scenario:`).FindAll(b, -1))
	}
	want := map[string]int{"cases": len(allCases()), "pages": pages, "scenarios": scenarios}
	stated := regexp.MustCompile(`(\d+) (cases|pages|scenarios)\b`)
	for _, readme := range []string{"README.md", "../README.md"} {
		b, err := os.ReadFile(readme)
		if err != nil {
			t.Fatal(err)
		}
		// The sentence that says the corpus's size: the first to state its cases.
		i := strings.Index(string(b), " cases on ")
		if i < 0 {
			t.Errorf("%s: no sentence says the corpus's size (\"N cases on N pages ... N scenarios\")", readme)
			continue
		}
		line := string(b)[strings.LastIndex(string(b)[:i], "\n")+1:]
		line = line[:strings.IndexByte(line+"\n", '\n')]
		got := map[string]int{}
		for _, m := range stated.FindAllStringSubmatch(line, -1) {
			got[m[2]], _ = strconv.Atoi(m[1])
		}
		for what, n := range want {
			if got[what] != n {
				t.Errorf("%s says %d %s, the corpus has %d: %q", readme, got[what], what, n, line)
			}
		}
	}
}
