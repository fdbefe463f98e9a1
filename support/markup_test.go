package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// A link whose text is wrapped in an element (every router link, every nav
// item with an icon) is hit on the inner element, which must count as the
// link: an anchor's .host is its URL's host, not a shadow host.
func TestLinkWithWrappedText(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<nav>
<a href="#next" onclick="rec('next')"><span>Go next</span></a>
<a href="#home" onclick="rec('home')"><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="6"/></svg> <span class="label">Home</span></a>
</nav>`})
	if err := p.Click(ctx, support.Loc("Go next")); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(ctx, support.Loc("Home").As(support.LinkKind)); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "next", "home")
}

// A web-component listbox whose options are the host's light-DOM children,
// slotted into the listbox inside its shadow tree.
func TestSelectSlottedOptions(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `
<x-select label="Plan"><div role="option">Free</div><div role="option">Pro</div><div role="option">Team</div></x-select>
<script>
customElements.define('x-select', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const r = this.attachShadow({ mode: 'open' });
    r.innerHTML = '<span id="l">' + this.getAttribute('label') + '</span><div role="listbox" aria-labelledby="l"><slot></slot></div>';
    this.addEventListener('click', (e) => { const o = e.target.closest('[role=option]'); if (o) rec('plan=' + o.textContent); });
  }
});
</script>`})
	if err := p.Select(ctx, support.Loc("Plan"), "Pro"); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "plan=Pro")
}

// Asked what an element is, not whether it has a property: a <button
// role=combobox> has a .value (empty) but shows its value as text; an option
// in a disabled optgroup is disabled though its own .disabled is false; a link
// in a disabled fieldset is not a form control and stays enabled.
func TestStateByWhatAnElementIs(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `
<label id="size-l">Size</label>
<button role="combobox" aria-labelledby="size-l" aria-expanded="false">Medium</button>
<label>Plan <select onchange="rec('plan=' + this.value)"><option>Free</option><optgroup label="Paid" disabled><option>Pro</option></optgroup></select></label>
<fieldset disabled><legend>Billing</legend><a href="#terms" onclick="rec('terms')">Read the terms</a> <button>Pay</button></fieldset>`})
	if err := p.ExpectValue(ctx, support.Loc("Size"), "Medium"); err != nil {
		t.Error(err)
	}
	wantTimeout(t, p.Select(ctx, support.Loc("Plan"), "Pro"), `option "Pro" is disabled`)
	if err := p.Click(ctx, support.Loc("Read the terms")); err != nil {
		t.Error(err)
	}
	if err := p.ExpectState(ctx, support.Loc("Pay"), support.Disabled); err != nil {
		t.Error(err)
	}
	wantEvents(t, p, "terms")
}
