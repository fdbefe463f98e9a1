package support_test

import (
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

// dijitPage is a list of todos whose toggles are built as dijit/form/CheckBox
// builds them (TodoMVC dojo's .toggle): a wrapper div that takes the widget's
// classes (and the page's own, "toggle"), drawn by a sprite, with the real
// input inside, transparent and laid over it; the widget's change handler
// mirrors the state on the wrapper's class and the input's aria-checked.
const dijitPage = `<style>
.dijitInline{display:inline-block;vertical-align:middle}
.dijitCheckBox{position:relative;width:16px;height:16px;background:#ddd;border:1px solid #888}
.dijitCheckBoxChecked{background:#4a4}
.dijitCheckBoxInput{opacity:0;position:absolute;margin:0;padding:0;left:0;top:0;width:16px;height:16px;cursor:pointer}
</style>
<ul id="todo-list">
<li><div class="toggle dijit dijitReset dijitInline dijitCheckBox" role="presentation" widgetid="dijit_form_CheckBox_0"><input type="checkbox" class="dijitReset dijitCheckBoxInput" value="on" id="dijit_form_CheckBox_0" aria-checked="false" tabindex="0"></div> <label>Buy milk</label></li>
<li><div class="toggle dijit dijitReset dijitInline dijitCheckBox" role="presentation" widgetid="dijit_form_CheckBox_1"><input type="checkbox" class="dijitReset dijitCheckBoxInput" value="on" id="dijit_form_CheckBox_1" aria-checked="false" tabindex="0"></div> <label>Walk the dog</label></li>
</ul>
<script>
document.addEventListener('change', (e) => {
  const box = e.target, w = box.parentNode;
  box.setAttribute('aria-checked', String(box.checked));
  w.classList.toggle('dijitCheckBoxChecked', box.checked);
  rec('change:' + box.id + ':' + box.checked);
});
</script>`

// A check on a widget's wrapper checks the one checkbox the wrapper holds,
// and "should be checked" reads that box: before, both read the wrapper, whose
// state is never checked ("not checked: div.dijit.dijitReset").
func TestCheckAWrapperChecksTheBoxItHolds(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": dijitPage})
	milk := support.Loc(".toggle", support.WithinContaining("#todo-list li", "Buy milk"))
	dog := support.Loc(".toggle", support.WithinContaining("#todo-list li", "Walk the dog"))
	if err := p.SetChecked(ctx, milk, true); err != nil {
		t.Fatalf("checking the dijit wrapper: %v", err)
	}
	if err := p.ExpectState(ctx, milk.As(support.CheckboxKind), support.Checked); err != nil {
		t.Error(err)
	}
	if err := p.ExpectState(ctx, dog.As(support.CheckboxKind), support.Unchecked); err != nil {
		t.Error(err)
	}
	if err := p.SetChecked(ctx, milk, true); err != nil { // already checked: no click
		t.Fatal(err)
	}
	if err := p.SetChecked(ctx, milk, false); err != nil {
		t.Fatalf("unchecking the dijit wrapper: %v", err)
	}
	if err := p.ExpectState(ctx, milk.As(support.CheckboxKind), support.Unchecked); err != nil {
		t.Error(err)
	}
	wantEvents(t, p, "change:dijit_form_CheckBox_0:true", "change:dijit_form_CheckBox_0:false")
}

// An icon inside an ARIA checkbox, and the slider of a label switch, mean the
// checkbox they are part of: the one they are inside, the label's control.
func TestCheckAPartOfACheckbox(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<style>
.switch{position:relative;display:inline-block;width:40px;height:20px}
.switch input{opacity:0;width:0;height:0}
.slider{position:absolute;inset:0;background:#ccc;border-radius:10px}
input:checked + .slider{background:#2196f3}
[role=checkbox]{display:inline-flex;gap:4px;cursor:pointer}
.icon{width:16px;height:16px;border:1px solid #333}
[aria-checked=true] .icon{background:#333}
</style>
<div role="checkbox" aria-checked="false" tabindex="0" id="dark"><svg class="icon" viewBox="0 0 16 16"><path d="M2 8l4 4 8-8"></path></svg><span>Dark mode</span></div>
<p><label class="switch"><input type="checkbox" id="wifi"><span class="slider"></span></label> Wi-Fi</p>
<script>
const dark = document.getElementById('dark');
dark.addEventListener('click', () => { dark.setAttribute('aria-checked', String(dark.getAttribute('aria-checked') !== 'true')); rec('dark:' + dark.getAttribute('aria-checked')); });
document.getElementById('wifi').addEventListener('change', (e) => rec('wifi:' + e.target.checked));
</script>`})
	for _, q := range []string{".icon", ".slider"} {
		l := support.Loc(q)
		if err := p.SetChecked(ctx, l, true); err != nil {
			t.Fatalf("checking %s: %v", q, err)
		}
		if err := p.ExpectState(ctx, l, support.Checked); err != nil {
			t.Error(err)
		}
		if err := p.SetChecked(ctx, l, false); err != nil {
			t.Fatalf("unchecking %s: %v", q, err)
		}
		if err := p.ExpectState(ctx, l, support.Unchecked); err != nil {
			t.Error(err)
		}
	}
	wantEvents(t, p, "dark:true", "dark:false", "wifi:true", "wifi:false")
}

// A wrapper with two boxes, or none, names no checkbox: the error says so and
// names them, and nothing is clicked.
func TestCheckAWrapperWithSeveralOrNoBoxes(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<div class="prefs"><label><input type="checkbox" id="a" onclick="rec('a')"> Email</label>
<label><input type="checkbox" id="b" onclick="rec('b')"> SMS</label></div>
<div class="empty">Nothing to check</div>`})
	err := p.SetChecked(ctx, support.Loc(".prefs"), true)
	wantTimeout(t, err, `not a checkbox: div.prefs`, `it holds 2: `, `Email`, `SMS`, `name one of them`)
	err = p.ExpectState(ctx, support.Loc(".prefs"), support.Checked)
	wantTimeout(t, err, `not a checkbox: div.prefs`, `it holds 2`)
	err = p.SetChecked(ctx, support.Loc(".empty"), true)
	wantTimeout(t, err, `not a checkbox: div.empty`, `it holds none`)
	wantEvents(t, p)
}
