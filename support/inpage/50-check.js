const CHECKS = {
  // Actions: the target must be unique, visible, enabled and hit, and stable
  // when the mouse aims at it.
  act() {
    const boot = stillBooting();
    if (boot) return { state: 'the page is still loading its script ' + boot.src, booting: true };
    const s = scopeRoot(); if (!s.root) return s;
    const m = one(s.root); if (!m.el) return m;
    if (req.then === 'checked-state') { // the box a check means (47-checkbox.js), clicked where it shows
      const c = checkboxOf(m.el); if (!c.el) return c;
      if (c.el !== m.el) { m.tgt = target(c.el) || m.tgt; m.el = c.el; }
    }
    if (req.needEnabled && disabled(m.el)) return { state: 'found but disabled: ' + describe(m.el) };
    if (req.needEditable && (m.el.readOnly)) return { state: 'found but read-only: ' + describe(m.el) };
    // A native select's option is set, not clicked: like Playwright's
    // selectOption, it needs the select shown and enabled, not under the
    // pointer (a select kept visually hidden under a custom widget, as
    // Select2 and Choices.js do, is chosen through it).
    const a = req.then === 'select-option' && m.el.localName === 'select' ? { x: 0, y: 0 } : actionable(m.tgt);
    if (typeof a === 'string') return { state: a + ': ' + describe(m.el) };
    return { ok: true, x: a.x, y: a.y, desc: describe(m.el), el: m.el, tgt: m.tgt };
  },
  text() {
    const s = scopeRoot(); if (!s.root) return s;
    const root = s.root === document ? document.body : s.root;
    const want = norm(req.text);
    const holds = (x) => (req.exact ? x === want : x.includes(want));
    // What the browser renders as text (innerText) is asked first: text that
    // should be there and is in it is shown, shadow trees or not, and a page
    // with none is spared the walk that tells (isPlain). A closed select's
    // options, all in innerText but one shown, send it the long way.
    const rendered = root instanceof HTMLElement && !hasDropdown(root) ? norm(dom.innerText(root)) : null;
    if (rendered !== null && !req.negate && !req.exact && holds(rendered)) return { ok: true };
    const t = rendered !== null && isPlain() ? rendered : shownText(root);
    // Failing that, the shown text as written: text-transform is presentation
    // (a feature written from the design reads "Order summary" where the page
    // shows ORDER SUMMARY), and innerText leaves out content-visibility: auto
    // sections not rendered yet, which a person reads by scrolling.
    const has = holds(t) || holds(flatText(root, true));
    const seen = t.length > 200 ? t.slice(0, 197) + '...' : t;
    if (has === !req.negate) return { ok: true };
    return { state: req.negate ? 'the text is still there: "' + seen + '"' : 'visible text was: "' + seen + '"' };
  },
  count() {
    const s = scopeRoot(); if (!s.root) return s;
    const n = queryAll(s.root, req.selector).filter(visible).length;
    return n === req.count ? { ok: true } : { state: n + ' visible "' + req.selector + '" elements' };
  },
  visible() {
    const s = scopeRoot();
    if (!s.root) return req.negate ? { ok: true } : s;
    const r = resolve(s.root, req.locator, 'any');
    const n = r.els.length;
    if (req.negate) return n === 0 ? { ok: true } : { state: 'still visible: ' + r.els.slice(0, 3).map(describe).join(', ') };
    return n > 0 ? { ok: true } : { state: notFound(r, req.locator, 'any') };
  },
  option() {
    const s = scopeRoot(); if (!s.root) return s;
    const m = one(s.root); if (!m.el) return m;
    return ariaOption(m.el);
  },
  frame() {
    const s = scopeRoot(); if (!s.root) return s;
    const m = one(s.root); if (!m.el) return m;
    return frameBox(m.el);
  },
  state() {
    const s = scopeRoot(); if (!s.root) return s;
    const m = one(s.root); if (!m.el) return m;
    let el = m.el;
    if (req.prop === 'checked' || req.prop === 'unchecked') { const c = checkboxOf(el); if (!c.el) return c; el = c.el; }
    switch (req.prop) {
      case 'disabled': return disabled(el) ? { ok: true } : { state: 'enabled: ' + describe(el) };
      case 'enabled': return !disabled(el) ? { ok: true } : { state: 'disabled: ' + describe(el) };
      case 'checked': return checkedNow(el) ? { ok: true } : { state: 'not checked: ' + describe(el) };
      case 'unchecked': return !checkedNow(el) ? { ok: true } : { state: 'checked: ' + describe(el) };
      case 'value': {
        const v = fieldValue(el), want = norm(req.text);
        if (want === '' ? v === '' : v.includes(want)) return { ok: true };
        return { state: 'the field holds "' + v + '": ' + describe(el) };
      }
    }
    return { state: 'unknown property ' + req.prop };
  },
};

// NATIVE_FORM: the elements whose disabled state HTML defines (attribute,
// disabled fieldset outside its first legend, disabled optgroup): :disabled
// tells it exactly.
const NATIVE_FORM = /^(button|input|select|textarea|optgroup|option|fieldset)$/;
function fieldValue(el) {
  if (el.localName === 'select') return norm([...el.selectedOptions].map((o) => o.text).join(', '));
  if (el.localName === 'input' || el.localName === 'textarea') return norm(el.value);
  if (el.isContentEditable) return norm(el.innerText);
  // A custom element's value is the page's (45-page.js); an ARIA widget (a
  // <button role=combobox> too) shows its value.
  if (isCustom(el)) { const v = pageProps(el).value; if (v != null) return norm(String(v)); }
  const v = el.getAttribute('aria-valuetext') || el.getAttribute('aria-valuenow');
  return v !== null ? norm(v) : textOf(el);
}
function disabled(el) {
  if (NATIVE_FORM.test(el.localName) && el.namespaceURI === 'http://www.w3.org/1999/xhtml') {
    if (el.matches(':disabled')) return true;
  } else if (isCustom(el) && (el.disabled === true || el.hasAttribute('disabled') || el.matches(':disabled'))) return true;
  return ariaDisabled(el) || hostDisabled(el);
}
// aria-disabled="true" disables el and what is inside it, across shadow roots,
// up to the nearest aria-disabled="false".
function ariaDisabled(el) {
  for (let n = el; n; n = dom.parentElement(n) || rootHost(dom.parent(n))) {
    const a = dom.attr(n, 'aria-disabled');
    if (a === 'true') return true;
    if (a === 'false') return false;
  }
  return false;
}
