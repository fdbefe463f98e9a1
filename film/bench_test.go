package film

import (
	"context"
	"sync"
	"testing"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/internal/recordbench"
	"github.com/romaine-bdd/romaine/support"
)

// benchPages is a small shop like the demo store's: a styled list from an
// API, a form, a button that adds what was typed.
var benchPages = site{
	"/": `<!doctype html><html><head><title>Shop</title><style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #222 } header { background: #2e7d32; color: #fff; padding: 12px 20px }
main { display: grid; grid-template-columns: 2fr 1fr; gap: 20px; padding: 20px } .card { border: 1px solid #ddd; border-radius: 6px; padding: 10px; margin: 6px 0 }
.card b { color: #1b5e20 } form { display: flex; gap: 8px } button { background: #2e7d32; color: #fff; border: 0; padding: 6px 12px; border-radius: 4px }
</style></head><body><header>Tea shop <nav style="float: right"><a href="/basket" style="color: #fff">Basket</a></nav></header>
<main><section id="list"></section><aside><form id="f"><input id="tea" placeholder="New tea"><button type="button" id="add">Add</button></form><ul id="added"></ul></aside></main>
<script>
fetch('/api/teas').then((r) => r.json()).then((teas) => {
  for (const t of teas) { const d = document.createElement('div'); d.className = 'card'; d.innerHTML = '<b>' + t + '</b> <span>in stock</span>'; list.append(d) }
  const p = document.createElement('p'); p.textContent = teas.length + ' teas'; list.append(p);
});
add.addEventListener('click', () => { const li = document.createElement('li'); li.textContent = tea.value; added.append(li); tea.value = '' });
</script></body></html>`,
	"/api/teas": `["Green", "Black", "Oolong", "White", "Pu-erh", "Jasmine", "Earl Grey", "Chai"]`,
	"/basket":   `<!doctype html><html><head><title>Basket</title><style>body { font: 15px system-ui; margin: 20px }</style></head><body><h1>Your basket</h1><p>Empty</p></body></html>`,
}

// capturePerStep and screencast are the two ways to picture each step
// while the scenario runs, measured against the film's own (docs/performance.md):
// a capture (Page.captureScreenshot, clipped and scaled to the film's size)
// after every step, or the page's screencast (a JPEG each time the browser
// draws a changed page), its frames acknowledged and kept.
func capturePerStep(ctx context.Context, r *support.Recording) (support.Hooks, error) {
	return support.Hooks{StepEnded: func(ctx context.Context, st support.Step) {
		if _, err := capture(ctx, r.Page().Rod()); err != nil {
			panic(err)
		}
	}}, nil
}

func screencast(ctx context.Context, r *support.Recording) (support.Hooks, error) {
	var mu sync.Mutex
	var frames [][]byte
	return support.Hooks{
		Attach: func(ctx context.Context, s *support.Session) error {
			if !s.Main {
				return nil
			}
			q, size := shotQuality, shotSize
			return proto.PageStartScreencast{Format: proto.PageStartScreencastFormatJpeg, Quality: &q, MaxWidth: &size, MaxHeight: &size}.Call(s.Client(ctx))
		},
		Events: map[string]func(*support.Session, *rod.Message){"Page.screencastFrame": func(s *support.Session, m *rod.Message) {
			var ev proto.PageScreencastFrame
			if m.Load(&ev) {
				mu.Lock()
				frames = append(frames, ev.Data)
				mu.Unlock()
				go func() { _ = proto.PageScreencastFrameAck{SessionID: ev.SessionID}.Call(s.Client(context.Background())) }()
			}
		}},
		Ended: func(ctx context.Context, e support.Ending) []support.Artifact {
			_ = proto.PageStopScreencast{}.Call(r.Page().Rod().Context(ctx))
			return nil
		},
	}, nil
}

// BenchmarkFilmCPU weighs what recording the film costs a scenario that
// passes (so its film is dropped: ROMAINE_TRACE=retain-on-failure's common
// case): CPU-seconds of this process and the browser together per scenario
// of five steps, and its wall time (ns/op). "off" records nothing,
// "recorder" runs the page's recorder with a consumer that keeps nothing,
// "film" is the film (a DOM snapshot after each step), and the two ways of
// picturing each step while the scenario runs that the film does not use:
// "capture-per-step" and "screencast". It asserts nothing
// (docs/performance.md):
//
//	go test -run '^$' -bench FilmCPU -benchtime 20x ./film/
func BenchmarkFilmCPU(b *testing.B) {
	recorder := func(context.Context, *support.Recording) (support.Hooks, error) {
		return support.Hooks{StepEnded: func(context.Context, support.Step) {}}, nil
	}
	for _, c := range []struct {
		name     string
		consumer support.Consumer
	}{
		{"off", nil},
		{"recorder", recorder},
		{"film", Consumer(Options{})},
		{"capture-per-step", capturePerStep},
		{"screencast", screencast},
	} {
		b.Run(c.name, func(b *testing.B) {
			srv := serve(b, benchPages)
			p := newPage(b, srv)
			ctx := context.Background()
			var consumers []support.Consumer
			if c.consumer != nil {
				consumers = []support.Consumer{c.consumer}
			}
			scenario := func() error {
				return recordbench.Scenario(ctx, p, consumers,
					func() error { return p.Visit(ctx, "/") },
					func() error { return p.ExpectText(ctx, "8 teas") },
					func() error { return p.Fill(ctx, support.Loc("New tea"), "Mint") },
					func() error { return p.Click(ctx, support.Loc("Add")) },
					func() error { return p.ExpectText(ctx, "Mint") },
				)
			}
			recordbench.CPUPerScenario(b, scenario)
		})
	}
}
