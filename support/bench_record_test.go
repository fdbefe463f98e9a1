package support_test

import (
	"context"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/recordbench"
	"github.com/romaine-bdd/romaine/support"
)

// BenchmarkRecordedScenarioCPU measures what the recorder adds to a small
// scenario (a page that fetches and logs, a link to another): CPU-seconds
// per scenario of this process and the browser together, with no recording
// ("off"), a recording for a consumer that keeps nothing ("collect"), and
// with what coverage ("leaving": the Debugger's pause before each document
// goes) and the flake hunter ("hold": Fetch pausing every response) turn
// on. It asserts nothing (docs/performance.md):
//
//	go test -run '^$' -bench RecordedScenarioCPU -benchtime 30x ./support/
func BenchmarkRecordedScenarioCPU(b *testing.B) {
	pages := site{
		"/": `<a href="/next">Next</a><p id="out"></p><script>
fetch("/api/items").then((r) => r.text()).then((t) => { console.log("items", t.length); out.textContent = "3 items" })</script>`,
		"/api/items": `1, 2, 3`,
		"/next":      `<p>The next page</p><script>console.log("next")</script>`,
	}
	for _, c := range []struct {
		name  string
		hooks *support.Hooks
	}{
		{"off", nil},
		{"collect", &support.Hooks{StepEnded: func(context.Context, support.Step) {}}},
		{"leaving", &support.Hooks{Leaving: func(context.Context, support.Leave) {}}},
		{"hold", &support.Hooks{Hold: func(support.Request) time.Duration { return 0 }}},
	} {
		b.Run(c.name, func(b *testing.B) {
			p := newPage(b, pages)
			ctx := context.Background()
			var consumers []support.Consumer
			if c.hooks != nil {
				consumers = []support.Consumer{func(context.Context, *support.Recording) (support.Hooks, error) { return *c.hooks, nil }}
			}
			scenario := func() error {
				return recordbench.Scenario(ctx, p, consumers,
					func() error { return p.Visit(ctx, "/") },
					func() error { return p.ExpectText(ctx, "3 items") },
					func() error { return p.Click(ctx, support.Loc("Next")) },
					func() error { return p.ExpectText(ctx, "The next page") },
				)
			}
			recordbench.CPUPerScenario(b, scenario)
		})
	}
}
