package support_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/proccpu"
	"github.com/romaine-bdd/romaine/support"
)

// treeCPU is the CPU time, in seconds, of this process and the live
// processes it started (proccpu.Tree); it skips where /proc is missing.
func treeCPU(tb testing.TB) float64 {
	tb.Helper()
	t, err := proccpu.Tree()
	if err != nil {
		tb.Skip(err)
	}
	return t
}

// stepsPage is a small form like the demo store's: a list, a field, a button
// that adds what was typed to the list.
const stepsPage = `<h1>Notes</h1><ul id="list"><li>First note</li></ul>
<label>Note <input id="note"></label> <button id="add">Add</button>
<script>add.addEventListener('click', () => { const li = document.createElement('li');
li.textContent = note.value; list.append(li); note.value = ''; });</script>`

// BenchmarkStepCPU measures what one step costs: a fill, a click and a text
// check, repeated, on a page that is quiet between them. It reports the median
// wall time per step and the CPU-seconds per step of this process and the
// browser's together (from /proc); it asserts nothing about either.
func BenchmarkStepCPU(b *testing.B) {
	p := newPage(b, site{"/": stepsPage})
	ctx := context.Background()
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
		b.Fatal(err)
	}
	var ms []float64
	cpu0 := treeCPU(b)
	b.ResetTimer()
	for i := range b.N {
		note := "Note number " + strconv.Itoa(i)
		for _, step := range []func() error{
			func() error { return p.Fill(ctx, support.Loc("Note"), note) },
			func() error { return p.Click(ctx, support.Loc("Add")) },
			func() error { return p.ExpectText(ctx, note) },
		} {
			start := time.Now()
			if err := step(); err != nil {
				b.Fatal(err)
			}
			ms = append(ms, float64(time.Since(start).Microseconds())/1000)
		}
	}
	b.StopTimer()
	b.ReportMetric(percentile(ms, 50), "step-p50-ms")
	b.ReportMetric((treeCPU(b)-cpu0)*1000/float64(len(ms)), "cpu-ms/step")
}

// BenchmarkIdleWaitCPU measures what a wait costs while nothing changes: the
// page shows its text 2 s after the wait starts, with no other change. It
// reports the CPU-milliseconds of this process and the browser's per second of
// waiting.
func BenchmarkIdleWaitCPU(b *testing.B) {
	p := newPage(b, site{"/": `<p>Waiting</p><p id="later"></p><script>function later() { setTimeout(() => { document.getElementById('later').textContent = 'Finally here'; }, 2000); }</script>`})
	ctx := context.Background()
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
		b.Fatal(err)
	}
	pol := support.Policy{Timeout: 10 * time.Second, Slice: support.DefaultPolicy().Slice}
	var waited, cpu float64
	b.ResetTimer()
	for range b.N {
		js(b, p, "(document.getElementById('later').textContent = '', later(), 1)")
		c0, t0 := treeCPU(b), time.Now()
		if err := p.WithPolicy(pol).ExpectText(ctx, "Finally here"); err != nil {
			b.Fatal(err)
		}
		cpu += treeCPU(b) - c0
		waited += time.Since(t0).Seconds()
	}
	b.StopTimer()
	b.ReportMetric(cpu*1000/waited, "cpu-ms/s-waiting")
}
