package support_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// BenchmarkWorldMemory measures what the script's isolated world costs in
// memory, per frame: a page of ten same-origin frames, the renderer's
// JavaScript heap (Runtime.getHeapUsage, after a garbage collection) before
// any step and after a step in each frame (each creates the world in its
// frame and installs the script there). It also reports the first step in a
// frame, which pays for the world. It asserts nothing.
func BenchmarkWorldMemory(b *testing.B) {
	const frames = 10
	var top strings.Builder
	for i := range frames {
		fmt.Fprintf(&top, `<iframe title="F%d" src="/inner" width="300" height="60"></iframe>`, i)
	}
	var perFrame, first []float64
	for range b.N {
		p := newPage(b, site{"/": top.String(), "/inner": `<p>Inner text</p><button>Go</button>`})
		ctx := context.Background()
		if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
			b.Fatal(err)
		}
		if err := p.ExpectCount(ctx, support.Loc("iframe"), frames); err != nil { // the top frame's world
			b.Fatal(err)
		}
		before := heapUsed(b, p)
		for i := range frames {
			start := time.Now()
			if err := p.InFrame(support.Loc(fmt.Sprintf("F%d", i))).ExpectText(ctx, "Inner text"); err != nil {
				b.Fatal(err)
			}
			first = append(first, ms(time.Since(start)))
		}
		perFrame = append(perFrame, (heapUsed(b, p)-before)/frames/1024)
	}
	b.ReportMetric(percentile(perFrame, 50), "heap-KiB/frame")
	b.ReportMetric(percentile(first, 50), "first-step-in-frame-ms/p50")
}

// heapUsed is the page's renderer's used JavaScript heap, in bytes, after a
// garbage collection.
func heapUsed(tb testing.TB, p *support.Page) float64 {
	tb.Helper()
	rp := p.Rod()
	if err := (proto.HeapProfilerCollectGarbage{}).Call(rp); err != nil {
		tb.Fatal(err)
	}
	h, err := proto.RuntimeGetHeapUsage{}.Call(rp)
	if err != nil {
		tb.Fatal(err)
	}
	return h.UsedSize
}
