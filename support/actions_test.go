package support_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// recordFields makes every field on the page record "EVENT:KEY=VALUE".
const recordFields = `<script>
for (const type of ['input', 'change']) document.addEventListener(type, (e) => {
  const k = e.target.dataset.k;
  if (k) rec(type + ':' + k + '=' + e.target.value);
}, true);
</script>`

func TestFill(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `
<label for="n">Name</label><input id="n" data-k="name" value="old value">
<label for="d">Delivery date</label><input id="d" type="date" data-k="date">
<label for="q">Notes</label><textarea id="q" data-k="notes">keep me not</textarea>
<label for="r">Reference</label><input id="r" data-k="ref" readonly value="R-1">
<form onsubmit="rec('submit'); return false"><label>Search <input data-k="search"></label></form>
<p>Elsewhere</p>
` + recordFields})
	if err := p.Fill(ctx, support.Loc("Name"), "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := p.Fill(ctx, support.Loc("Delivery date"), "2024-05-17"); err != nil {
		t.Fatal(err)
	}
	if err := p.Fill(ctx, support.Loc("Notes"), ""); err != nil {
		t.Fatal(err)
	}
	// change is the browser's own, when the person moves on: to the next field,
	// elsewhere, or Enter in a form; never a second one for the same edit.
	if err := p.Click(ctx, support.Loc("Elsewhere")); err != nil {
		t.Fatal(err)
	}
	if err := p.Fill(ctx, support.Loc("Search"), "shoes"); err != nil {
		t.Fatal(err)
	}
	if err := p.Press(ctx, "Enter"); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p,
		"input:name=Ada", "change:name=Ada", // the old value replaced, in one input event
		"input:date=2024-05-17", "change:date=2024-05-17",
		"input:notes=", "change:notes=",
		"input:search=shoes", "change:search=shoes", "submit")
	for _, err := range []error{
		p.ExpectValue(ctx, support.Loc("Name"), "Ada"),
		p.ExpectValue(ctx, support.Loc("Delivery date"), "2024-05-17"),
		p.ExpectValue(ctx, support.Loc("Notes"), ""),
	} {
		if err != nil {
			t.Error(err)
		}
	}
	wantTimeout(t, p.Fill(ctx, support.Loc("Reference"), "R-2"), `found but read-only: input#r`)
	// An edit after Fill is the page's to see: typing more then leaving fires change.
	if err := p.Fill(ctx, support.Loc("Name"), "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := p.Type(ctx, " L."); err != nil {
		t.Fatal(err)
	}
	if err := p.Click(ctx, support.Loc("Elsewhere")); err != nil {
		t.Fatal(err)
	}
	if ev := events(t, p); strings.Join(ev[len(ev)-2:], "|") != "input:name=Ada L.|change:name=Ada L." {
		t.Errorf("after typing more and leaving the field, the page saw %q", ev)
	}
}

func TestSelect(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `
<label>Colour <select data-k="colour"><option value="r">Red</option><option value="g">Green</option><option value="b" disabled>Blue</option></select></label>
<label for="x">Plain</label><input id="x">` + recordFields})
	cases := []struct{ option, want, reason string }{
		{"Green", "g", "by the option's text"},
		{"r", "r", "by the option's value"},
		{"gre", "g", "by a substring of the text, when no option is exact"},
	}
	for _, c := range cases {
		if err := p.Select(ctx, support.Loc("Colour"), c.option); err != nil {
			t.Fatalf("%s: %v", c.reason, err)
		}
		if got := js(t, p, "document.querySelector('select').value").Str(); got != c.want {
			t.Errorf("%s: selected %q, want %q", c.reason, got, c.want)
		}
	}
	wantEvents(t, p, "input:colour=g", "change:colour=g", "input:colour=r", "change:colour=r", "input:colour=g", "change:colour=g")
	wantTimeout(t, p.Select(ctx, support.Loc("Colour"), "Purple"), `no option "Purple" in the select box "Colour"`, `options: "Red", "Green", "Blue"`)
	wantTimeout(t, p.Select(ctx, support.Loc("Colour"), "Blue"), `option "Blue" is disabled`)
	var le *support.LocatorError
	if err := p.Select(ctx, support.Loc("Plain"), "x"); !errors.As(err, &le) || !strings.Contains(le.Reason, "not a select box") {
		t.Errorf("selecting from a text field: want a LocatorError, got %v", err)
	}
	if err := p.Fill(ctx, support.Loc("Colour"), "x"); !errors.As(err, &le) || !strings.Contains(le.Reason, `I select "OPTION" from "Colour"`) {
		t.Errorf("filling a select box: want a LocatorError naming the select step, got %v", err)
	}
}

