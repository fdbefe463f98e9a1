package support_test

import (
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// componentsJS defines plain custom elements whose markup lives in open shadow
// roots, the way design systems build them. Clicks record "click:KEY" of the
// nearest data-k, across shadow roots (composedPath).
const componentsJS = `<script>
document.addEventListener('click', (e) => {
  const k = e.composedPath().find((n) => n.dataset && n.dataset.k);
  if (k) rec('click:' + k.dataset.k);
});
const shadow = (el, html, opts) => { el.attachShadow(Object.assign({ mode: 'open' }, opts)).innerHTML = html; return el.shadowRoot; };
// A form-associated text field: label from its label attribute or a slotted label.
customElements.define('x-input', class extends HTMLElement {
  static formAssociated = true;
  connectedCallback() {
    if (this.shadowRoot) return;
    const label = this.getAttribute('label');
    shadow(this, '<style>:host{display:block;margin:4px 0}</style><label for="i">' + (label ? label : '<slot name="label"></slot>') + '</label> <input id="i">', { delegatesFocus: true });
    this.shadowRoot.querySelector('input').addEventListener('change', (e) => rec('change:' + this.dataset.k + '=' + e.target.value));
  }
  get value() { return this.shadowRoot.querySelector('input').value; }
});
// A bare form-associated field with no inner input (the host takes the text).
customElements.define('x-plain', class extends HTMLElement {
  static formAssociated = true;
  connectedCallback() { if (!this.shadowRoot) shadow(this, '<span>plain</span>'); }
});
// A checkbox whose label is its slotted content.
customElements.define('x-checkbox', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    shadow(this, '<input type="checkbox" id="c"><label for="c"><slot></slot></label>');
  }
  get checked() { return this.shadowRoot.querySelector('input').checked; }
});
// A button that renders a native button around its slotted text; disabled
// from its own attribute (not passed down).
customElements.define('x-button', class extends HTMLElement {
  connectedCallback() { if (!this.shadowRoot) shadow(this, '<button part="b"><slot></slot></button>'); }
});
// A dialog: title and close button in its shadow root, body slotted.
customElements.define('x-dialog', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    shadow(this, '<style>:host{display:block;border:1px solid}</style><h2>' + this.getAttribute('heading') + '</h2><slot></slot><footer><x-button data-k="' + this.dataset.k + '-close">Close</x-button></footer>');
  }
});
// A card that nests another component: text two shadow roots deep.
customElements.define('x-card', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    shadow(this, '<style>:host{display:block}</style><p>Card of <slot name="who"></slot>, welcome.</p><x-dialog heading="' + this.getAttribute('heading') + '" data-k="' + this.dataset.k + '"><slot></slot></x-dialog>');
  }
});
</script>`

const shadowPage = componentsJS + `
<x-input label="Full name" data-k="name"></x-input>
<x-input data-k="email"><span slot="label">Email address</span></x-input>
<label for="phone-host">Phone</label> <x-input id="phone-host" data-k="phone"></x-input>
<span id="city-label">City</span> <x-input aria-labelledby="city-label" data-k="city"></x-input>
<x-checkbox data-k="terms">I agree to the terms</x-checkbox>
<div role="switch" aria-checked="false" tabindex="0" data-k="dark" onclick="this.setAttribute('aria-checked', String(this.getAttribute('aria-checked') !== 'true'))">Dark mode</div>
<x-button disabled data-k="delete">Delete forever</x-button>
<x-button aria-disabled="true" data-k="archive">Archive all</x-button>
<x-button data-k="keep">Keep</x-button>
<x-card heading="Terms of service" data-k="outer"><b slot="who">Ann</b><p>Read them all.</p></x-card>
<div id="hidden-host" style="display:none"><x-input label="Secret code" data-k="secret"></x-input></div>
<script>
// The inner input of each x-input, by key, for reading values back.
window.val = (k) => document.querySelector('[data-k="' + k + '"]').shadowRoot.querySelector('input').value;
</script>`

func TestShadowFields(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": shadowPage})
	cases := []struct{ query, key, reason string }{
		{"Full name", "name", "a component's label attribute names its inner input"},
		{"Email address", "email", "a slotted label names the input whose shadow <label> shows it"},
		{"Phone", "phone", "a light-DOM <label for> names the component and so its inner input"},
		{"City", "city", "aria-labelledby on the component names its inner input"},
	}
	for _, c := range cases {
		if err := p.Fill(ctx, support.Loc(c.query), "typed "+c.key); err != nil {
			t.Fatalf("%s: %v", c.reason, err)
		}
		if got := js(t, p, "val('"+c.key+"')").Str(); got != "typed "+c.key {
			t.Errorf("%s: the inner input holds %q", c.reason, got)
		}
		if err := p.ExpectValue(ctx, support.Loc(c.query), "typed "+c.key); err != nil {
			t.Errorf("reading the value back: %v", err)
		}
	}
	wantTimeout(t, p.Fill(ctx, support.Loc("Secret code"), "x"), "found but hidden")
}

func TestShadowClicksAndText(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": shadowPage})
	if err := p.ExpectText(ctx, "Terms of service"); err != nil {
		t.Errorf("a heading rendered in a shadow root is visible text: %v", err)
	}
	// Slotted content reads where its slot is, in the component's text.
	if err := p.ExpectText(ctx, "Card of Ann, welcome. Terms of service Read them all. Close"); err != nil {
		t.Errorf("visible text follows the composed tree in reading order: %v", err)
	}
	if err := p.ExpectNoText(ctx, "Secret code"); err != nil {
		t.Errorf("text in a hidden component is not visible text: %v", err)
	}
	if err := p.Click(ctx, support.Loc("Close")); err != nil {
		t.Fatalf("a button two shadow roots deep is clicked: %v", err)
	}
	if err := p.Click(ctx, support.Loc("Keep")); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "click:outer-close", "click:keep")
	if err := p.ExpectCount(ctx, support.Loc("button"), 4); err != nil {
		t.Errorf("CSS counts pierce shadow roots: %v", err)
	}
	if err := p.ExpectCount(ctx, support.Loc("css=x-card h2"), 0); err != nil {
		t.Errorf("a CSS selector is matched within one tree, as the browser does: %v", err)
	}
}

