package terrain_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/romaine-bdd/romaine/internal/godogrecord"
	"github.com/romaine-bdd/romaine/terrain"
)

// A run printed in progress or pretty lets go of godog's record of each
// scenario once it passed (so one long run's memory stays flat: see
// internal/godogrecord), and godog's summary still counts every one. godog's
// other formats read the whole record at the end: there it is kept.
func TestPassedScenariosAreLetGoOf(t *testing.T) {
	site := staticSite(t)
	for _, tc := range []struct {
		format string
		pruned int
	}{{"progress", 6}, {"cucumber", 0}} {
		t.Run(tc.format, func(t *testing.T) {
			var mu sync.Mutex
			var consoles []*godogrecord.Console
			status, out, _ := run(t, map[string]string{"ROMAINE_APP_CMD": site, "ROMAINE_FORMAT": tc.format, "ROMAINE_WORKERS": "2"}, func(s *terrain.Suite) {
				terrain.OnConsole(s, func(c *godogrecord.Console) {
					mu.Lock()
					defer mu.Unlock()
					consoles = append(consoles, c)
				})
			})
			if status != 0 {
				t.Fatalf("status %d, want 0:\n%s", status, out)
			}
			pruned := 0
			for _, c := range consoles {
				n, off := c.Pruned()
				if off != "" {
					t.Errorf("the console could not let go of godog's record: %s", off)
				}
				pruned += n
			}
			if pruned != tc.pruned {
				t.Errorf("%d scenarios' records were let go of under ROMAINE_FORMAT=%s, want %d", pruned, tc.format, tc.pruned)
			}
			if tc.format == "progress" && !strings.Contains(out, "\n6 scenarios (6 passed)\n33 steps (33 passed)\n") {
				t.Errorf("godog's summary does not count every scenario and step:\n%s", out)
			}
		})
	}
}
