package support_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// opsPage has one control of each kind, each two shadow roots deep (an x-panel
// inside an x-panel), and a log in the light DOM that every event writes to, so
// the same checks work on the page and inside frames.
const opsPage = `<script>
const log = (s) => { document.getElementById('log').textContent += ' ' + s; };
customElements.define('x-panel', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: 'open' }).innerHTML = this.hasAttribute('inner') ?
      '<button id="b">Twice</button> <span id="h">Hover me</span> <label for="t">Note</label> <input id="t" value="old">' +
      ' <label for="s">Colour</label> <select id="s"><option>Red</option><option>Blue</option></select>' +
      ' <label><input type="checkbox" id="c" checked> Gift wrap</label> <label><input type="radio" name="r" id="r"> Express</label>' +
      ' <label for="f">Receipt</label> <input type="file" id="f"> <button disabled>Locked</button> <p id="p">Panel total: 42</p>'
      : '<div><slot></slot><x-panel inner></x-panel></div>';
    const r = this.shadowRoot;
    if (!this.hasAttribute('inner')) return;
    r.getElementById('b').addEventListener('dblclick', () => log('dblclick'));
    r.getElementById('h').addEventListener('mouseover', () => log('hover'));
    r.getElementById('t').addEventListener('change', (e) => log('note=' + e.target.value));
    r.getElementById('s').addEventListener('change', (e) => log('colour=' + e.target.value));
    r.getElementById('c').addEventListener('change', (e) => log('gift=' + e.target.checked));
    r.getElementById('r').addEventListener('change', () => log('express'));
    r.getElementById('f').addEventListener('change', (e) => log('file=' + e.target.files[0].name));
  }
});
</script>
<x-panel><h2>Outer panel</h2></x-panel>
<p id="log">log:</p>`

// everyOperation runs each locating operation of Page on opsPage in p (the page
// itself or a frame view of it).
func everyOperation(t *testing.T, ctx context.Context, p *support.Page) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "receipt.txt")
	if err := os.WriteFile(file, []byte("paid"), 0o644); err != nil {
		t.Fatal(err)
	}
	ops := []struct {
		what string
		do   func() error
	}{
		{"double-click", func() error { return p.DoubleClick(ctx, support.Loc("Twice")) }},
		{"hover", func() error { return p.Hover(ctx, support.Loc("Hover me")) }},
		{"value", func() error { return p.ExpectValue(ctx, support.Loc("Note"), "old") }},
		{"clear", func() error { return p.Clear(ctx, support.Loc("Note")) }},
		{"empty", func() error { return p.ExpectValue(ctx, support.Loc("Note"), "") }},
		{"fill", func() error { return p.Fill(ctx, support.Loc("Note"), "new") }},
		{"select", func() error { return p.Select(ctx, support.Loc("Colour"), "Blue") }},
		{"checked", func() error { return p.ExpectState(ctx, support.Loc("Gift wrap"), support.Checked) }},
		{"uncheck", func() error { return p.SetChecked(ctx, support.Loc("Gift wrap"), false) }},
		{"unchecked", func() error { return p.ExpectState(ctx, support.Loc("Gift wrap"), support.Unchecked) }},
		{"choose", func() error { return p.Choose(ctx, support.Loc("Express")) }},
		{"attach", func() error { return p.AttachFile(ctx, support.Loc("Receipt"), file) }},
		{"disabled", func() error { return p.ExpectState(ctx, support.Loc("Locked"), support.Disabled) }},
		{"enabled", func() error { return p.ExpectState(ctx, support.Loc("Twice"), support.Enabled) }},
		{"visible", func() error { return p.ExpectVisible(ctx, support.Loc("Panel total")) }},
		{"hidden", func() error { return p.ExpectHidden(ctx, support.Loc("Sold out")) }},
		{"text", func() error { return p.ExpectText(ctx, "Outer panel Twice Hover me") }},
		{"exact text in a scope", func() error { return p.ExpectExactText(ctx, "Panel total: 42", support.Within("css=#p")) }},
		{"no text", func() error { return p.ExpectNoText(ctx, "Sold out") }},
		{"count", func() error { return p.ExpectCount(ctx, support.Loc("css=input"), 4) }},
		{"click in a scope", func() error { return p.Click(ctx, support.Loc("Twice", support.Within("css=x-panel[inner]"))) }},
		// The note's changes: the clear's, fired by the assertion after it;
		// the fill's, by the select (a person moving on), which picks its
		// option without taking the focus, as Playwright's does; and no
		// third: the browser's own for the same edit, as the field loses
		// focus at the uncheck's click, is stopped (see inpage/55-change.js).
		{"the log", func() error {
			return p.ExpectExactText(ctx, "log: dblclick hover note= note=new colour=Blue gift=false express file=receipt.txt", support.Within("#log"))
		}},
	}
	for _, o := range ops {
		if err := o.do(); err != nil {
			t.Fatalf("%s: %v", o.what, err)
		}
	}
}

func TestEveryOperationInShadowRoots(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": opsPage})
	everyOperation(t, ctx, p)
}

func TestEveryOperationInFrames(t *testing.T) {
	t.Parallel()
	other := serveAt(t, "127.0.0.2:0", site{"/ops": opsPage})
	p, ctx := open(t, site{
		"/":    `<iframe title="Same" src="/ops" width="900" height="300"></iframe><iframe title="Other" src="` + other.URL + `/ops" width="900" height="300"></iframe>`,
		"/ops": opsPage,
	})
	for _, f := range []string{"Same", "Other"} {
		t.Run(f, func(t *testing.T) { everyOperation(t, ctx, p.InFrame(support.Loc(f))) })
	}
}
