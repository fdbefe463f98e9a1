package terrain_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/romaine-bdd/romaine/support"
	"github.com/romaine-bdd/romaine/terrain"
)

// recordedApp serves a page that counts items through an API, and /lucky,
// which is unlucky on its first visit.
func recordedApp() terrain.Option {
	return terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) {
		var visits atomic.Int64
		mux := http.NewServeMux()
		mux.HandleFunc("GET /api/items", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `[1, 2, 3]`)
		})
		mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<!doctype html><title>Items</title><button onclick="fetch('/api/items').then((r) => r.json()).then((items) => out.textContent = items.length + ' items')">Count the items</button><p id="out"></p>`)
		})
		mux.HandleFunc("GET /lucky", func(w http.ResponseWriter, r *http.Request) {
			word := "bad luck"
			if visits.Add(1) > 1 {
				word = "good luck"
			}
			fmt.Fprintf(w, `<!doctype html><title>Luck</title><p>%s</p>`, word)
		})
		return mux, nil, nil
	}})
}

// A consumer is given each scenario's recording: its steps with their text
// and status, the requests of the page and of the HTTP steps, and how the
// scenario ended, attempt by attempt; its files go into the report.
func TestRecordingOfEachScenario(t *testing.T) {
	var mu sync.Mutex
	var seen []string // one line per scenario attempt
	consumer := func(ctx context.Context, r *support.Recording) (support.Hooks, error) {
		return support.Hooks{Ended: func(_ context.Context, e support.Ending) []support.Artifact {
			var b strings.Builder
			fmt.Fprintf(&b, "%s, attempt %d: %s (failed %v, flaky %v)", r.Scenario().Name, e.Attempt, e.Status, e.Failed(), e.Flaky())
			for _, st := range r.Steps() {
				fmt.Fprintf(&b, "\n  step %q %s", st.Text, st.Status)
			}
			for _, q := range r.Requests() {
				if !strings.HasSuffix(q.URL, "/favicon.ico") {
					fmt.Fprintf(&b, "\n  %s %s %s %d step %d", q.Type, q.Method, q.URL[strings.Index(q.URL[8:], "/")+8:], q.Status, q.Step)
				}
			}
			mu.Lock()
			seen = append(seen, b.String())
			mu.Unlock()
			if !e.Failed() {
				return nil
			}
			return []support.Artifact{{Path: "film.txt", MediaType: "text/plain", Data: []byte("the film of " + r.Scenario().Name)}}
		}}, nil
	}
	messages := filepath.Join(t.TempDir(), "run.ndjson")
	status, out, _ := runWith(t, map[string]string{"ROMAINE_FEATURES": "testdata/features/recorded.feature", "ROMAINE_RETRIES": "1",
		"ROMAINE_REPORTS": "messages:" + messages, "ROMAINE_PROGRESS": "off"}, []terrain.Option{recordedApp(), terrain.WithConsumer(consumer)}, nil)
	if status != 0 {
		t.Fatalf("status %d; output:\n%s", status, out)
	}
	slices.Sort(seen)
	want := []string{
		`An API call, then the page, attempt 1: passed (failed false, flaky false)
  step "I send a GET request to \"/api/items\"" passed
  step "the response status should be 200" passed
  step "I am on \"/\"" passed
  step "I click \"Count the items\"" passed
  step "I should see \"3 items\"" passed
  HTTPStep GET /api/items 200 step 0
  Document GET / 200 step 2
  Fetch GET /api/items 200 step 3`,
		`Lucky the second time, attempt 1: failed (failed true, flaky false)
  step "I am on \"/lucky\"" passed
  step "I should see \"good luck\"" failed
  Document GET /lucky 200 step 0`,
		`Lucky the second time, attempt 2: passed (failed false, flaky true)
  step "I am on \"/lucky\"" passed
  step "I should see \"good luck\"" passed
  Document GET /lucky 200 step 0`,
	}
	if !slices.Equal(seen, want) {
		t.Errorf("the consumer saw:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	f, err := os.Open(messages)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	films := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if line := sc.Text(); strings.Contains(line, `"attachment"`) && strings.Contains(line, `"fileName":"film.txt"`) {
			films++
		}
	}
	if films != 1 {
		t.Errorf("%d film.txt attachments in the messages report, want 1 (the failed attempt's)", films)
	}
}
