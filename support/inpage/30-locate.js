// Fields by role: ARIA widgets and form-associated custom elements are fields
// too; a component's inner control is named by its host.
const ROLE_FIELD = /^(textbox|searchbox|combobox|listbox|spinbutton|slider|checkbox|switch|radio)$/;
// A form-associated custom element is told by CSS, which every world sees:
// it is a candidate for constraint validation (:valid or :invalid) unless
// disabled. (The registry and its formAssociated are the page's world's.)
const faceHost = (e) => dom.localName(e).includes('-') && dom.matches(e, ':valid, :invalid, :disabled');
function fieldsIn(root) {
  // One [role] in the selector, not nine: few elements have a role at all.
  let els = deepAll(root, FIELD + ', [role]').filter((e) => !dom.hasAttr(e, 'role') || ROLE_FIELD.test(dom.attr(e, 'role')) || dom.matches(e, FIELD));
  if (deepDOM(root)) for (const h of hostsIn(root)) collectFACE(h, els); // the hosts, found once per check
  // A combobox's popup list is part of the combobox, not a field of its own.
  const boxes = els.filter((e) => e.getAttribute('role') === 'combobox');
  if (boxes.length) { const pops = boxes.map(listboxOf); els = els.filter((e) => !pops.includes(e)); }
  return els;
}
// The listbox of a combobox (aria-controls, aria-owns, inside it, or the one
// in the same component), or the listbox itself.
function listboxOf(el) {
  if (el.getAttribute('role') === 'listbox') return el;
  const lb = (x) => (x.getAttribute('role') === 'listbox' ? x : deepAll(x, '[role=listbox]')[0]);
  for (const a of ['aria-controls', 'aria-owns']) {
    for (const id of (el.getAttribute(a) || '').split(/\s+/).filter(Boolean)) {
      const t = byId(el, id), l = t && lb(t);
      if (l) return l;
    }
  }
  const inside = deepAll(el, '[role=listbox]');
  if (inside.length) return inside[0];
  const r = el.getRootNode();
  if (r instanceof ShadowRoot) { const own = deepAll(r, '[role=listbox]'); if (own.length === 1) return own[0]; }
  return null;
}
// The option of an open listbox whose text is req.value (exact, then a unique
// substring), ready to be clicked.
function ariaOption(el) {
  const lb = listboxOf(el);
  if (!lb || !visible(lb)) return { state: 'the list of options of "' + req.locator + '" is not open: ' + describe(el) };
  // Options are what the listbox renders (slotted ones too), and any it owns.
  const owned = (lb.getAttribute('aria-owns') || '').split(/\s+/).filter(Boolean).map((id) => byId(lb, id)).filter(Boolean);
  const opts = [...flatAll(lb, '[role=option]'), ...owned.flatMap((o) => (o.matches('[role=option]') ? [o] : flatAll(o, '[role=option]')))].filter(visible);
  const want = norm(req.value);
  // An option is named by its text, its data-value and its accessible name
  // (an aria-label over a text that shows the price, say).
  const names = new Map(opts.map((x) => [x, [textOf(x), accName(x)]]));
  let o = opts.filter((x) => names.get(x).includes(want) || x.getAttribute('data-value') === req.value);
  if (!o.length) o = opts.filter((x) => names.get(x).some((n) => n.toLowerCase().includes(want.toLowerCase())));
  if (o.length !== 1) return { state: (o.length ? o.length + ' options match' : 'no option') + ' "' + req.value + '" in "' + req.locator + '"; options: ' + opts.map((x) => '"' + textOf(x) + '"').join(', ') };
  if (disabled(o[0])) return { state: 'option "' + req.value + '" is disabled' };
  const a = actionable(o[0]);
  if (typeof a === 'string') return { state: a + ': option ' + describe(o[0]) };
  return { ok: true, x: a.x, y: a.y, desc: describe(o[0]) };
}
function collectFACE(e, out) {
  const s = dom.nodeType(e) === 1 && dom.shadowRoot(e);
  if (!s) return;
  if (faceHost(e) && !out.includes(e)) out.push(e);
  for (const c of s.querySelectorAll('*')) collectFACE(c, out);
}
// ids are looked up in el's own tree first, then in the document.
function byId(el, id) {
  const r = el.getRootNode();
  return (r.getElementById && r.getElementById(id)) || document.getElementById(id);
}
// Elements HTML lets a <label> name (they have .labels); asked by what el is,
// not by whether it has a property of that name.
const LABELABLE = /^(button|input|meter|output|progress|select|textarea)$/;
const labelable = (el) => el.namespaceURI === 'http://www.w3.org/1999/xhtml' && LABELABLE.test(dom.localName(el));
// The labels of el: its own (<label for>, wrapping <label>), also for custom
// elements, which have no .labels.
function labelsOf(el) {
  if (labelable(el)) return el.labels || [];
  const out = [], r = dom.rootNode(el), id = dom.attr(el, 'id');
  if (id && r.querySelectorAll) out.push(...r.querySelectorAll('label[for="' + CSS.escape(id) + '"]'));
  const wrap = dom.parentElement(el) && dom.closest(dom.parentElement(el), 'label');
  if (wrap && !wrap.hasAttribute('for')) out.push(wrap);
  return out;
}
// Names a host gives to the control inside it: its label attribute, aria-label,
// labels, aria-labelledby (the nearest host with a name).
function hostNames(el) {
  if (isPlain()) return [];
  for (const h of hostsOf(el)) {
    const names = [h.getAttribute('label'), h.getAttribute('aria-label')];
    for (const l of labelsOf(h)) names.push(labelText(l));
    const by = h.getAttribute('aria-labelledby');
    if (by) names.push(by.split(/\s+/).map((id) => flatText(byId(h, id) || document.createElement('i'), false)).join(' '));
    const got = names.filter(Boolean).map(norm).filter(Boolean);
    if (got.length) return got;
  }
  return [];
}
// Where a frame's content starts in this page's viewport, once it is visible
// (scrolled into view if it is not).
function frameBox(el) {
  if (!/^i?frame$/.test(el.localName)) return { fatal: 'not a frame: ' + describe(el) + '; within the frame "..." names an <iframe> by title, name, aria-label, id or CSS' };
  const r = el.getBoundingClientRect();
  if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    return { state: 'scrolling the frame into view: ' + describe(el) };
  }
  // In the window but outside what a scrolling ancestor shows (a frame at the
  // end of a panel): scroll it out, as for any target (see unreachable).
  const clip = clipper(el, r.left + r.width / 2, r.top + r.height / 2);
  if (clip && rescroll(el)) return { state: 'scrolling the frame into view: outside what ' + describe(clip) + ' shows' };
  const cs = getComputedStyle(el);
  // view: the part of the frame's content box this window shows.
  const cl = r.left + el.clientLeft, ct = r.top + el.clientTop;
  const view = [Math.max(cl, 0), Math.max(ct, 0), Math.min(cl + el.clientWidth, innerWidth), Math.min(ct + el.clientHeight, innerHeight)];
  return { ok: true, x: cl + parseFloat(cs.paddingLeft), y: ct + parseFloat(cs.paddingTop), view, desc: describe(el) };
}
// A match inside the shadow tree of another match is what that component
// renders: keep the inner one, the real control.
function innermost(hits) {
  if (hits.length < 2) return hits;
  return hits.filter((h) => !hits.some((o) => o !== h && hostsOf(o.el).includes(h.el)));
}
// A control is disabled when the component around it is (aria-disabled on a
// host: see ariaDisabled).
const hostDisabled = (el) => hostsOf(el).some((h) => h.hasAttribute('disabled') && h.localName.includes('-'));

