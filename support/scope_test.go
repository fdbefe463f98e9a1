package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

const scopePage = `
<div id="cart"><h2>Cart</h2><button onclick="rec('cart')">Remove</button></div>
<div id="wishlist"><h2>Wishlist</h2><button onclick="rec('wishlist')">Remove</button></div>
<ul>
  <li>Alice <button onclick="rec('alice')">Delete</button></li>
  <li>Bob <button onclick="rec('bob')">Delete</button></li>
  <li>Carol <button onclick="rec('carol')">Delete</button></li>
</ul>
<div class="panel">Left <button>Open</button></div>
<div class="panel">Right <button>Open</button></div>
<div id="later"></div>
<script>
armed.push(() => setTimeout(() => {
  document.getElementById('later').innerHTML = '<div id="basket"><button onclick="rec(\'basket\')">Remove</button></div>';
}, 300));
</script>`

func TestScopes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		arm    bool
		loc    support.Locator
		want   string
		reason string
	}{
		{"within", false, support.Loc("Remove", support.Within("#cart")), "cart", "Within restricts matching to the scope"},
		{"within css=", false, support.Loc("Remove", support.Within("css=div#wishlist")), "wishlist", "a scope may be any selector"},
		{"nested", false, support.Loc("Delete", support.Within("css=ul"), support.WithinContaining("li", "Carol")), "carol", "scopes nest, outermost first"},
		{"containing", false, support.Loc("Delete", support.WithinContaining("li", "Bob")), "bob", "WithinContaining picks the row with the text"},
		{"late scope", true, support.Loc("Remove", support.Within("#basket")), "basket", "a scope that appears later is waited for"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": scopePage})
			if c.arm {
				js(t, p, "arm()")
			}
			if err := p.Click(ctx, c.loc); err != nil {
				t.Fatalf("%s: %v", c.reason, err)
			}
			wantEvents(t, p, c.want)
		})
	}
}

func TestScopeFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		loc    support.Locator
		state  []string
		reason string
	}{
		{"unscoped", support.Loc("Remove"), []string{"2 candidates"}, "without the scope the same name is ambiguous"},
		{"ambiguous scope", support.Loc("Open", support.Within(".panel")), []string{`scope ".panel" is ambiguous: 2 candidates`, "div.panel"}, "a scope must name one element"},
		{"missing scope", support.Loc("Open", support.Within("#sidebar")), []string{"scope not found: no element matches #sidebar"}, "a scope that never appears is reported as the scope"},
		{"containing nothing", support.Loc("Delete", support.WithinContaining("li", "Dave")), []string{`no visible "li" containing "Dave" (3 "li" seen, none containing it)`}, "the rows seen are counted"},
		{"outside the scope", support.Loc("Delete", support.Within("#cart")), []string{`no button, link, field or visible text "Delete"`}, "an element outside the scope is not matched"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": scopePage})
			wantTimeout(t, p.Click(ctx, c.loc), c.state...)
			wantEvents(t, p)
		})
	}
}
