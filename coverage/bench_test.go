package coverage_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/coverage"
	"github.com/romaine-bdd/romaine/internal/recordbench"
	"github.com/romaine-bdd/romaine/support"
)

// BenchmarkCoveredScenarioCPU is what the page's coverage costs one scenario
// on the shop page (a visit, two clicks that run the cart's script, a link to
// another page, its text): CPU-seconds of this process and the browser
// together, per scenario, on one page reused as ROMAINE_ISOLATION=reset does.
// "off" records nothing; "leaving" is the recorder with what coverage asks of
// it but no Profiler (the Debugger's pause before each document goes);
// "coverage" is the collector itself (docs/performance.md). It asserts nothing:
//
//	go test -run '^$' -bench CoveredScenarioCPU -benchtime 30x -count 3 ./coverage/
func BenchmarkCoveredScenarioCPU(b *testing.B) {
	cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
	}))
	defer cdn.Close()
	app := shop(b, cdn.URL+"/lib.js")
	for _, c := range []struct {
		name     string
		consumer func() support.Consumer
	}{
		{"off", nil},
		{"leaving", func() support.Consumer {
			return func(context.Context, *support.Recording) (support.Hooks, error) {
				return support.Hooks{Leaving: func(context.Context, support.Leave) {}}, nil
			}
		}},
		{"coverage", func() support.Consumer {
			return coverage.NewCollector(coverage.NewJS(), coverage.NewRoutes(nil)).Consumer()
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			p, err := support.NewPage(ctx, needBrowser(b).Rod(), support.PageOptions{BaseURL: app.URL, Policy: support.Policy{Timeout: 10 * time.Second, Slice: time.Second}})
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			var consumers []support.Consumer
			if c.consumer != nil {
				consumers = []support.Consumer{c.consumer()}
			}
			scenario := func() error {
				return recordbench.Scenario(ctx, p, consumers,
					func() error { return p.Visit(ctx, "/") },
					func() error { return p.Click(ctx, support.Loc("Add tea")) },
					func() error { return p.Click(ctx, support.Loc("Add tea")) },
					func() error { return p.ExpectText(ctx, "Total: 6") },
					func() error { return p.Click(ctx, support.Loc("Check out")) },
					func() error { return p.ExpectText(ctx, "Thanks") },
				)
			}
			recordbench.CPUPerScenario(b, scenario)
		})
	}
}
