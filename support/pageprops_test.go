package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// Custom elements whose state lives only in the page's JavaScript: a rating
// whose value is a property its class sets (no inner field, nothing in the
// DOM says it), and a switch whose checked is a getter (no aria-checked). The
// script's isolated world reads undefined for both; the page's world is asked
// for that one element.
const pageStatePage = `<x-rating label="Your rating"></x-rating>
<x-toggle role="switch" tabindex="0">Dark mode</x-toggle>
<script>
customElements.define('x-rating', class extends HTMLElement {
  static formAssociated = true;
  constructor() { super(); this.value = 0; }
  connectedCallback() {
    this.attachShadow({ mode: 'open' }).innerHTML = '<button>Rate three</button>';
    this.shadowRoot.querySelector('button').addEventListener('click', () => { this.value = 3; });
  }
});
customElements.define('x-toggle', class extends HTMLElement {
  constructor() { super(); this.on = false; this.addEventListener('click', () => { this.on = !this.on; rec('toggled:' + this.on); }); }
  get checked() { return this.on; }
});
// Set later with nothing in the DOM changing: a wait must ask again.
armed.push(() => setTimeout(() => { document.querySelector('x-rating').value = 5; }, 300));
</script>`

func TestCustomElementStateIsAskedOfThePagesWorld(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": pageStatePage})
	if err := p.ExpectValue(ctx, support.Loc("Your rating"), "0"); err != nil {
		t.Fatalf("a custom element's value set by its class: %v", err)
	}
	if err := p.Click(ctx, support.Loc("Rate three")); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectValue(ctx, support.Loc("Your rating"), "3"); err != nil {
		t.Fatalf("the value after the click: %v", err)
	}
	js(t, p, "arm()")
	if err := p.ExpectValue(ctx, support.Loc("Your rating"), "5"); err != nil {
		t.Fatalf("a value the page sets later, with no change to the DOM: %v", err)
	}
	if err := p.SetChecked(ctx, support.Loc("Dark mode"), true); err != nil {
		t.Fatalf("a custom switch whose checked is a getter: %v", err)
	}
	if err := p.ExpectState(ctx, support.Loc("Dark mode"), support.Checked); err != nil {
		t.Fatal(err)
	}
	// Already on: not clicked again.
	if err := p.SetChecked(ctx, support.Loc("Dark mode"), true); err != nil {
		t.Fatal(err)
	}
	wantTimeout(t, p.ExpectState(ctx, support.Loc("Dark mode"), support.Unchecked), "checked: x-toggle")
	wantEvents(t, p, "toggled:true")
}
