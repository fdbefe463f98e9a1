package romaine_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/terrain"
)

// routesFile is what this test reads of routes.json.
type routesFile struct {
	Unreached []string
	Reached   []struct {
		Method, Route string
		Scenarios     []struct{ Name, Location string }
	}
}

// demoRoutes runs the customers' orders against the demo store with
// coverage of its routes (demo/routes.txt) and the tag expression tags, and
// returns routes.json.
func demoRoutes(t *testing.T, tags string) routesFile {
	t.Helper()
	dir := t.TempDir()
	for k, v := range map[string]string{
		"ROMAINE_FEATURES": "features/customer_orders.feature", "ROMAINE_TAGS": tags,
		"ROMAINE_COVERAGE": filepath.Join(dir, "coverage"), "ROMAINE_ROUTES": "demo/routes.txt",
		"ROMAINE_FORMAT": "progress", "ROMAINE_WORKERS": "2", "ROMAINE_ARTIFACTS": filepath.Join(dir, "artifacts"),
		"ROMAINE_TIMINGS": filepath.Join(dir, "timings.json"), "ROMAINE_REPORTS": "", "ROMAINE_SHARD": "",
		"ROMAINE_APP_CMD": "", "ROMAINE_APP_URL": "",
	} {
		t.Setenv(k, v)
	}
	var out lockedbuf.Buffer
	if status := terrain.New(append(suiteOptions(), terrain.WithOutput(&out))...).Run(); status != 0 {
		t.Fatalf("tags %q: the suite failed (status %d):\n%s", tags, status, out.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "coverage", "routes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f routesFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// A route only one scenario uses (asking to return an order) is reached
// when that scenario runs, by it alone, and goes to the unreached routes
// when a tag filters the scenario out.
func TestRouteOfOneScenarioFilteredOutByTag(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a feature of the demo suite twice")
	}
	const route = "POST /api/orders/{id}/return-request"
	all := demoRoutes(t, "")
	var by []string
	for _, r := range all.Reached {
		if r.Method+" "+r.Route == route {
			for _, s := range r.Scenarios {
				by = append(by, s.Location)
			}
		}
	}
	if want := []string{"features/customer_orders.feature:34"}; !slices.Equal(by, want) {
		t.Fatalf("%s reached by %q, want by %q alone", route, by, want)
	}
	if slices.Contains(all.Unreached, route) {
		t.Errorf("%s is both reached and unreached", route)
	}
	filtered := demoRoutes(t, "not @return-request")
	for _, r := range filtered.Reached {
		if r.Method+" "+r.Route == route {
			t.Errorf("%s is reached with its one scenario filtered out, by %+v", route, r.Scenarios)
		}
	}
	if !slices.Contains(filtered.Unreached, route) {
		t.Errorf("%s is not among the unreached routes with its scenario filtered out: %q", route, filtered.Unreached)
	}
}
