// The accessible name of an element: what a screen reader announces for it,
// by the W3C accessible name computation (accname 1.2, with HTML-AAM's rules
// for native elements). It is a further name of every candidate, next to the
// names of 30-locate.js: a button named by its icon's alt, a field named by
// an aria-labelledby chain, a link whose text has a hidden part, a fieldset by
// its legend. Choices where the spec leaves room: CSS ::before/::after text
// names only an element that has no other name (an icon button drawn by CSS):
// it costs a style lookup per element and is mostly decoration elsewhere
// (bullets, "*"), and icon-font glyphs (private use characters) never count;
// a visibility:hidden element's own text is skipped but its visible children
// are not; an element is named as if shown (whether it is, is the locator's
// question, not the name's).

const HTML_NS = 'http://www.w3.org/1999/xhtml';
// Roles named by their content wherever they are (accname's "name from content").
const FROM_CONTENT = new Set(['button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem']);
// Roles whose content also counts when they are inside the element being named.
const FROM_CONTENT_INSIDE = new Set(['', 'caption', 'code', 'contentinfo', 'definition', 'deletion', 'emphasis', 'insertion', 'list', 'listitem', 'mark', 'none', 'paragraph', 'presentation', 'region', 'row', 'rowgroup', 'section', 'strong', 'subscript', 'superscript', 'table', 'term', 'time']);
const TEXTLIKE = /^(text|password|number|search|tel|email|url)$/;

// The implicit ARIA role of the HTML elements that matter to a name.
function implicitRole(el) {
  if (el.namespaceURI !== HTML_NS) {
    if (el.localName === 'svg') return 'img';
    return el.localName === 'a' && (el.hasAttribute('href') || el.hasAttribute('xlink:href')) ? 'link' : '';
  }
  switch (el.localName) {
    case 'a': case 'area': return el.hasAttribute('href') ? 'link' : '';
    case 'button': return 'button';
    case 'input': {
      const t = el.type;
      if (t === 'checkbox' || t === 'radio') return t;
      if (t === 'button' || t === 'submit' || t === 'reset' || t === 'image' || t === 'file') return 'button';
      if (t === 'range') return 'slider';
      if (t === 'number') return 'spinbutton';
      if (t === 'hidden') return '';
      return el.hasAttribute('list') ? 'combobox' : t === 'search' ? 'searchbox' : 'textbox';
    }
    case 'select': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    case 'textarea': return 'textbox';
    case 'option': return 'option';
    case 'img': return el.getAttribute('alt') === '' ? 'presentation' : 'img';
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'heading';
    case 'ul': case 'ol': case 'menu': return 'list';
    case 'li': return 'listitem';
    case 'p': return 'paragraph';
    case 'table': return 'table';
    case 'tr': return 'row';
    case 'td': return 'cell';
    case 'th': return 'columnheader';
    case 'fieldset': case 'details': case 'optgroup': return 'group';
    case 'figure': return 'figure';
    case 'dialog': return 'dialog';
    case 'nav': return 'navigation';
    case 'main': return 'main';
    case 'aside': return 'complementary';
    case 'article': return 'article';
    case 'form': return 'form';
    case 'hr': return 'separator';
    case 'strong': return 'strong';
    case 'em': return 'emphasis';
    case 'code': return 'code';
    case 'progress': return 'progressbar';
    case 'meter': return 'meter';
    case 'output': return 'status';
  }
  return '';
}
function roleOf(el) {
  const r = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
  return r || implicitRole(el);
}