// Text of a label without the text of the controls it wraps (a wrapping
// <label> around a <select> would otherwise "contain" every option).
function labelText(label) {
  if (!isPlain() && (deepDOM(label) || label.querySelector('slot'))) return flatText(label, false, 'input, select, textarea, button');
  const c = label.cloneNode(true);
  c.querySelectorAll('input, select, textarea, button').forEach((n) => n.remove());
  return norm(c.textContent);
}

function fieldNames(el, might) {
  const names = [];
  // No label of the document might read what is looked for: the field's
  // labels are not asked (a NodeList each, hundreds a check on a long form).
  if (!might || might.labels()) for (const l of labelsOf(el)) names.push(labelText(l));
  const by = el.getAttribute('aria-labelledby');
  if (by) names.push(norm(by.split(/\s+/).map((id) => { const t = byId(el, id); return t ? flatText(t, false) : ''; }).join(' ')));
  for (const a of ['label', 'placeholder', 'aria-label', 'title', 'name', 'id']) names.push(el.getAttribute(a));
  // An ARIA checkbox, switch or radio is named by its content, like a button.
  if (/^(checkbox|switch|radio)$/.test(el.getAttribute('role'))) names.push(might && !might(el) ? '' : textOf(el));
  names.push(...hostNames(el));
  return names.filter(Boolean).map(norm);
}
function frameNames(el) {
  return ['title', 'name', 'aria-label', 'id'].map((a) => el.getAttribute(a)).filter(Boolean).map(norm);
}
// controlNames leaves out the text when might (see mightRead) says it cannot
// hold what is looked for: reading it costs a visibility check and a layout
// read, hundreds a check on a page of many buttons.
function controlNames(el, might) {
  const names = [might && !might(el) ? '' : textOf(el), el.tagName === 'INPUT' ? el.value : ''];
  for (const a of ['aria-label', 'title', 'id']) names.push(el.getAttribute(a));
  names.push(...hostNames(el));
  return names.filter(Boolean).map(norm);
}
// Containers a scope may name: groups and regions, by their accessible name
// (a fieldset's legend, a table's caption, a figure's figcaption, a dialog's
// aria-labelledby heading) and a <details> by its summary.
const CONTAINER = 'fieldset, figure, table, dialog, details, nav, aside, section[aria-label], section[aria-labelledby], form[aria-label], form[aria-labelledby], ' +
  '[role=group], [role=region], [role=dialog], [role=alertdialog], [role=radiogroup], [role=tabpanel], [role=navigation], [role=form], [role=search], [role=list], [role=grid], [role=table], [role=toolbar], [role=menu], [role=tree]';
