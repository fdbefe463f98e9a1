package support_test

import (
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// Each page below arms its delay when the test calls arm(), right before the
// operation that has to wait for it.

func TestClickWaitsForInsertedElement(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<div id="box"></div><script>
armed.push(() => setTimeout(() => {
  document.getElementById('box').innerHTML = '<button onclick="rec(\'clicked\')">Continue</button>';
}, 300));
</script>`})
	js(t, p, "arm()")
	if err := p.Click(ctx, support.Loc("Continue")); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "clicked")
}

// A button that is disabled is clicked only once enabled. aria-disabled buttons
// do receive clicks, so for them the page itself tells whether we were too early.
func TestClickWaitsUntilEnabled(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, button, enable, reason string
	}{
		{"disabled", `<button id="b" disabled>Pay</button>`, `b.disabled = false`, "a disabled button cannot be clicked"},
		{"aria-disabled", `<button id="b" aria-disabled="true">Pay</button>`, `b.setAttribute('aria-disabled', 'false')`, "aria-disabled is disabled too"},
		{"fieldset", `<fieldset id="fs" disabled><button id="b">Pay</button></fieldset>`, `fs.disabled = false`, "a disabled fieldset disables its buttons"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": c.button + `<script>
const b = document.getElementById('b'), fs = document.getElementById('fs');
let enabled = false;
b.addEventListener('click', () => rec(enabled ? 'clicked when enabled' : 'clicked while disabled'));
armed.push(() => setTimeout(() => { enabled = true; ` + c.enable + ` }, 300));
</script>`})
			wantTimeout(t, p.Click(ctx, support.Loc("Pay")), `found but disabled: button#b "Pay"`)
			js(t, p, "arm()")
			if err := p.Click(ctx, support.Loc("Pay")); err != nil {
				t.Fatalf("%s: %v", c.reason, err)
			}
			wantEvents(t, p, "clicked when enabled")
		})
	}
}

const overlayPage = `<style>
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.3)}
</style>
<button onclick="rec('paid')">Pay</button>
<div class="overlay" onclick="rec('overlay')"></div>
<script>armed.push(() => setTimeout(() => document.querySelector('.overlay').remove(), 300));</script>`

// A button under an overlay times out naming the overlay; once the overlay goes,
// the same click waits for that and lands on the button.
func TestClickWaitsForOverlayToGo(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": overlayPage})
	wantTimeout(t, p.Click(ctx, support.Loc("Pay")), `covered by div.overlay at (`, `: button "Pay"`)
	wantEvents(t, p)
	js(t, p, "arm()")
	if err := p.Click(ctx, support.Loc("Pay")); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "paid")
}

// A moving element is clicked once it stops: the page records whether it was
// still moving when the click arrived.
func TestClickWaitsUntilStill(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, style, start, reason string
	}{
		{"transition", `#b{transition:transform 500ms linear} #b.go{transform:translate(700px,300px)}`, `b.classList.add('go')`, "a CSS transition moves the button"},
		{"delayed transition", `#b{transition:transform 300ms linear 300ms} #b.go{transform:translate(700px,300px)}`, `b.classList.add('go')`, "a transition that has not started moving yet is about to"},
		{"animation", `@keyframes slide{from{transform:translateX(0)}to{transform:translate(700px,300px)}} #b.go{animation:slide 500ms linear forwards}`, `b.classList.add('go')`, "a CSS animation moves the button"},
		{"scripted", ``, `let x = 0; const step = () => { x += 120; b.style.marginLeft = x + 'px'; if (x < 600) requestAnimationFrame(step); else rec('stopped'); }; requestAnimationFrame(step)`, "script moves the button frame by frame"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": `<style>` + c.style + `</style><button id="b">Move me</button><script>
const b = document.getElementById('b');
let moving = false;
b.addEventListener('transitionend', () => { moving = false; rec('stopped'); });
b.addEventListener('animationend', () => { moving = false; rec('stopped'); });
b.addEventListener('click', () => rec(moving && !events.includes('stopped') ? 'clicked while moving' : 'clicked'));
window.go = () => { moving = true; ` + c.start + ` };
</script>`})
			js(t, p, "go()")
			if err := p.Click(ctx, support.Loc("Move me")); err != nil {
				t.Fatalf("%s: %v", c.reason, err)
			}
			wantEvents(t, p, "stopped", "clicked")
		})
	}
}

// A list whose nodes are replaced every 50 ms: the locator is resolved afresh on
// every attempt, so there is no stale element to fail on.
func TestClickInRerenderedList(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<ul id="list"></ul><script>
const list = document.getElementById('list');
let n = 0;
const render = () => { n++; list.innerHTML = ['Apples', 'Pears', 'Plums'].map((f) => '<li><button>' + f + '</button></li>').join(''); };
render();
setInterval(render, 50);
for (const type of ['mousedown', 'mouseup', 'click']) list.addEventListener(type, (e) => rec(type + ':' + e.target.textContent));
</script>`})
	renders := js(t, p, "n").Int()
	if err := p.Click(ctx, support.Loc("Pears")); err != nil {
		t.Fatal(err)
	}
	// The click must reach a "Pears" button: when the page swaps the node
	// between press and release, that release (and the click the browser would
	// fire on the list instead) is blocked and the click is made again. So there
	// may be extra presses, but exactly one click, and on Pears.
	got := strings.Join(events(t, p), " ")
	if !strings.HasSuffix(got, "mousedown:Pears mouseup:Pears click:Pears") || strings.Count(got, "click:") != 1 || strings.Contains(got, "Apples") || strings.Contains(got, "Plums") {
		t.Errorf("page events = %q, want presses on Pears ending in one press, release and click on Pears", got)
	}
	// Prove that the list was being replaced while we worked.
	if err := p.ExpectText(ctx, "Plums"); err != nil {
		t.Fatal(err)
	}
	if later := js(t, p, "n").Int(); later <= renders {
		t.Errorf("the list was not re-rendered during the test (%d renders, then %d)", renders, later)
	}
}

// The page navigates in the middle of the wait and the new page shows the text
// later: the wait carries on on the new document.
func TestWaitSurvivesNavigation(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{
		"/":     `<p>Leaving soon</p><script>armed.push(() => setTimeout(() => { location.href = '/next'; }, 200));</script>`,
		"/next": `<p id="msg"></p><script>setTimeout(() => { msg.textContent = 'Arrived'; }, 300);</script>`,
	})
	js(t, p, "arm()")
	if err := p.ExpectText(ctx, "Arrived"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectPath(ctx, "/next"); err != nil {
		t.Fatal(err)
	}
}

// Slices shorter than a frame (as when a loaded machine draws few frames): the
// check that an element is still spans slices, so the click still happens, and a
// covered button is still reported as covered rather than as "moving".
func TestActionabilitySpansSlices(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": overlayPage})
	tiny := p.WithPolicy(support.Policy{Timeout: testPolicy.Timeout, Slice: 5 * time.Millisecond})
	wantTimeout(t, tiny.Click(ctx, support.Loc("Pay")), "covered by div.overlay")
	js(t, p, "document.querySelector('.overlay').remove()")
	if err := tiny.Click(ctx, support.Loc("Pay")); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "paid")
}