// Elements an aria-labelledby (or aria-owns) names: ids looked up in el's tree.
function idrefs(el, attr) {
  const v = el.getAttribute(attr);
  if (!v) return [];
  const r = el.getRootNode(), out = [];
  for (const id of v.split(/\s+/)) {
    const t = id && r.getElementById && r.getElementById(id);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

// Hidden from assistive technology: not rendered, inside a closed <details>,
// or aria-hidden, here or on an ancestor (across shadow roots).
function accHidden(el) {
  if (getComputedStyle(el).display !== 'contents' && !dom.checkVisibility(el)) return true;
  for (let n = el; n; n = dom.parentElement(n) || rootHost(dom.parent(n))) if (dom.attr(n, 'aria-hidden') === 'true') return true;
  return false;
}
// Hidden as seen while walking down from a node that is not: only el's own state.
function hiddenHere(el, cs) {
  if (/^(script|style|template|noscript)$/.test(dom.localName(el))) return true;
  if (dom.attr(el, 'aria-hidden') === 'true' || cs.display === 'none') return true;
  return cs.display !== 'contents' && !dom.checkVisibility(el);
}

// Text of CSS content on a pseudo-element: strings and attr() joined; an
// image, counter or anything else counts as nothing. "/ alt" text wins.
function cssContent(el, pseudo) {
  const cs = getComputedStyle(el, pseudo);
  const c = cs.content;
  if (!c || c === 'none' || c === 'normal' || cs.display === 'none') return '';
  const toks = c.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|attr\(\s*[\w-]+\s*\)|\/|\S+/g) || [];
  const slash = toks.indexOf('/');
  const use = slash >= 0 ? toks.slice(slash + 1) : toks;
  let s = '';
  for (const t of use) {
    if (t[0] === '"' || t[0] === "'") s += t.slice(1, -1).replace(/\\([0-9a-fA-F]{1,6}\s?|.)/g, (_, e) => (/^[0-9a-fA-F]/.test(e) ? String.fromCodePoint(parseInt(e, 16)) : e));
    else if (t.startsWith('attr(')) s += el.getAttribute(t.slice(5, -1).trim()) || '';
    else return '';
  }
  s = s.replace(/[\ue000-\uf8ff]/g, '');
  return cs.display === 'inline' ? s : ' ' + s + ' ';
}

// accName is el's accessible name.
function accName(el) {
  let t = accQuick(el);
  if (t === null) t = accText(el, { root: el, seen: new Set(), self: true, pseudo: false });
  t = accFlat(t);
  // Nameless: CSS content may be its name (see above).
  return t || accFlat(accText(el, { root: el, seen: new Set(), self: true, pseudo: true }));
}
const accFlat = (s) => norm(String(s).replace(/[\u200b\u00ad]/g, ''));
// accQuick is the name of the common control that needs no walk (an
// aria-label, or a button or link of plain text), or null.
function accQuick(el) {
  if (el.hasAttribute('aria-labelledby')) return null;
  const aria = el.getAttribute('aria-label');
  if (aria && aria.trim()) return aria;
  if (el.childElementCount || el.shadowRoot || el.localName === 'input') return null;
  if (!FROM_CONTENT.has(roleOf(el)) || (el.localName === 'button' && el.labels.length)) return null;
  return el.textContent.trim() ? el.textContent : el.getAttribute('title') || '';
}

// accText is the text alternative of el within a computation (o): root, the
// element named; seen, the elements already used; self, el is the root;
// inside, el is in the root's content; ref, in an aria-labelledby traversal;
// label, in a <label> (or legend, caption...) traversal; all, hidden nodes
// count (the traversal started at a hidden node that was pointed at); pseudo,
// CSS content counts. cs is el's computed style, when the caller has it.
function accText(el, o, cs) {
  if (o.seen.has(el)) return '';
  if (!o.self && !o.all && hiddenHere(el, cs || (cs = getComputedStyle(el)))) { o.seen.add(el); return ''; }
  const sub = (extra) => Object.assign({ root: o.root, seen: o.seen, pseudo: o.pseudo }, extra);
  // aria-labelledby, unless this is already a labelledby traversal.
  if (!o.ref) {
    const refs = idrefs(el, 'aria-labelledby');
    if (refs.length) {
      const t = refs.map((r) => accText(r, sub({ ref: true, all: o.all || accHidden(r) }))).join(' ');
      if (t.trim()) return t;
    }
  }
  const role = roleOf(el);
  // A control embedded in the label of another: its value.
  if ((o.inside || o.ref || o.label) && el !== o.root) {
    const v = embeddedValue(el, role, o);
    if (v !== null) return v;
  }
  const aria = el.getAttribute('aria-label');
  if (aria && aria.trim()) { o.seen.add(el); return aria; }
  if (role !== 'none' && role !== 'presentation') {
    const n = nativeName(el, o, sub);
    if (n !== null) return n;
  }
  if (FROM_CONTENT.has(role) || el.localName === 'summary' || (o.inside && FROM_CONTENT_INSIDE.has(role)) || o.ref || o.label) {
    o.seen.add(el);
    const t = contentText(el, cs || getComputedStyle(el), sub({ ref: o.ref, label: o.label, all: o.all, inside: true }));
    if (o.self ? t.trim() : t) return t;
  }
  o.seen.add(el);
  return el.getAttribute('title') || '';
}

// The value of a control embedded in a label (a "3" in "Show 3 items"), or
// null when el is not such a control.
function embeddedValue(el, role, o) {
  switch (role) {
    case 'textbox': case 'searchbox':
      o.seen.add(el);
      return el.localName === 'input' || el.localName === 'textarea' ? el.value : el.textContent;
    case 'combobox': case 'listbox': {
      o.seen.add(el);
      if (el.localName === 'select') return [...el.selectedOptions].map((x) => x.text).join(' ');
      if (el.localName === 'input') return el.value;
      const lb = role === 'listbox' ? el : listboxOf(el);
      return lb ? flatAll(lb, '[role=option][aria-selected=true]').map((x) => accText(x, { ...o, inside: true })).join(' ') : '';
    }
    case 'slider': case 'spinbutton': case 'progressbar': case 'scrollbar': case 'meter':
      o.seen.add(el);
      return el.getAttribute('aria-valuetext') || el.getAttribute('aria-valuenow') || (el.localName === 'input' ? el.value : el.getAttribute('value')) || '';
    case 'menu':
      o.seen.add(el);
      return '';
  }
  return null;
}

// The name HTML gives el by its own rules (input values, labels, alt,
// legend, caption, figcaption, an SVG <title>), or null to go on by content.
function nativeName(el, o, sub) {
  const tag = el.namespaceURI === HTML_NS ? el.localName : el.localName === 'svg' ? 'svg' : '';
  const title = () => el.getAttribute('title') || '';
  const labelled = el.hasAttribute('aria-labelledby') && idrefs(el, 'aria-labelledby').length > 0;
  const child = (name) => [...el.children].find((c) => c.localName === name);
  const viaChild = (c) => accText(c, sub({ label: true, inside: true, all: o.all || accHidden(c) }));
  if (tag === 'input') {
    const t = el.type;
    if (t === 'button' || t === 'submit' || t === 'reset') {
      o.seen.add(el);
      return el.value.trim() ? el.value : t === 'submit' ? 'Submit' : t === 'reset' ? 'Reset' : title();
    }
    if (t === 'image') {
      o.seen.add(el);
      const l = labelsText(el, o, sub);
      return l || el.getAttribute('alt') || title() || 'Submit';
    }
  }
  if (tag === 'button' && !labelled) {
    o.seen.add(el);
    const l = labelsText(el, o, sub);
    return l || null;
  }
  if (!labelled && /^(input|textarea|select|meter|progress|output)$/.test(tag)) {
    o.seen.add(el);
    const l = labelsText(el, o, sub);
    if (l) return l;
    const ph = (tag === 'textarea' || (tag === 'input' && TEXTLIKE.test(el.type))) && el.getAttribute('placeholder');
    return title() || ph || '';
  }
  if (!labelled && (tag === 'fieldset' || tag === 'figure' || tag === 'table')) {
    o.seen.add(el);
    const c = child(tag === 'fieldset' ? 'legend' : tag === 'figure' ? 'figcaption' : 'caption');
    if (c) return viaChild(c);
    return (tag === 'table' && el.getAttribute('summary')) || title();
  }
  if (tag === 'img' || tag === 'area') {
    o.seen.add(el);
    return el.getAttribute('alt') || title();
  }
  if (tag === 'svg') {
    const t = [...el.children].find((c) => c.localName === 'title');
    if (t) { o.seen.add(el); return t.textContent; }
  }
  return null;
}

// The text of el's labels, each read as a label (hidden parts skipped unless
// the label itself is hidden), '' when it has none.
function labelsText(el, o, sub) {
  return [...labelsOf(el)].map((l) => accText(l, sub({ label: true, all: o.all || accHidden(l) }))).filter((t) => t.trim()).join(' ');
}

// Name from content: ::before, the children as rendered (shadow tree, slotted
// nodes) and the elements el owns (aria-owns), then ::after. A block child
// is a word of its own; inline ones run on.
function contentText(el, cs, inner) {
  const shown = inner.all || cs.visibility === 'visible';
  let s = inner.pseudo ? cssContent(el, '::before') : '';
  for (const c of [...flatChildren(el), ...idrefs(el, 'aria-owns')]) {
    if (c.nodeType === 3) { if (shown) s += c.data; continue; }
    if (c.nodeType !== 1) continue;
    const ccs = getComputedStyle(c);
    const t = accText(c, inner, ccs);
    s += ccs.display === 'inline' && c.localName !== 'br' ? t : ' ' + t + ' ';
  }
  return inner.pseudo ? s + cssContent(el, '::after') : s;
}

// accAdds tells whether el's accessible name may be other than its other
// names (see fieldNames, controlNames): it has aria-labelledby, a shadow
// root, markup inside it or inside its labels, labels of a button, a native
// name of its own (image, submit and reset inputs), text that innerText reads
// otherwise, or no text at all (CSS content may name it). An element with an
// aria-label, or of plain text, is named the same either way.
function accAdds(el) {
  if (el.hasAttribute('aria-labelledby') || el.shadowRoot) return true;
  const aria = el.getAttribute('aria-label');
  if (aria && aria.trim()) return false;
  if (labelable(el)) {
    if (el.localName === 'input' && /^(image|submit|reset|button)$/.test(el.type)) return true;
    const labels = labelsOf(el);
    if (labels.length && el.localName === 'button') return true; // a button's other names leave its labels out
    for (const l of labels) if (l.childElementCount > (l.contains(el) ? 1 : 0)) return true;
    if (el.localName !== 'button') return false;
  }
  // Plain text reads the same in the name unless innerText reads it
  // otherwise (CSS capitals, a content-visibility section not rendered yet).
  return el.childElementCount > 0 || !el.textContent.trim() || norm(el.textContent) !== textOf(el);
}

// mayBeNamed tells whether el's accessible name may hold every one of words
// (lower case): whether its text and the attributes and references a name is
// made of hold them. A false answer is certain, so the name need not be
// computed; on a page with shadow roots, and for an element with no text at
// all (its name may be CSS content), the answer is always yes. marked(x)
// tells whether x holds an element with such an attribute (see namingIn).
function mayBeNamed(el, words, marked) {
  if (!isPlain()) return true;
  const parts = [el.textContent];
  const holds = () => {
    const s = parts.join(' ').replace(/[\u00ad\u200b\u2060\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').toLowerCase();
    return words.every((w) => s.includes(w));
  };
  const attrs = (e) => {
    for (const a of ['alt', 'title', 'aria-label', 'placeholder', 'value']) { const v = e.getAttribute(a); if (v) parts.push(v); }
    for (const a of ['aria-labelledby', 'aria-owns']) for (const r of idrefs(e, a)) parts.push(r.textContent);
    if (/^(input|textarea)$/.test(e.localName)) parts.push(e.value);
    else if (e.localName === 'select') parts.push([...e.selectedOptions].map((o) => o.text).join(' '));
  };
  const within = (x) => { if (marked(x)) for (const e of x.querySelectorAll(NAMING)) attrs(e); };
  attrs(el);
  if (el.localName === 'input') parts.push('submit reset');
  if (holds()) return true;
  if (!parts.join('').trim() && !el.childElementCount) return true; // no text at all: CSS content may name it
  const before = parts.length;
  within(el);
  if (labelable(el)) for (const l of labelsOf(el)) { parts.push(l.textContent); attrs(l); within(l); }
  return parts.length > before && holds();
}
const NAMING = '[alt], [title], [aria-label], [aria-labelledby], [aria-owns], [placeholder], [value], input, textarea, select';
// namingIn(root) is marked for mayBeNamed: whether an element holds one
// that bears a name (NAMING), from one query of root and a walk up from each
// match, done once for a whole resolve.
function namingIn(root) {
  let holders = null;
  return (x) => {
    if (!holders) {
      holders = new Set();
      for (const e of dom.qsa(root.querySelectorAll ? root : document, NAMING)) {
        for (let n = dom.parentElement(e); n && !holders.has(n); n = dom.parentElement(n)) holders.add(n);
      }
    }
    return holders.has(x);
  };
}