function containerNames(el) {
  const names = [accName(el)];
  if (el.localName === 'details') { const s = [...el.children].find((c) => c.localName === 'summary'); if (s) names.push(shownText(s)); }
  return names.filter(Boolean).map(norm);
}

function queryAll(root, sel) {
  if (sel.startsWith('xpath=') || sel.startsWith('//')) {
    const xp = sel.startsWith('xpath=') ? sel.slice(6) : sel;
    const snap = document.evaluate(xp, root, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    const out = [];
    for (let i = 0; i < snap.snapshotLength; i++) if (snap.snapshotItem(i).nodeType === 1) out.push(snap.snapshotItem(i));
    return out;
  }
  const css = sel.startsWith('css=') ? sel.slice(4) : sel;
  const out = deepAll(root, css);
  if (dom.nodeType(root) === 1 && dom.matches(root, css)) out.unshift(root);
  return out;
}

// Candidate groups in order of preference for a kind of target.
function groups(root, kind) {
  const g = [];
  const all = (sel) => deepAll(root, sel);
  if (kind === 'field' || kind === 'checkbox' || kind === 'radio') {
    let els = fieldsIn(root);
    if (kind === 'checkbox') els = els.filter((e) => e.type === 'checkbox' || e.getAttribute('role') === 'checkbox' || e.getAttribute('role') === 'switch');
    if (kind === 'radio') els = els.filter((e) => e.type === 'radio' || e.getAttribute('role') === 'radio');
    g.push({ what: kind === 'field' ? 'field' : kind, els, names: fieldNames, acc: true });
  }
  // 'control' is 'any' without the fallback to plain text: what can be enabled;
  // 'scope' is 'any' with named containers (see CONTAINER).
  const controls = kind === 'any' || kind === 'control' || kind === 'scope';
  if (kind === 'button' || controls) g.push({ what: 'button', els: all(BUTTON), names: controlNames, acc: true });
  if (kind === 'link' || controls) g.push({ what: 'link', els: all(LINK), names: controlNames, acc: true });
  if (controls) g.push({ what: 'field', els: fieldsIn(root), names: fieldNames, acc: true });
  if (kind === 'frame') g.push({ what: 'frame', els: all('iframe, frame'), names: frameNames, acc: true });
  if (kind === 'scope') g.push({ what: 'container', els: all(CONTAINER), names: containerNames });
  return g;
}

// An element is its own click target unless it is a visually hidden checkbox or
// radio with a visible label, the common custom-control pattern, or it has no
// box to aim at while its content is shown (display: contents, a link of no
// size around an absolutely positioned text): then its first visible element.
function target(el) {
  if (visible(el)) return el;
  for (const l of labelsOf(el)) if (visible(l)) return l;
  return boxless(el) ? flatAll(el, '*').find(visible) || null : null;
}
function boxless(el) {
  if (!el.isConnected) return false;
  if (getComputedStyle(el).display === 'contents') return true;
  if (!dom.checkVisibility(el, SEEN)) return false;
  const r = el.getBoundingClientRect();
  return r.width === 0 || r.height === 0;
}

// Elements whose visible text matches and none of whose children's does: the
// element a person would point at.
function textMatches(root, test) {
  const out = [];
  const deep = deepDOM(root === document ? document.body : root);
  const walk = (el) => {
    let child = false;
    for (const c of deep ? flatChildren(el) : dom.children(el)) if (dom.nodeType(c) === 1 && walk(c)) child = true;
    if (child) return true;
    if (!visible(el)) return false;
    if (test(shownText(el))) { out.push(el); return true; }
    return false;
  };
  walk(root === document ? document.body : root);
  return out;
}

// resolve answers {els: visible matches of the best tier, hidden: matching but
// hidden elements, tier, names: every name seen (for "closest")}.
function resolve(root, q, kind) {
  if (isSelector(q)) {
    const found = queryAll(root, q);
    return { els: found.filter(visible), hidden: found.filter((e) => !visible(e)), tier: 'selector', names: [] };
  }
  const want = norm(q), wantLow = low(q);
  const hidden = [], might = mightRead(wantLow);
  const tiers = [(n) => n === want, (n) => n.toLowerCase().includes(wantLow)];
  const gs = groups(root, kind);
  // The accessible name is a further name of the elements of a group with
  // acc: tried in a tier only when no element has the name by the names
  // above (nor hides one), so a step that finds its target by them today
  // finds the same one, never a second that makes it ambiguous. It is
  // computed only for an element whose text and attributes hold every word
  // looked for (see accAdds, mayBeNamed): walking styles costs, text does not.
  const acc = new Map(), words = wantLow.split(' ').filter(Boolean), marked = namingIn(document);
  const accOf = (el) => {
    let a = acc.get(el);
    if (a === undefined) acc.set(el, (a = accAdds(el) && mayBeNamed(el, words, marked) ? accName(el) : ''));
    return a;
  };
  for (let t = 0; t < tiers.length; t++) {
    const hits = [], hiddenBefore = hidden.length;
    const pass = (byAcc) => {
      for (const g of gs) {
        if (byAcc && !g.acc) continue;
        for (const el of g.els) {
          if (byAcc) {
            if (!tiers[t](accOf(el))) continue;
          } else if (!g.names(el, might).some(tiers[t])) continue;
          const tgt = target(el);
          if (tgt) { if (!hits.some((h) => h.el === el)) hits.push({ el, tgt }); } else if (!hidden.includes(el)) hidden.push(el);
        }
      }
    };
    pass(false);
    if (hits.length === 0 && hidden.length === hiddenBefore) pass(true);
    // Text is the fallback when no control has the name; a hidden control
    // that has it is waited for (below), not stood in for by what holds it (a
    // button at opacity 0 is still in its parent's innerText).
    if ((kind === 'any' || kind === 'scope') && hits.length === 0) {
      for (const el of textMatches(root, tiers[t])) if (!hidden.some((h) => deepContains(el, h))) hits.push({ el, tgt: el });
    }
    if (hits.length > 1) hits.splice(0, hits.length, ...innermost(hits));
    if (hits.length) return { els: hits.map((h) => h.el), tgts: hits.map((h) => h.tgt), hidden, tier: t === 0 ? 'exact' : 'substring', get names() { return namesIn(gs); } };
    // A hidden exact match is what was meant (it may be shown in a moment): wait
    // for it rather than act on a looser visible match.
    if (hidden.length) break;
  }
  return { els: [], tgts: [], hidden, tier: 'none', get names() { return namesIn(gs); } };
}
// Every name of every candidate, for a message that names the closest
// (notFound): read in full only when one is written.
const namesIn = (gs) => gs.flatMap((g) => g.els.flatMap((el) => g.names(el)));
// mightRead(wantLow) answers whether an element's text could read wantLow,
// from its textContent alone: the text a person reads (innerText) is that
// text with some of it left out (hidden parts), whitespace added or
// collapsed and letters' case changed (text-transform), so unless wantLow's
// letters, without their spaces, come in that order in the textContent,
// lower-cased, it cannot. Only where that holds: a page with no shadow tree
// (whose text is not in textContent) and ASCII text (where a case change
// keeps every letter one letter; a transformed "ß" reads "SS").
const NON_ASCII = /[^\x00-\x7f]/;
function mightRead(wantLow) {
  const w = wantLow.replace(/\s+/g, '');
  if (!w || NON_ASCII.test(w) || !isPlain()) return null;
  const might = (el) => {
    const tc = dom.text(el);
    if (NON_ASCII.test(tc)) return true;
    let i = 0;
    for (let j = 0; j < tc.length && i < w.length; j++) {
      const c = tc.charCodeAt(j);
      if ((c >= 65 && c <= 90 ? c + 32 : c) === w.charCodeAt(i)) i++;
    }
    return i === w.length;
  };
  // Whether any <label> of the document might read it (a label's text is
  // its textContent less the controls in it), asked once.
  let labels;
  might.labels = () => (labels === undefined ? (labels = [...dom.qsa(document, 'label')].some(might)) : labels);
  return might;
}

function lev(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]; d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}
function closest(q, names) {
  let best = null, bestD = Infinity;
  for (const n of new Set(names)) {
    const d = lev(low(q), n.toLowerCase());
    if (d < bestD) { best = n; bestD = d; }
  }
  return best && bestD <= Math.max(2, Math.floor(q.length / 3)) ? best : null;
}

const WHAT = {
  field: 'field with label, placeholder, aria-label, title, name or id',
  checkbox: 'checkbox with label, placeholder, aria-label, title, name or id',
  radio: 'radio button with label, placeholder, aria-label, title, name or id',
  button: 'button with text, value, aria-label, title or id',
  link: 'link with text, aria-label, title or id',
  any: 'button, link, field or visible text',
  scope: 'button, link, field, named group or region, or visible text',
  control: 'button, link or field with that text, label, placeholder, aria-label, title, name or id',
  frame: 'frame with title, name, aria-label or id',
};

function notFound(r, q, kind) {
  if (r.hidden.length) return 'found but hidden: ' + r.hidden.slice(0, 3).map(describe).join(', ');
  if (isSelector(q)) return 'no element matches ' + q;
  const c = closest(q, r.names);
  return 'no ' + WHAT[kind] + ' "' + q + '"' + (c ? '; closest: "' + c + '"' : '');
}
