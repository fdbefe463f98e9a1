package support_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// reactionPage inserts #late 300 ms after #start is clicked and records when, in
// epoch milliseconds, so the delay from insertion to our noticing it can be
// measured across the browser and Go (one machine, one clock).
const reactionPage = `<button id="start">Start</button><div id="box"></div><script>
window.insertedAt = 0;
document.getElementById('start').addEventListener('click', () => setTimeout(() => {
  box.innerHTML = '<p id="late">Here I am</p>';
  window.insertedAt = performance.timeOrigin + performance.now();
}, 300));
</script>`

// BenchmarkReaction measures how long after an element appears a wait notices it:
// our ExpectVisible and Click, and rod's plain page.Element with its default
// polling, in the same run. It reports the median and 95th percentile of each in
// milliseconds; it asserts nothing about time.
func BenchmarkReaction(b *testing.B) {
	p := newPage(b, site{"/": reactionPage})
	ctx := context.Background()
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
		b.Fatal(err)
	}
	pol := support.Policy{Timeout: 10 * time.Second, Slice: support.DefaultPolicy().Slice}
	ours := p.WithPolicy(pol)
	late := support.Loc("#late")
	series := []struct {
		name string
		wait func() error
		ms   []float64
	}{
		{name: "ours-visible", wait: func() error { return ours.ExpectVisible(ctx, late) }},
		{name: "ours-click", wait: func() error { return ours.Click(ctx, late) }},
		{name: "rod-element", wait: func() error {
			_, err := p.Rod().Timeout(pol.Timeout).Element("#late")
			return err
		}},
	}
	b.ResetTimer()
	for range b.N {
		for i := range series {
			s := &series[i]
			js(b, p, "(box.innerHTML = '', window.insertedAt = 0, start.click(), 1)")
			if err := s.wait(); err != nil {
				b.Fatalf("%s: %v", s.name, err)
			}
			noticed := float64(time.Now().UnixMicro()) / 1000
			inserted := js(b, p, "window.insertedAt").Num()
			if inserted == 0 {
				b.Fatalf("%s returned before the element was inserted", s.name)
			}
			s.ms = append(s.ms, noticed-inserted)
		}
	}
	b.StopTimer()
	for _, s := range series {
		b.ReportMetric(percentile(s.ms, 50), s.name+"-p50-ms")
		b.ReportMetric(percentile(s.ms, 95), s.name+"-p95-ms")
	}
}

// BenchmarkNewPage measures what a scenario pays for a fresh browser context and
// page (NewPage, then Close); it reports the median in milliseconds.
func BenchmarkNewPage(b *testing.B) {
	br := needBrowser(b)
	ctx := context.Background()
	var ms []float64
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		p, err := support.NewPage(ctx, br.Rod(), support.PageOptions{BaseURL: "http://127.0.0.1/", Policy: testPolicy})
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
		ms = append(ms, float64(time.Since(start).Microseconds())/1000)
	}
	b.StopTimer()
	b.ReportMetric(percentile(ms, 50), "p50-ms")
	b.ReportMetric(percentile(ms, 95), "p95-ms")
}

// percentile is the nearest-rank percentile of xs.
func percentile(xs []float64, pct float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	rank := int(math.Ceil(pct / 100 * float64(len(s))))
	return s[max(rank, 1)-1]
}

// BenchmarkTakePage measures what a scenario waits for its fresh page when the
// worker prepares the next one while a scenario runs (support.Pages). Between
// takes runs a short scenario: a visit, and text the page shows after 500 ms
// (the demo store's scenarios take 1-2 s). Scenarios shorter than a page takes
// to make (BenchmarkNewPage) would wait for the difference.
func BenchmarkTakePage(b *testing.B) {
	br := needBrowser(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<title>t</title><script>setTimeout(() => document.body.append('ready'), 500)</script>`)
	}))
	defer srv.Close()
	ctx := context.Background()
	pages := support.NewPages(ctx, br.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: testPolicy}, support.IsolationContext)
	defer pages.Close()
	var ms []float64
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		p, err := pages.Take(ctx)
		if err != nil {
			b.Fatal(err)
		}
		ms = append(ms, float64(time.Since(start).Microseconds())/1000)
		if err := p.Visit(ctx, "/"); err != nil {
			b.Fatal(err)
		}
		if err := p.ExpectText(ctx, "ready"); err != nil {
			b.Fatal(err)
		}
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(percentile(ms, 50), "take-p50-ms")
	b.ReportMetric(percentile(ms, 95), "take-p95-ms")
}
