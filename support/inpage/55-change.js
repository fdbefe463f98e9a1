// The change a fill leaves pending (support/change.go). A person's typing
// fires input; the browser fires change when they move on: the field loses
// focus, or Enter. A fill is typing, so it fires no change at once (Escape
// right after it still abandons the edit): its field keeps a pending change,
// here in this world, with what the field held before the fill. It is
// - dropped when the focus has left the field (the browser then fired its
//   own change, or saw nothing to fire: Tab, a click elsewhere, the next
//   fill's focus move), after Enter in it (the browser's change; see
//   entered), or when the field has left the page;
// - fired (a change event on the field, bubbling) at the start of the next
//   operation on this document that neither types nor moves the focus (an
//   assertion, a select, a hover, a navigation: see run), when the field
//   then holds something else than before the fill, as the browser would
//   fire it on blur. Typing on (Press, Type) keeps it; the page putting the
//   old value back (Escape) leaves nothing to fire.
// A mouse action leaves it to the focus move of its press; a press that keeps
// the focus in the field (the page prevents it) fires it at the release,
// before the click, unless the pointer is on the field itself (intercept).
// Nothing listens for it: each rule is read from the page when it applies.
// Once fired, the browser's own change for the same edit is stopped at the
// field (see fireChange): the one listener the script may leave between
// steps, in its own world, on that field, until the focus leaves it.
let pending = null; // {el, before}
function holdChange(el, before) {
  if (pending && pending.el === el) before = pending.before; // the same edit goes on
  pending = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? { el, before } : null; // no change for a person either
}
// The pending change, unless the browser has settled it since (see above).
function pendingChange() {
  const p = pending;
  if (p && (!p.el.isConnected || deepActive() !== p.el)) pending = null;
  return pending;
}
// fireChange fires the pending change, when there is one to fire.
function fireChange() {
  const p = pendingChange();
  pending = null;
  if (!p || p.el.value === p.before) return;
  p.el.dispatchEvent(new Event('change', { bubbles: true }));
  // The browser still counts the edit as unsettled (a value set by script
  // does not settle it while the field has focus) and fires its own change
  // when the focus leaves (Tab, a click elsewhere): that echo of the change
  // the page just had is stopped at the field, once. The listener is this
  // world's, on the field only: the page cannot see or remove it, and it
  // goes at the field's next change, blur or edit.
  const el = p.el, v = el.value;
  const echo = (ev) => {
    done();
    if (ev.isTrusted && el.value === v) ev.stopImmediatePropagation();
  };
  const done = () => {
    el.removeEventListener('change', echo, true);
    el.removeEventListener('blur', done, true);
    el.removeEventListener('input', done, true);
  };
  el.addEventListener('change', echo, true);
  el.addEventListener('blur', done, true);
  el.addEventListener('input', done, true);
}
// entered: Enter was pressed. In a text field the browser fires its change.
function entered() {
  const p = pendingChange();
  if (p && p.el instanceof HTMLInputElement) pending = null;
  return true;
}
