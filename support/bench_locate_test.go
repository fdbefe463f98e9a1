package support_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// rowsPage is a plain page of n table rows, each with text, a field and a
// button; with shadow, every row is a custom element whose cells live in a
// shadow root.
func rowsPage(n int, shadow bool) string {
	var b strings.Builder
	if shadow {
		b.WriteString(`<script>customElements.define('x-row', class extends HTMLElement { connectedCallback() {
  const i = this.dataset.i;
  this.attachShadow({ mode: 'open' }).innerHTML = '<span>Row ' + i + '</span> <input aria-label="Note ' + i + '"> <button>Edit ' + i + '</button>';
} });</script>`)
	}
	b.WriteString("<table>")
	for i := range n {
		if shadow {
			fmt.Fprintf(&b, `<tr><td><x-row data-i="%d"></x-row></td></tr>`, i)
		} else {
			fmt.Fprintf(&b, `<tr><td>Row %d</td><td><input aria-label="Note %d"></td><td><button>Edit %d</button></td></tr>`, i, i, i)
		}
	}
	b.WriteString("</table>")
	return b.String()
}

// BenchmarkLocate measures one locating operation that succeeds at once, on a
// page of 300 rows: finding a button by its text, reading the page's text, and
// filling in a field by its label; on a plain page and on one whose rows are web
// components. It reports medians in milliseconds; it asserts nothing about time.
func BenchmarkLocate(b *testing.B) {
	onRows(b, func(b *testing.B, ctx context.Context, p *support.Page) {
		ops := []struct {
			name string
			do   func() error
			ms   []float64
		}{
			{name: "visible", do: func() error { return p.ExpectVisible(ctx, support.Loc("Edit 299")) }},
			{name: "text", do: func() error { return p.ExpectText(ctx, "Row 299") }},
			{name: "fill", do: func() error { return p.Fill(ctx, support.Loc("Note 299"), "x") }},
		}
		b.ResetTimer()
		for range b.N {
			for i := range ops {
				start := time.Now()
				if err := ops[i].do(); err != nil {
					b.Fatalf("%s: %v", ops[i].name, err)
				}
				ops[i].ms = append(ops[i].ms, float64(time.Since(start).Microseconds())/1000)
			}
		}
		b.StopTimer()
		for _, o := range ops {
			b.ReportMetric(percentile(o.ms, 50), o.name+"-p50-ms")
		}
	})
}

// onRows runs fn as two sub-benchmarks, plain and shadow, each on a page of
// rowsPage's 300 rows, visited.
func onRows(b *testing.B, fn func(b *testing.B, ctx context.Context, p *support.Page)) {
	for _, shadow := range []bool{false, true} {
		name := "plain"
		if shadow {
			name = "shadow"
		}
		b.Run(name, func(b *testing.B) {
			p := newPage(b, site{"/": rowsPage(300, shadow)})
			ctx := context.Background()
			if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
				b.Fatal(err)
			}
			fn(b, ctx, p)
		})
	}
}
