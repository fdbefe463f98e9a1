package romaine_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/internal/testenv"
)

// The README shows the root wiring file as the way to wire a suite; a copy that
// drifted from the file (a missing BindFlags once lost every -romaine flag)
// would teach a wiring that no longer compiles or works. So the copy must be
// the file.
func TestREADMEWiringIsTheRootFile(t *testing.T) {
	root, err := os.ReadFile("romaine_test.go")
	if err != nil {
		t.Fatal(err)
	}
	const heading = "## Go: wiring a suite"
	_, block, ok := strings.Cut(readmeSection(t, heading), "```go\n")
	if !ok {
		t.Fatalf("README.md's %q section has no Go block", heading)
	}
	block, _, _ = strings.Cut(block, "```\n")
	if block != string(root) {
		t.Errorf("README.md's wiring example is not romaine_test.go: copy the file into the first Go block of %q (-romaine_test.go +README):\n%s",
			heading, cmp.Diff(string(root), block))
	}
}

// The README's Go suite of one's own: its commands and its test file, run in a
// temporary module outside this repository (the replace pointing here), against
// the example app in another language. It must compile and pass as written.
func TestREADMEGoSuiteOfYourOwn(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module and runs a browser suite")
	}
	testenv.NeedPythonAndBrowser(t)
	const heading = "## A Go suite of your own"
	blocks := regexp.MustCompile("(?s)```(sh|go)\n(.*?)```").FindAllStringSubmatch(readmeSection(t, heading), -1)
	if len(blocks) != 3 || blocks[0][1] != "sh" || blocks[1][1] != "go" || blocks[2][1] != "sh" {
		t.Fatalf("README.md's %q section: want the module's commands, the test file and the commands that run it; found %d blocks", heading, len(blocks))
	}
	repo, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "shop")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// The example app and its features, as the user's own.
	if err := os.CopyFS(dir, os.DirFS("cmd/romaine/testdata/newcomer")); err != nil {
		t.Fatal(err)
	}
	for _, notMine := range []string{"romaine.yaml", "broken"} {
		if err := os.RemoveAll(filepath.Join(dir, notMine)); err != nil {
			t.Fatal(err)
		}
	}
	// Offline: every module is in this machine's cache, and this go.sum has their sums.
	env := append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "ROMAINE_") }),
		"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "ROMAINE_PROGRESS=off", "ROMAINE_FORMAT=progress")
	sh := func(block string) string {
		var out strings.Builder
		for _, line := range strings.Split(block, "\n") {
			cmd, _, _ := strings.Cut(line, "#")
			args := strings.Fields(strings.ReplaceAll(cmd, "=../romaine", "="+repo))
			if len(args) == 0 || args[0] != "go" {
				continue // mkdir and cd: the folder is made above
			}
			c := exec.Command(args[0], args[1:]...)
			c.Dir, c.Env = dir, env
			got, err := c.CombinedOutput()
			out.Write(got)
			if err != nil {
				t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, got)
			}
		}
		return out.String()
	}
	sh(blocks[0][2])
	gomod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	if !strings.Contains(string(gomod), "replace github.com/romaine-bdd/romaine => "+repo) {
		t.Fatalf("the README's commands gave no replace:\n%s", gomod)
	}
	if err := os.WriteFile(filepath.Join(dir, "e2e_test.go"), []byte(blocks[1][2]), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	// go test passes only when the suite ran scenarios and every one passed
	// (a run that selects none fails).
	if out := sh(blocks[2][2]); !strings.Contains(out, "ok  \texample.com/shop/e2e") {
		t.Errorf("the suite of one's own did not pass:\n%s", out)
	}
}

// readmeSection is the README's section under heading, up to the next one of its level.
func readmeSection(t *testing.T, heading string) string {
	return testenv.Section(t, "README.md", heading)
}