// Custom checkboxes hide the input and show the label; the label is clicked.
func TestSetCheckedAndChoose(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<style>
.invisible{opacity:0;position:absolute}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
</style>
<input type="checkbox" id="news" class="invisible"><label for="news">Send me news</label><br>
<input type="checkbox" id="gift" class="sr-only"><label for="gift">Gift wrap</label><br>
<label><input type="checkbox" class="invisible" id="terms"> I accept the terms</label><br>
<label><input type="radio" name="ship" value="std" checked> Standard</label>
<label><input type="radio" name="ship" value="exp"> Express</label>
<script>document.addEventListener('click', (e) => { if (e.target.matches('input')) rec('click:' + (e.target.id || e.target.value)); });</script>`})
	if err := p.SetChecked(ctx, support.Loc("Send me news"), false); err != nil {
		t.Fatalf("unchecking an unchecked box: %v", err)
	}
	for _, q := range []string{"Send me news", "Gift wrap", "I accept the terms"} {
		l := support.Loc(q)
		if err := p.SetChecked(ctx, l, true); err != nil {
			t.Fatalf("checking %q: %v", q, err)
		}
		if err := p.SetChecked(ctx, l, true); err != nil {
			t.Fatalf("checking %q again: %v", q, err)
		}
		if err := p.ExpectState(ctx, l.As(support.CheckboxKind), support.Checked); err != nil {
			t.Error(err)
		}
		if err := p.SetChecked(ctx, l, false); err != nil {
			t.Fatalf("unchecking %q: %v", q, err)
		}
	}
	if err := p.Choose(ctx, support.Loc("Express")); err != nil {
		t.Fatal(err)
	}
	if got := js(t, p, "document.querySelector('[name=ship]:checked').value").Str(); got != "exp" {
		t.Errorf("the chosen radio is %q, want exp", got)
	}
	// Each checkbox was clicked once to check and once to uncheck: checking a
	// checked box, or unchecking an unchecked one, does nothing.
	wantEvents(t, p, "click:news", "click:news", "click:gift", "click:gift", "click:terms", "click:terms", "click:exp")
}

func TestKeyboard(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{
		"/": `<form action="/search"><label>Query <input name="q" data-k="q"></label></form>
<label>Comment <input id="c" data-k="c"></label>` + recordFields,
		"/search": `<h1>Results</h1>`,
	})
	if err := p.Click(ctx, support.Loc("Comment")); err != nil {
		t.Fatal(err)
	}
	if err := p.Type(ctx, "héllo"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectValue(ctx, support.Loc("Comment"), "héllo"); err != nil {
		t.Error(err)
	}
	if err := p.Press(ctx, "Sideways"); err == nil || !strings.Contains(err.Error(), `unknown key "Sideways"`) {
		t.Errorf("an unknown key: got %v", err)
	}
	if err := p.Fill(ctx, support.Loc("Query"), "shoes"); err != nil {
		t.Fatal(err)
	}
	if err := p.Press(ctx, "Enter"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectPath(ctx, "/search?q=shoes"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(ctx, "Results"); err != nil {
		t.Fatal(err)
	}
}

func TestMouse(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<style>
.menu .sub{display:none} .menu:hover .sub{display:block}
</style>
<div class="menu"><span id="top">Account</span><div class="sub"><a href="#orders">Orders</a></div></div>
<p id="row">Row 1</p>
<script>
row.addEventListener('click', () => rec('click'));
row.addEventListener('dblclick', () => rec('dblclick'));
document.getElementById('top').addEventListener('mouseover', () => rec('mouseover'));
</script>`})
	if err := p.DoubleClick(ctx, support.Loc("Row 1")); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "click", "click", "dblclick")
	if shown := js(t, p, "getComputedStyle(document.querySelector('.sub')).display").Str(); shown != "none" {
		t.Fatalf("the menu shows (display %s) before hovering: the hover test below proves nothing", shown)
	}
	if err := p.Hover(ctx, support.Loc("Account")); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectVisible(ctx, support.Loc("Orders")); err != nil {
		t.Fatalf(":hover did not apply: %v", err)
	}
	wantEvents(t, p, "click", "click", "dblclick", "mouseover")
}

func TestAttachFile(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<style>#f{display:none}</style>
<label for="f">Receipt</label><input type="file" id="f">
<label for="g">Photo</label><input type="file" id="g">
<p id="out"></p>
<script>f.addEventListener('change', () => { out.textContent = 'Attached ' + f.files[0].name + ' (' + f.files[0].size + ' bytes)'; });</script>`})
	path := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(path, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := p.AttachFile(ctx, support.Loc("Receipt"), path); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(ctx, "Attached report.txt (5 bytes)"); err != nil {
		t.Fatal(err)
	}
	if got := js(t, p, "g.files.length").Int(); got != 0 {
		t.Errorf("the other file field got %d files", got)
	}
	var le *support.LocatorError
	if err := p.Fill(ctx, support.Loc("Photo"), "x"); !errors.As(err, &le) || !strings.Contains(le.Reason, "file field") {
		t.Errorf("filling a file field: want a LocatorError naming the attach step, got %v", err)
	}
}

// TestFillDoesNotWaitForAStillBox: typing reaches a field through focus, not the
// mouse, so (as in Playwright) a fill does not wait for the field's box to stay
// put over animation frames; a click still does. The field here moves on every
// frame, for ever: a fill that waited for two frames with the same box would
// time out, and before this rule every fill paid those two frames (about 33 ms).
func TestFillDoesNotWaitForAStillBox(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `
<label for="n">Name</label><input id="n" data-k="name" style="position:relative">
<script>
let x = 0;
(function move() { x = (x + 7) % 200; document.getElementById('n').style.left = x + 'px'; requestAnimationFrame(move); })();
</script>` + recordFields})
	if err := p.Fill(ctx, support.Loc("Name"), "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectValue(ctx, support.Loc("Name"), "Ada"); err != nil {
		t.Error(err)
	}
	wantEvents(t, p, "input:name=Ada") // change comes when the person moves on
	// A click aims at a point, so it still waits for the box to stay put.
	wantTimeout(t, p.Click(ctx, support.Loc("Name")), "moving")
}