func TestShadowScopes(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": shadowPage})
	if err := p.Click(ctx, support.Loc("Close", support.Within("css=x-card"))); err != nil {
		t.Fatalf("a custom element is a scope, and its shadow tree is inside it: %v", err)
	}
	if err := p.Click(ctx, support.Loc("Close", support.WithinContaining("x-dialog", "Terms of service"))); err != nil {
		t.Fatalf("a scope's text includes its shadow tree: %v", err)
	}
	if err := p.ExpectText(ctx, "Read them all", support.Within("css=x-dialog")); err != nil {
		t.Errorf("slotted content is in the scope of the component that shows it: %v", err)
	}
	if err := p.ExpectVisible(ctx, support.Loc("css=h2", support.Within("css=x-dialog"))); err != nil {
		t.Errorf("a selector inside a custom element scope: %v", err)
	}
	wantTimeout(t, p.Click(ctx, support.Loc("Keep", support.Within("css=x-card"))), `no button, link, field or visible text "Keep"`)
	wantEvents(t, p, "click:outer-close", "click:outer-close")
}

func TestShadowControlsAndStates(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": shadowPage})
	if err := p.SetChecked(ctx, support.Loc("I agree to the terms"), true); err != nil {
		t.Fatalf("a checkbox in a shadow root, named by slotted text: %v", err)
	}
	if !js(t, p, "document.querySelector('x-checkbox').checked").Bool() {
		t.Error("the checkbox is not checked")
	}
	if err := p.ExpectState(ctx, support.Loc("I agree to the terms").As(support.CheckboxKind), support.Checked); err != nil {
		t.Error(err)
	}
	if err := p.SetChecked(ctx, support.Loc("Dark mode"), true); err != nil {
		t.Fatalf("a role=switch with aria-checked is a checkbox: %v", err)
	}
	if err := p.ExpectState(ctx, support.Loc("Dark mode"), support.Checked); err != nil {
		t.Error(err)
	}
	for _, name := range []string{"Delete forever", "Archive all"} {
		if err := p.ExpectState(ctx, support.Loc(name), support.Disabled); err != nil {
			t.Errorf("a component's disabled or aria-disabled disables the button it renders: %v", err)
		}
	}
	if err := p.ExpectState(ctx, support.Loc("Keep"), support.Enabled); err != nil {
		t.Error(err)
	}
	wantTimeout(t, p.Click(ctx, support.Loc("Delete forever")), "found but disabled")
}

// A negative assertion about a field that exists only in a shadow root is judged
// on what a person sees: before shadow roots were searched, these passed.
func TestShadowNegativesSeeWhatAPersonSees(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": shadowPage})
	wantTimeout(t, p.ExpectHidden(ctx, support.Loc("Full name")), "still visible", "input#i")
	wantTimeout(t, p.ExpectNoText(ctx, "Terms of service"), "the text is still there")
	if err := p.ExpectHidden(ctx, support.Loc("Secret code")); err != nil {
		t.Errorf("a field in a hidden component is not visible: %v", err)
	}
}

