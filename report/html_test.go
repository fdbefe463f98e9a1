package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

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
		// An example's title holds its values, but those its name holds already.
		`<a href="#s-testdata-checkout.feature-18">failed: Checkout: Shipping to Japan (price: 20)</a>`,
		`<a href="#s-testdata-checkout.feature-7">flaky: Checkout: Paying by card</a>`,
		`id="s-testdata-checkout.feature-18" class="scenario failed" data-result="failed"`,
		`<label><input type="checkbox" value="failed" checked> failed (1)</label>`,
		`<input type="search" id="search"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	checkFetchesNothing(t, page)
}

var (
	// urlAttribute is every attribute that makes a browser fetch or go somewhere.
	urlAttribute = regexp.MustCompile(`(?i)\s(src|href|action|formaction|srcset|poster|background|data|xlink:href|ping)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
	scriptTag    = regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`)
	cspMeta      = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	// fetchers are the ways a script could reach the network or leave the page.
	fetchers = regexp.MustCompile(`fetch\(|XMLHttpRequest|import\(|WebSocket|EventSource|sendBeacon|new Image|\.src\s*=|location\s*=|location\.(href|assign|replace)|window\.open|createElement\('(?:script|img|link|object|embed|form|a)'|setAttribute\('(?:href|action|data)'`)
	// filmFrames is the one element the script makes: the step film's frame
	// for a DOM snapshot, sandboxed (no script runs in it), whose document is
	// the snapshot (srcdoc) or a file of the report's films folder; the page's
	// Content-Security-Policy lets no frame load anything else.
	filmFrames = regexp.MustCompile(`createElement\('([a-z]+)'\)`)
)

// checkFetchesNothing: the page loads nothing and goes nowhere: every URL in
// it is a data: URI or an in-page anchor, no style imports or url(), no frame,
// object or base; one inline script, which reaches for no network, and which
// the page's Content-Security-Policy allows by its hash (so no other could run).
func checkFetchesNothing(t *testing.T, page string) {
	t.Helper()
	for _, m := range urlAttribute.FindAllStringSubmatch(page, -1) {
		v := strings.Trim(m[2], `"'`)
		if !strings.HasPrefix(v, "data:") && !strings.HasPrefix(v, "#") {
			t.Errorf("the report points outside itself: %s", strings.TrimSpace(m[0]))
		}
	}
	if m := regexp.MustCompile(`(?i)url\(|@import|<iframe|<object|<embed|<base\b|<link(?:[^>]*)rel="(?:stylesheet|preload|prefetch|import)|http-equiv="refresh"`).FindString(page); m != "" {
		t.Errorf("the report loads something: %s", m)
	}
	scripts := scriptTag.FindAllStringSubmatch(page, -1)
	if len(scripts) != 1 {
		t.Fatalf("the report has %d scripts, want its one", len(scripts))
	}
	if strings.TrimSpace(scripts[0][1]) != "" {
		t.Errorf("the script tag has attributes: %s", scripts[0][1])
	}
	if m := fetchers.FindString(scripts[0][2]); m != "" {
		t.Errorf("the script could reach the network or leave the page: %s", m)
	}
	for _, m := range filmFrames.FindAllStringSubmatch(scripts[0][2], -1) {
		if m[1] != "iframe" || !strings.Contains(scripts[0][2], "setAttribute('sandbox', 'allow-same-origin')") {
			t.Errorf("the script makes an element that is not the film's sandboxed frame: %s", m[0])
		}
	}
	sum := sha256.Sum256([]byte(scripts[0][2]))
	csp := cspMeta.FindStringSubmatch(page)
	want := "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp == nil || csp[1] != want {
		t.Errorf("the Content-Security-Policy must allow the page's script by its hash and nothing else\nwant %s\ngot  %v", want, csp)
	}
}

// playNoted plays a pickle as godog would, with the notes terrain adds: each
// step's {{references}} as resolved (by resolve), and the attempt's replay.
func (s *sim) playNoted(p *messages.Pickle, failAt int, resolve map[string]string, replay *Replay) {
	s.fmt.Pickle(p)
	a := s.r.start(p, "1")
	ctx := context.WithValue(context.Background(), attemptKey{}, a)
	var failed error
	for i, st := range p.Steps {
		a.stepStarted(st)
		if failed != nil {
			a.stepFinished(st, godog.StepSkipped, nil, nil)
			s.fmt.Skipped(p, st, nil)
			continue
		}
		var rs []Resolution
		text := st.Text
		if st.Argument != nil && st.Argument.DocString != nil {
			text += st.Argument.DocString.Content
		}
		if st.Argument != nil && st.Argument.DataTable != nil {
			for _, r := range st.Argument.DataTable.Rows {
				for _, c := range r.Cells {
					text += c.Value
				}
			}
		}
		for _, m := range regexp.MustCompile(`\{\{\s*([^{}]+?)\s*\}\}`).FindAllStringSubmatch(text, -1) {
			rs = append(rs, Resolution{Written: m[0], Value: resolve[m[1]]})
		}
		s.r.Resolved(ctx, st, rs)
		if i == failAt {
			failed = errors.New(`no visible text "Thank you, Bob" on the page`)
			a.stepFinished(st, godog.StepFailed, failed, nil)
			s.fmt.Failed(p, st, nil, failed)
			continue
		}
		a.stepFinished(st, godog.StepPassed, nil, nil)
		s.fmt.Passed(p, st, nil)
	}
	if replay != nil {
		s.r.Replay(ctx, *replay)
	}
	a.finish(failed)
}

// detailsRun is testdata/details.feature played with terrain's notes: two
// examples of an outline, the second failing at its last step.
func detailsRun(t *testing.T) []*messages.Envelope {
	g := newSim(t)
	g.r.now = func() time.Time { return time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC) }
	pickles := g.run("testdata/details.feature", 0)
	values := map[string]string{"shop.owner": "Olga", "alice.email": "alice@example.com", "alice.name": "Alice",
		"bob.email": "bob@example.com", "bob.name": "Bob"}
	g.playNoted(pickles[0], -1, values, &Replay{Seed: 11, Command: "ROMAINE_SEED=11 ROMAINE_FEATURES=testdata/details.feature:16"})
	g.playNoted(pickles[1], 3, values, &Replay{Seed: 8151, Command: "ROMAINE_SEED=8151 ROMAINE_FEATURES=testdata/details.feature:17"})
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	envs := g.r.Envelopes()
	checkReferences(t, envs)
	return envs
}

