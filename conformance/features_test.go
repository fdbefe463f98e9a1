package conformance_test

import (
	"net/http"
	"testing"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// TestFeatures runs a sample of the corpus again through the Gherkin steps
// (features/*.feature), in the corpus's browser, with the pages as the app:
// the steps a person writes reach what support reaches.
//
//	go test ./conformance/ -run TestFeatures
func TestFeatures(t *testing.T) {
	b := needBrowser(t)
	// The environment wins over WithConfig: pin what this run is.
	for k, v := range map[string]string{
		"ROMAINE_FEATURES": "features", "ROMAINE_BROWSER_URL": b.ControlURL, "ROMAINE_WORKERS": "1",
		"ROMAINE_FORMAT": "progress", "ROMAINE_PROGRESS": "off", "ROMAINE_ARTIFACTS": t.TempDir(),
		"ROMAINE_TIMINGS": t.TempDir() + "/timings.json", "ROMAINE_ORDER": "defined", "ROMAINE_TIMEOUT": "5s",
		"ROMAINE_APP_CMD": "", "ROMAINE_APP_URL": "", "ROMAINE_APP_RESET": "", "ROMAINE_TAGS": "", "ROMAINE_SHARD": "",
		"ROMAINE_REPORTS": "", "ROMAINE_RETRIES": "", "ROMAINE_BASE_PORT": "", "ROMAINE_READY_PATH": "",
	} {
		t.Setenv(k, v)
	}
	var out lockedbuf.Buffer
	s := terrain.New(
		terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) { return pagesHandler(), nil, nil }}),
		terrain.WithSteps(steps.Register),
		terrain.WithSuggestions(steps.Suggest),
		terrain.WithOutput(&out),
	)
	if status := s.Run(); status != 0 {
		t.Fatalf("the corpus's features failed (godog status %d):\n%s", status, out.String())
	}
}
