package support_test

import (
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// Input events must reach the element the action checked. Each page below
// changes, once, what is under the pointer (or what has focus) in the gap
// between the check and the input, the way a timer or late content does; the
// action must not act on what took its place, and must be done again on the
// element it was meant for.

// The list is re-rendered between press and release (as a page's timer may
// do): the release would land on the new node, and the browser would fire
// click on the list, which no item handler sees, so the step would pass with
// no click. The release is blocked instead and the click made again.
func TestInputReplacedBetweenPressAndRelease(t *testing.T) {
	t.Parallel()
	page := `<ul id="list"></ul><script>
const list = document.getElementById('list');
let n = 0, ripe = false;
const render = () => { n++; list.innerHTML = '<li><input type="checkbox" id="c' + n + '"' + (ripe ? ' checked' : '') + '><label for="c' + n + '">Ripe</label> <button id="b' + n + '">Pick banana</button></li>'; };
render();
list.addEventListener('click', (e) => { if (e.target.tagName === 'BUTTON') rec('picked'); });
list.addEventListener('change', (e) => { ripe = e.target.checked; rec('ripe:' + ripe); });
</script>`
	for _, check := range []bool{false, true} {
		name, loc, want := "click", "Pick banana", "picked"
		if check {
			name, loc, want = "check", "Ripe", "ripe:true"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": page})
			once := true
			err := support.ClickSplit(ctx, p, support.Loc(loc), check, false, func() {
				if once {
					once = false
					js(t, p, "render()")
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := events(t, p); strings.Join(got, " ") != want {
				t.Errorf("page events = %q, want one %q", got, want)
			}
		})
	}
	// A node replaced at every press is never clicked: the step times out
	// saying what the release would have hit.
	t.Run("always", func(t *testing.T) {
		t.Parallel()
		p, ctx := open(t, site{"/": page})
		err := support.ClickSplit(ctx, p, support.Loc("Pick banana"), false, false, func() { js(t, p, "render()") })
		wantTimeout(t, err, "would hit button#b", "instead of button#b")
		wantEvents(t, p)
	})
}

// Late content pushes the button down after the check (as a banner inserted
// 0.2-1 s after load does): the press would land on the banner.
func TestInputPushedAwayBeforePress(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<div id="news"></div><button id="go" onclick="rec('next')">Go to the next page</button>`})
	once := true
	err := support.ClickSplit(ctx, p, support.Loc("Go to the next page"), false, true, func() {
		if once {
			once = false
			js(t, p, `news.innerHTML = '<div style="height:120px;background:#eee" onclick="rec(\'banner\')">News</div>'`)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "next")
}

// Focus moves away between focusing the field and typing (the page
// re-renders the field as it gets focus): the text must end up in the field,
// not nowhere.
func TestFillWhenFieldIsReplacedAfterFocus(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<div id="box"><label for="q">Search</label><input id="q"></div><script>
let once = true;
document.getElementById('box').addEventListener('focusin', () => {
  if (!once) return; once = false;
  box.innerHTML = '<label for="q">Search</label><input id="q">';
});
</script>`})
	if err := p.Fill(ctx, support.Loc("Search"), "bananas"); err != nil {
		t.Fatal(err)
	}
	if got := js(t, p, "document.getElementById('q').value").Str(); got != "bananas" {
		t.Errorf("the field holds %q, want %q", got, "bananas")
	}
}

// A page that answers the first click of a double-click by disabling the
// button gets no second click nor dblclick: the double-click has done what a
// person's would, and must not be retried until it times out.
func TestDoubleClickOnAButtonThatDisablesItself(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<button id="add" onclick="rec('add'); this.disabled = true">Add product</button>`})
	if err := p.DoubleClick(ctx, support.Loc("Add product")); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "add")
}

// Hover: late content pushes the element down between the check and the
// mouse's arrival; the hover is made again over the element, and the banner
// that took its place is not hovered as if it were the target.
func TestHoverPushedAwayBeforeTheMouseArrives(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<div id="news"></div><span id="help" onmousemove="rec('help')">Help</span>`})
	once := true
	err := support.HoverSplit(ctx, p, support.Loc("Help"), func() {
		if once {
			once = false
			js(t, p, `news.innerHTML = '<div style="height:120px" onmousemove="rec(\'banner\')">News</div>'`)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := events(t, p); len(got) == 0 || got[len(got)-1] != "help" || strings.Contains(strings.Join(got, " "), "banner") {
		t.Errorf("page events = %q, want the mouse over Help and never over the banner", got)
	}
	if !js(t, p, "document.getElementById('help').matches(':hover')").Bool() {
		t.Error("Help is not hovered")
	}
}
