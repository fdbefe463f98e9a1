package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/internal/testenv"
)

// romaine run takes the coverage settings as it takes any other: from
// romaine.yaml (coverage:, routes:) or as flags (--coverage, --routes).
func TestRunWritesCoverageFromItsSettings(t *testing.T) {
	testenv.NeedPythonAndBrowser(t)
	bin, dir := buildRomaine(t), newcomerRepoWith(t, "coverage: coverage\nroutes: routes.txt\n")
	if err := os.WriteFile(filepath.Join(dir, "routes.txt"), []byte("GET /{$}\nGET /api/items\nPOST /items\nDELETE /items/{id}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, out := romaine(t, bin, dir, "run", "--format", "progress")
	if status != 0 || !strings.Contains(out, "routes 3 of 4 reached (1 never, listed in routes.txt); coverage written to "+filepath.Join(dir, "coverage")) {
		t.Fatalf("romaine run with coverage in romaine.yaml: status %d; output:\n%s", status, out)
	}
	routes, err := os.ReadFile(filepath.Join(dir, "coverage", "routes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, rest, _ := strings.Cut(string(routes), "Not reached by any scenario (1):\n"); !strings.HasPrefix(rest, "  DELETE /items/{id}\n") {
		t.Errorf("routes.txt does not list DELETE /items/{id} first as never reached:\n%s", routes)
	}
	status, out = romaine(t, bin, dir, "run", "--format", "progress", "--coverage", "flagged", "features/page.feature")
	if status != 0 {
		t.Fatalf("romaine run --coverage flagged: status %d; output:\n%s", status, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "flagged", "summary.txt")); err != nil {
		t.Errorf("--coverage flagged wrote no flagged/summary.txt: %v; output:\n%s", err, out)
	}
}
