// What check, uncheck, choose and "checkbox should be checked" act on and
// read. A person who checks a widget checks the box it shows: when the target
// is no checkbox itself (no checked state, no aria-checked, no role of one),
// it means the one it names: the checkbox (or radio) it is inside (an icon in
// a role=checkbox, the slider of a <label> switch: the label's control), else
// the one it holds (a dijit CheckBox's wrapper div around its input, TodoMVC
// dojo's .toggle; a custom element with one box in its shadow tree). None, or
// several: no guess, and the state says which. (Playwright's check fails on a
// non-checkbox; it follows labels and the enclosing checkbox, not wrappers.)
const BOXES = {
  checkbox: 'input[type=checkbox], [role=checkbox], [role=switch]',
  radio: 'input[type=radio], [role=radio]',
};
const BOX_ROLE = /^(checkbox|switch|radio|menuitemcheckbox|menuitemradio)$/;
function checkboxOf(el) {
  if (el.checked !== undefined || dom.hasAttr(el, 'aria-checked') || BOX_ROLE.test(dom.attr(el, 'role') || '')) return { el };
  const css = req.kind === 'radio' ? BOXES.radio : req.kind === 'checkbox' ? BOXES.checkbox : BOXES.checkbox + ', ' + BOXES.radio;
  const around = dom.parentElement(el) && dom.closest(dom.parentElement(el), css);
  if (around) return { el: around };
  const label = dom.closest(el, 'label');
  if (label && label.control && dom.matches(label.control, css)) return { el: label.control };
  const inside = deepAll(el, css);
  if (inside.length === 1) return { el: inside[0] };
  if (isCustom(el) && !inside.length) return { el }; // its checked is the page's (45-page.js)
  const what = req.kind === 'radio' ? 'radio button' : 'checkbox';
  return { state: 'not a ' + what + ': ' + describe(el) + (inside.length ? ', and it holds ' + inside.length + ': ' + candidates(inside, 3) + '; name one of them' : ', and it holds none') };
}