// An outline's examples, a table, a doc string, references as written and as
// run, and a failure's seed and replay command, as the report shows them
// (testdata/details.golden; go test -run TestHTMLReportDetails -update ./report/).
func TestHTMLReportDetails(t *testing.T) {
	envs := detailsRun(t)
	var buf bytes.Buffer
	if err := WriteHTML(&buf, Build(envs)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	start, end := strings.Index(page, `<section class="feature">`), strings.LastIndex(page, `</section>`)
	if start < 0 || end < 0 {
		t.Fatalf("no feature section in the report:\n%s", page)
	}
	got := page[start:end+len(`</section>`)] + "\n"
	if *update {
		if err := os.WriteFile("testdata/details.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/details.golden")
	if err != nil {
		t.Fatalf("%v (go test -run %s -update ./report/ writes it)", err, t.Name())
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("the report's scenarios changed (-golden +got); if intended, rerun with -update:\n%s", d)
	}
	// What the golden file must show, should it be rewritten wrong.
	for _, want := range []string{
		`<strong>Paying with a card (who: alice, total: 12)</strong>`,
		`<strong>Paying with a card (who: bob, total: 30)</strong>`,
		`<table class="arg"><tr><td>email</td><td>bob@example.com</td></tr><tr><td>name</td><td>{{shop.owner}}</td></tr></table>`,
		`<pre class="docstring">{&#34;email&#34;: &#34;{{bob.email}}&#34;, &#34;total&#34;: 30}</pre>`,
		`<span class="step-status">as run</span>When I fill in &#34;Email&#34; with &#34;bob@example.com&#34;`,
		`<table class="arg"><tr><td>email</td><td>bob@example.com</td></tr><tr><td>name</td><td>Olga</td></tr></table>`,
		`<pre class="docstring">{&#34;email&#34;: &#34;bob@example.com&#34;, &#34;total&#34;: 30}</pre>`,
		`<span class="step-status">as run</span>Then I should see &#34;Thank you, Bob&#34;`,
		`Factory seed <code>8151</code>; the same data again: <code class="command">ROMAINE_SEED=8151 ROMAINE_FEATURES=testdata/details.feature:17</code>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	if strings.Contains(got, "ROMAINE_SEED=11") {
		t.Errorf("the replay command is shown for a passed scenario")
	}
	if strings.Contains(got, "x.romaine") || strings.Contains(got, "application/x.") {
		t.Errorf("Romaine's notes are shown as attachments")
	}
}

// A step's references read as the step resolved them: one reference met in
// several rows takes its values in turn, a value that holds a reference is
// not read again, and a step that resolved none is shown once.
func TestStepAsRun(t *testing.T) {
	rows := &Step{Text: "the following orders exist:", Table: [][]string{{"customer_id"}, {"{{customer.id}}"}, {"{{customer.id}}"}},
		Resolved: []Resolution{{"{{customer.id}}", "1"}, {"{{customer.id}}", "2"}}}
	if got := rows.AsRun(); got == nil || !cmp.Equal(got.Table, [][]string{{"customer_id"}, {"1"}, {"2"}}) || got.Text != rows.Text {
		t.Errorf("rows take the values in turn: %+v", got)
	}
	odd := &Step{Text: `I should see "{{a.x}} and {{a.x}} and {{a.x}}"`, Resolved: []Resolution{{"{{a.x}}", "1"}, {"{{a.x}}", "2"}}}
	if got := odd.AsRun(); got == nil || got.Text != `I should see "1 and 1 and 1"` {
		t.Errorf("met more often than resolved, a reference takes its first value: %+v", got)
	}
	self := &Step{Text: `I type "{{note.text}}"`, Resolved: []Resolution{{"{{note.text}}", "see {{note.text}}"}}}
	if got := self.AsRun(); got == nil || got.Text != `I type "see {{note.text}}"` {
		t.Errorf("a value is not resolved again: %+v", got)
	}
	if got := (&Step{Text: `I click "Save"`}).AsRun(); got != nil {
		t.Errorf("a step without references has no as-run form: %+v", got)
	}
}

// JUnit tells an outline's examples apart by their values too, and a failed
// one's output says how to run it again with the same data.
func TestJUnitNamesExamplesAndReplays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := WriteJUnit(path, Build(detailsRun(t))); err != nil {
		t.Fatal(err)
	}
	x, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<testcase name="Paying with a card (who: alice, total: 12)"`,
		`<testcase name="Paying with a card (who: bob, total: 30)"`,
		`factory seed 8151; the same data again: ROMAINE_SEED=8151 ROMAINE_FEATURES=testdata/details.feature:17`,
	} {
		if !strings.Contains(string(x), want) {
			t.Errorf("JUnit lacks %s:\n%s", want, x)
		}
	}
	if strings.Contains(string(x), "ROMAINE_SEED=11") {
		t.Errorf("a passed scenario's replay is in JUnit:\n%s", x)
	}
}
