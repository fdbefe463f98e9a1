package support_test

import (
	"context"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// BenchmarkLocateInPage measures the in-page JavaScript of locating alone,
// timed inside the page (no CDP round trip, so less of the machine's noise):
// finding a button by its text and a field by its label on the 300 rows of
// BenchmarkLocate, plain and as web components, 50 times each per iteration.
// It reports one locate in microseconds: the median of the iterations and
// their best (the least disturbed by other work on a shared machine).
func BenchmarkLocateInPage(b *testing.B) {
	onRows(b, func(b *testing.B, ctx context.Context, p *support.Page) {
		var button, field []float64
		for range b.N {
			v, err := support.InPage(ctx, p, `function () {
  const time = (kind, q) => { const t = performance.now(); for (let i = 0; i < 50; i++) this.part('resolve', {}, document, q, kind); return (performance.now() - t) * 1000 / 50; };
  return [time('button', 'Edit 150'), time('field', 'Note 150')];
}`)
			if err != nil {
				b.Fatal(err)
			}
			button = append(button, v.Arr()[0].Num())
			field = append(field, v.Arr()[1].Num())
		}
		b.ReportMetric(percentile(button, 50), "button-us/p50")
		b.ReportMetric(percentile(button, 0), "button-us/best")
		b.ReportMetric(percentile(field, 50), "field-us/p50")
		b.ReportMetric(percentile(field, 0), "field-us/best")
	})
}