// Waiting holds inside shadow roots: a component defined late, a component that
// re-renders its shadow tree, a custom button enabled late.
const shadowWaitPage = componentsJS + `
<x-late data-k="late"></x-late>
<x-rerender data-k="rerender"></x-rerender>
<x-button disabled id="pay" data-k="pay">Pay now</x-button>
<script>
customElements.define('x-rerender', class extends HTMLElement {
  connectedCallback() { this.render('Loading'); }
  render(label) { (this.shadowRoot || this.attachShadow({ mode: 'open' })).innerHTML = '<button data-k="' + label + '">' + label + '</button>'; }
});
armed.push(() => setTimeout(() => customElements.define('x-late', class extends HTMLElement {
  connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<x-input label="Nickname" data-k="nick"></x-input>'; }
}), 300));
armed.push(() => setTimeout(() => document.querySelector('x-rerender').render('Ready'), 300));
armed.push(() => setTimeout(() => document.getElementById('pay').removeAttribute('disabled'), 300));
</script>`

func TestShadowWaiting(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": shadowWaitPage})
	js(t, p, "arm()")
	if err := p.Fill(ctx, support.Loc("Nickname"), "Bo"); err != nil {
		t.Errorf("a field two shadow roots deep in a component defined later is waited for: %v", err)
	}
	if err := p.Click(ctx, support.Loc("Ready")); err != nil {
		t.Errorf("a re-rendered shadow tree is searched again: %v", err)
	}
	if err := p.Click(ctx, support.Loc("Pay now")); err != nil {
		t.Errorf("a custom button disabled by its host is waited for until enabled: %v", err)
	}
	got := strings.Join(events(t, p), "|")
	if !strings.Contains(got, "click:Ready") || !strings.Contains(got, "click:pay") {
		t.Errorf("events = %q", got)
	}
}

// An ARIA combobox in a component (its list opens a moment after the click) and
// a plain ARIA listbox.
const comboboxPage = componentsJS + `
<x-combobox label="Size"></x-combobox>
<div role="listbox" aria-label="Colour" id="colour">
  <div role="option" aria-selected="true">Red</div><div role="option">Green</div><div role="option" aria-disabled="true">Blue</div>
</div>
<script>
customElements.define('x-combobox', class extends HTMLElement {
  static formAssociated = true;
  connectedCallback() {
    const r = this.attachShadow({ mode: 'open' });
    r.innerHTML = '<style>:host{display:block} [role=option]{padding:4px}</style><label id="l">' + this.getAttribute('label') + '</label> ' +
      '<div role="combobox" tabindex="0" aria-labelledby="l" aria-controls="lb" aria-expanded="false">Medium</div>' +
      '<ul role="listbox" id="lb" hidden><li role="option">Small</li><li role="option">Medium</li><li role="option">Large</li><li role="option">Extra large</li></ul>';
    const box = r.querySelector('[role=combobox]'), list = r.getElementById('lb');
    box.addEventListener('click', () => setTimeout(() => { list.hidden = false; box.setAttribute('aria-expanded', 'true'); }, 100));
    list.addEventListener('click', (e) => {
      const o = e.target.closest('[role=option]');
      box.textContent = o.textContent; list.hidden = true; box.setAttribute('aria-expanded', 'false');
      rec('size=' + o.textContent);
    });
  }
});
colour.addEventListener('click', (e) => {
  const o = e.target.closest('[role=option]');
  if (o.getAttribute('aria-disabled') === 'true') return;
  colour.querySelectorAll('[role=option]').forEach((x) => x.setAttribute('aria-selected', String(x === o)));
  rec('colour=' + o.textContent);
});
</script>`

func TestSelectFromARIAWidgets(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": comboboxPage})
	if err := p.Select(ctx, support.Loc("Size"), "Large"); err != nil {
		t.Fatalf("a combobox in a shadow root is opened and its option clicked: %v", err)
	}
	if err := p.ExpectValue(ctx, support.Loc("Size"), "Large"); err != nil {
		t.Errorf("a combobox's value is what it shows: %v", err)
	}
	if err := p.Select(ctx, support.Loc("Colour"), "Green"); err != nil {
		t.Fatalf("a listbox's option is clicked: %v", err)
	}
	wantEvents(t, p, "size=Large", "colour=Green")
	wantTimeout(t, p.Select(ctx, support.Loc("Size"), "XL"), `no option "XL" in "Size"; options: "Small", "Medium", "Large", "Extra large"`)
	wantTimeout(t, p.Select(ctx, support.Loc("Colour"), "Blue"), `option "Blue" is disabled`)
	wantTimeout(t, p.Select(ctx, support.Loc("Size"), "large"), `2 options match "large"`)
}
