package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestHTMLReportIsSelfContained(t *testing.T) {
	g := newSim(t)
	pickles := g.run("testdata/checkout.feature", 0)
	g.play(pickles[0], "1", 2)
	g.play(pickles[1], "2", -1)
	g.play(pickles[2], "1", 1)
	g.play(g.run("testdata/checkout.feature", 200, 7)[0], "2", -1)
	var buf bytes.Buffer
	if err := WriteHTML(&buf, Build(g.r.Envelopes())); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`3 scenarios`, `1 passed`, `1 failed`, `1 flaky`, `0 not run`,
		`<span class="badge flaky">flaky</span>`,
		`src="data:image/png;base64,iVBORyBmYWtl"`,                    // the screenshot, inline
		`expected &#34;Thank you&#34; &lt;b&gt;on the page&lt;/b&gt;`, // the error, escaped
		`&lt;html&gt;&lt;body&gt;Oops`,                                // the page's HTML, as text
		`Attempt 1 of 2: failed on worker 1`,
		`testdata/checkout.feature:7 @smoke · worker 2`,
		`<a href="#s-testdata-checkout.feature-18">failed: Checkout: Shipping to Japan</a>`,
		`<a href="#s-testdata-checkout.feature-7">flaky: Checkout: Paying by card</a>`,
		`id="s-testdata-checkout.feature-18"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	// Nothing is fetched: no external src, href, url() or @import.
	if m := regexp.MustCompile(`(?i)(src|href)="(https?:)?//|url\(|@import|<script`).FindString(page); m != "" {
		t.Errorf("the report loads something from outside: %s", m)
	}
}
