// Romaine's in-page half of the browser layer. It is sent with every wait as one
// function: (req) => Promise<{ok, state, ...}>. Locating, actionability and
// assertions all run here, so one CDP round trip answers "is it ready yet, and if
// not, why not". The promise settles as soon as the condition holds (re-checked on
// DOM mutations and animation frames) or when req.sliceMs passes, with the last
// state seen, so the Go side can enforce its deadline and survive navigations.
(req) => {
  const norm = (s) => String(s == null ? '' : s).replace(/[\s\u00a0]+/g, ' ').trim();
  const low = (s) => norm(s).toLowerCase();

  const FIELD = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), textarea, select, [contenteditable=""], [contenteditable="true"]';
  const BUTTON = 'button, input[type=submit], input[type=button], input[type=reset], input[type=image], [role=button]';
  const LINK = 'a[href], [role=link]';

  const isSelector = (s) => /^(css=|xpath=|\/\/|#|\.|\[)/.test(s);

  // The text a person reads on el; for a hidden element, the text it would show
  // (innerText is empty under visibility:hidden).
  const textOf = (el) => (visible(el) ? shownText(el) : (!isPlain() && (deepDOM(el) || el.querySelector('slot')) ? flatText(el, false) : norm(el.textContent)));

  function describe(el) {
    if (!el || !el.tagName) return String(el);
    let d = el.tagName.toLowerCase();
    if (el.id) d += '#' + el.id;
    const cls = (typeof el.className === 'string' ? el.className : '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
    if (cls.length) d += '.' + cls.join('.');
    if (el.getAttribute('name')) d += '[name=' + el.getAttribute('name') + ']';
    if (el.tagName === 'INPUT' && el.type !== 'text') d += '[type=' + el.type + ']';
    const t = norm(textOf(el) || el.value || el.getAttribute('aria-label') || '');
    if (t) d += ' "' + (t.length > 40 ? t.slice(0, 37) + '...' : t) + '"';
    return d;
  }

  // Candidates as a person can tell them apart: when two read the same, with
  // what each is in.
  function candidates(els, max) {
    const some = els.slice(0, max), ds = some.map(describe);
    const where = some.map((e, i) => ds[i] + ' in ' + describe(e.parentElement || (e.parentNode && e.parentNode.host) || e));
    const twice = (list, i) => list.indexOf(list[i]) !== list.lastIndexOf(list[i]);
    return ds.map((d, i) => (twice(ds, i) && !twice(where, i) ? where[i] : d)).join(', ');
  }

  function visible(el) {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }


  // Open shadow roots are part of the page for every locator: queries, text and
  // hit tests pierce them at any depth. A document with none takes the plain
  // paths (isPlain below). hostsIn lists the hosts under root, once per check.
  let hostCache = new Map();
  function hostsIn(root) {
    let h = hostCache.get(root);
    if (!h) {
      h = [...root.querySelectorAll('*')].filter((e) => e.shadowRoot);
      if (root.shadowRoot) h.unshift(root);
      hostCache.set(root, h);
    }
    return h;
  }
  // Whether the document has any shadow root, kept on the window so plain pages
  // do not scan every element on every check: once seen, always true; "none" is
  // forgotten on any added node (a parsed declarative shadow root comes with
  // one), on any attachShadow (defining a custom element upgrades through it),
  // and after 500 ms (a shadow root attached by a saved reference to the
  // original attachShadow).
  const SHADOW = Symbol.for('romaine.shadow');
  const seen = window[SHADOW] || (window[SHADOW] = (() => {
    const st = { any: null, at: 0 };
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (...args) { st.any = true; return attach.apply(this, args); };
    new MutationObserver(() => { if (st.any === false) st.any = null; }).observe(document, { subtree: true, childList: true });
    return st;
  })());
  function docHasShadow() {
    if (seen.any === false && performance.now() - seen.at > 500) seen.any = null;
    if (seen.any === null) { seen.any = hostsIn(document).length > 0; seen.at = performance.now(); }
    return seen.any;
  }
  // plain: the document has no shadow root (asked once per check, see check()).
  let plain = null;
  const isPlain = () => (plain === null ? (plain = !docHasShadow()) : plain);
  const deepDOM = (root) => !isPlain() && (root === document || hostsIn(root).length > 0);
  // Every element under root matching css, shadow trees included, each shadow
  // tree's matches right after its host (composed order).
  function deepAll(root, css) {
    if (!deepDOM(root)) return [...root.querySelectorAll(css)];
    const out = [];
    const visit = (r) => {
      for (const e of r.querySelectorAll('*')) {
        if (e.matches(css)) out.push(e);
        if (e.shadowRoot) visit(e.shadowRoot);
      }
    };
    if (root.shadowRoot) visit(root.shadowRoot);
    visit(root);
    return out;
  }
  // The flat-tree parent: a slotted node's slot, a shadow tree's host.
  const flatParent = (n) => n.assignedSlot || n.parentNode && (n.parentNode.host || n.parentNode);
  function deepContains(a, b) {
    for (let n = b; n; n = n.nodeType === 11 ? n.host : flatParent(n)) if (n === a) return true;
    return false;
  }
  // The shadow hosts el lives in, innermost first.
  function hostsOf(el) {
    const out = [];
    if (isPlain()) return out;
    for (let r = el.getRootNode(); r instanceof ShadowRoot; r = r.host.getRootNode()) out.push(r.host);
    return out;
  }
  // The element under (x, y), looking into the shadow roots elementFromPoint stops at.
  function deepHit(x, y) {
    let hit = document.elementFromPoint(x, y);
    while (hit && hit.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit;
  }
  // The children a person sees in order: a host's shadow tree, a slot's
  // assigned nodes (or its fallback content).
  function flatChildren(n) {
    if (n.shadowRoot) return n.shadowRoot.childNodes;
    if (n.localName === 'slot') { const a = n.assignedNodes({ flatten: true }); return a.length ? a : n.childNodes; }
    return n.childNodes;
  }
  const BLOCK = /^(block|flex|grid|table|list-item|flow-root)/;
  // Text of the flat tree under n: what is rendered (like innerText) when shown,
  // else all of it (like textContent). skip drops subtrees (controls in a label).
  function flatText(n, shown, skip) {
    const parts = [];
    const walk = (n, vis) => {
      if (n.nodeType === 3) { if (vis) parts.push(n.data); return; }
      if (n.nodeType !== 1 && n.nodeType !== 11) return;
      if (n.nodeType === 1) {
        if (skip && n.matches(skip)) return;
        if (shown) {
          const cs = getComputedStyle(n);
          if (cs.display === 'none') return;
          if (cs.display !== 'contents' && n.checkVisibility && !n.checkVisibility()) return;
          if (n.localName === 'br') { parts.push('\n'); return; }
          vis = cs.visibility === 'visible';
          if (BLOCK.test(cs.display)) { parts.push('\n'); for (const c of flatChildren(n)) walk(c, vis); parts.push('\n'); return; }
        } else if (/^(script|style|template)$/.test(n.localName)) return;
      }
      for (const c of flatChildren(n)) walk(c, vis);
    };
    walk(n, true);
    return norm(parts.join(''));
  }
  // The visible text of el, shadow trees and slotted content included.
  const shownText = (el) => (!isPlain() && (deepDOM(el) || hostsOf(el).length) ? flatText(el, true) : norm(el.innerText));

  // Fields by role: ARIA widgets and form-associated custom elements are fields
  // too; a component's inner control is named by its host.
  const ROLE_FIELD = /^(textbox|searchbox|combobox|listbox|spinbutton|slider|checkbox|switch|radio)$/;
  const faceHost = (e) => e.localName.includes('-') && !!(customElements.get(e.localName) || {}).formAssociated;
  function fieldsIn(root) {
    // One [role] in the selector, not nine: few elements have a role at all.
    let els = deepAll(root, FIELD + ', [role]').filter((e) => !e.hasAttribute('role') || ROLE_FIELD.test(e.getAttribute('role')) || e.matches(FIELD));
    if (deepDOM(root)) for (const h of [root, ...root.querySelectorAll('*')]) collectFACE(h, els);
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
    const opts = deepAll(lb, '[role=option]').filter(visible);
    const want = norm(req.value);
    let o = opts.filter((x) => textOf(x) === want || x.getAttribute('data-value') === req.value);
    if (!o.length) o = opts.filter((x) => textOf(x).toLowerCase().includes(want.toLowerCase()));
    if (o.length !== 1) return { state: (o.length ? o.length + ' options match' : 'no option') + ' "' + req.value + '" in "' + req.locator + '"; options: ' + opts.map((x) => '"' + textOf(x) + '"').join(', ') };
    if (disabled(o[0])) return { state: 'option "' + req.value + '" is disabled' };
    const a = actionable(o[0]);
    if (typeof a === 'string') return { state: a + ': option ' + describe(o[0]) };
    return { ok: true, x: a.x, y: a.y, desc: describe(o[0]) };
  }
  function collectFACE(e, out) {
    if (!e.shadowRoot) return;
    if (faceHost(e) && !out.includes(e)) out.push(e);
    for (const c of e.shadowRoot.querySelectorAll('*')) collectFACE(c, out);
  }
  // ids are looked up in el's own tree first, then in the document.
  function byId(el, id) {
    const r = el.getRootNode();
    return (r.getElementById && r.getElementById(id)) || document.getElementById(id);
  }
  // The labels of el: its own (<label for>, wrapping <label>), also for custom
  // elements, which have no .labels.
  function labelsOf(el) {
    if (el.labels) return el.labels;
    const out = [], r = el.getRootNode();
    if (el.id && r.querySelectorAll) out.push(...r.querySelectorAll('label[for="' + CSS.escape(el.id) + '"]'));
    const wrap = el.parentElement && el.parentElement.closest('label');
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
    const cs = getComputedStyle(el);
    return { ok: true, x: r.left + el.clientLeft + parseFloat(cs.paddingLeft), y: r.top + el.clientTop + parseFloat(cs.paddingTop), desc: describe(el) };
  }
  // A match inside the shadow tree of another match is what that component
  // renders: keep the inner one, the real control.
  function innermost(hits) {
    if (hits.length < 2) return hits;
    return hits.filter((h) => !hits.some((o) => o !== h && hostsOf(o.el).includes(h.el)));
  }
  // A control is disabled when the component around it is.
  const hostDisabled = (el) => hostsOf(el).some((h) => h.getAttribute('aria-disabled') === 'true' || (h.hasAttribute('disabled') && h.localName.includes('-')));

  // Text of a label without the text of the controls it wraps (a wrapping
  // <label> around a <select> would otherwise "contain" every option).
  function labelText(label) {
    if (!isPlain() && (deepDOM(label) || label.querySelector('slot'))) return flatText(label, false, 'input, select, textarea, button');
    const c = label.cloneNode(true);
    c.querySelectorAll('input, select, textarea, button').forEach((n) => n.remove());
    return norm(c.textContent);
  }

  function fieldNames(el) {
    const names = [];
    for (const l of labelsOf(el)) names.push(labelText(l));
    const by = el.getAttribute('aria-labelledby');
    if (by) names.push(norm(by.split(/\s+/).map((id) => { const t = byId(el, id); return t ? flatText(t, false) : ''; }).join(' ')));
    for (const a of ['label', 'placeholder', 'aria-label', 'title', 'name', 'id']) names.push(el.getAttribute(a));
    // An ARIA checkbox, switch or radio is named by its content, like a button.
    if (/^(checkbox|switch|radio)$/.test(el.getAttribute('role'))) names.push(textOf(el));
    names.push(...hostNames(el));
    return names.filter(Boolean).map(norm);
  }
  function frameNames(el) {
    return ['title', 'name', 'aria-label', 'id'].map((a) => el.getAttribute(a)).filter(Boolean).map(norm);
  }
  function controlNames(el) {
    const names = [textOf(el), el.tagName === 'INPUT' ? el.value : ''];
    for (const a of ['aria-label', 'title', 'id']) names.push(el.getAttribute(a));
    names.push(...hostNames(el));
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
    if (root !== document && root.matches && root.matches(css)) out.unshift(root);
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
      g.push({ what: kind === 'field' ? 'field' : kind, els, names: fieldNames });
    }
    // 'control' is 'any' without the fallback to plain text: what can be enabled.
    const controls = kind === 'any' || kind === 'control';
    if (kind === 'button' || controls) g.push({ what: 'button', els: all(BUTTON), names: controlNames });
    if (kind === 'link' || controls) g.push({ what: 'link', els: all(LINK), names: controlNames });
    if (controls) g.push({ what: 'field', els: fieldsIn(root), names: fieldNames });
    if (kind === 'frame') g.push({ what: 'frame', els: all('iframe, frame'), names: frameNames });
    return g;
  }

  // An element is its own click target unless it is a visually hidden checkbox or
  // radio with a visible label, the common custom-control pattern.
  function target(el) {
    if (visible(el)) return el;
    for (const l of labelsOf(el)) if (visible(l)) return l;
    return null;
  }

  // Elements whose visible text matches and none of whose children's does: the
  // element a person would point at.
  function textMatches(root, test) {
    const out = [];
    const deep = deepDOM(root === document ? document.body : root);
    const walk = (el) => {
      let child = false;
      for (const c of deep ? flatChildren(el) : el.children) if (c.nodeType === 1 && walk(c)) child = true;
      if (child) return true;
      if (!visible(el)) return false;
      if (test(deep ? shownText(el) : norm(el.innerText))) { out.push(el); return true; }
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
    const seen = [], hidden = [];
    const tiers = [(n) => n === want, (n) => n.toLowerCase().includes(wantLow)];
    const gs = groups(root, kind);
    for (let t = 0; t < tiers.length; t++) {
      const hits = [];
      for (const g of gs) {
        for (const el of g.els) {
          const names = g.names(el);
          if (t === 0) seen.push(...names);
          if (!names.some(tiers[t])) continue;
          const tgt = target(el);
          if (tgt) { if (!hits.some((h) => h.el === el)) hits.push({ el, tgt }); } else if (!hidden.includes(el)) hidden.push(el);
        }
      }
      if (kind === 'any' && hits.length === 0) {
        for (const el of textMatches(root, tiers[t])) hits.push({ el, tgt: el });
      }
      if (hits.length > 1) hits.splice(0, hits.length, ...innermost(hits));
      if (hits.length) return { els: hits.map((h) => h.el), tgts: hits.map((h) => h.tgt), hidden, tier: t === 0 ? 'exact' : 'substring', names: seen };
      // A hidden exact match is what was meant (it may be shown in a moment): wait
      // for it rather than act on a looser visible match.
      if (hidden.length) break;
    }
    return { els: [], tgts: [], hidden, tier: 'none', names: seen };
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
    control: 'button, link or field with that text, label, placeholder, aria-label, title, name or id',
    frame: 'frame with title, name, aria-label or id',
  };

  function notFound(r, q, kind) {
    if (r.hidden.length) return 'found but hidden: ' + r.hidden.slice(0, 3).map(describe).join(', ');
    if (isSelector(q)) return 'no element matches ' + q;
    const c = closest(q, r.names);
    return 'no ' + WHAT[kind] + ' "' + q + '"' + (c ? '; closest: "' + c + '"' : '');
  }

  // The scope chain: each step narrows the root; a step that does not resolve to
  // exactly one element stops with a state that names it.
  function scopeRoot() {
    let root = document;
    for (const s of req.scopes || []) {
      if (s.selector) {
        const found = queryAll(root, s.selector).filter(visible);
        const want = norm(s.containing);
        const el = found.find((e) => shownText(e).includes(want)) || found.find((e) => shownText(e).toLowerCase().includes(want.toLowerCase()));
        if (!el) return { state: 'scope not found: no visible "' + s.selector + '" containing "' + s.containing + '"' + (found.length ? ' (' + found.length + ' "' + s.selector + '" seen, none containing it)' : '') };
        root = el;
      } else {
        const r = resolve(root, s.locator, 'any');
        if (r.els.length === 0) return { state: 'scope not found: ' + notFound(r, s.locator, 'any') };
        if (r.els.length > 1) return { state: 'scope "' + s.locator + '" is ambiguous: ' + r.els.length + ' candidates: ' + candidates(r.els, 5) };
        root = r.els[0];
      }
    }
    return { root };
  }

  function one(root) {
    const r = resolve(root, req.locator, req.kind);
    if (r.els.length === 0) return { state: notFound(r, req.locator, req.kind) };
    if (r.els.length > 1) return { state: 'ambiguous: ' + r.els.length + ' candidates: ' + candidates(r.els, 6) + '; narrow it with within "..." or a selector', ambiguous: true };
    return { el: r.els[0], tgt: (r.tgts && r.tgts[0]) || r.els[0] };
  }

  function disabled(el) {
    if (el.disabled) return true;
    if (el.getAttribute('aria-disabled') === 'true') return true;
    if (el.localName.includes('-') && (el.hasAttribute('disabled') || el.matches(':disabled'))) return true;
    if (hostDisabled(el)) return true;
    const fs = el.closest('fieldset[disabled]');
    return !!(fs && !fs.querySelector('legend')?.contains(el));
  }

  // frame.n counts animation frames; frame.in is true inside our frame callback.
  // A box seen outside one (timer, mutation) is not yet tied to a frame: the
  // page may have moved it earlier in the same frame. Both live on the window, so
  // a wait that takes several calls (slices) does not start over on each one, and
  // a short last slice still gets past "is it moving?" to the real reason.
  const FRAMES = Symbol.for('romaine.frames');
  const frame = window[FRAMES] || (window[FRAMES] = { n: 0, in: false, seen: new Map() });
  // Boxes are remembered per target (the locator and its scopes), not per node:
  // a node re-rendered in place by the page (a list rebuilt every 50 ms) is
  // still, as a person sees it, and the action may go ahead at once rather than
  // wait for a node that lives two frames.
  const stableKey = JSON.stringify([req.locator, req.kind, req.scopes]);
  if (frame.seen.size > 200) frame.seen.clear();
  const stableSeen = { get: () => frame.seen.get(stableKey), set: (_, v) => frame.seen.set(stableKey, v), delete: () => frame.seen.delete(stableKey) };
  // A finite animation or transition of the position or size of el or of an
  // ancestor: the box alone cannot tell, as one that has not started yet (or that
  // the compositor runs ahead of the page) shows a still box for a frame or two.
  const MOVES = /^(all|transform|translate|rotate|scale|inset|left|top|right|bottom|margin|width|height)/;
  function animating(el) {
    for (const a of document.getAnimations ? document.getAnimations() : []) {
      const t = a.effect && a.effect.target;
      if (!t || !t.contains(el) || !(a.playState === 'running' || a.pending)) continue;
      if (a.effect.getComputedTiming().endTime === Infinity) continue;
      const props = a.transitionProperty ? [a.transitionProperty] : a.effect.getKeyframes().flatMap(Object.keys);
      if (props.some((p) => MOVES.test(p.replace(/-/g, '').toLowerCase()))) return true;
    }
    return false;
  }

  // actionable answers null when el can receive a real click now, else the reason.
  function actionable(el) {
    const r = el.getBoundingClientRect();
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) {
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      return 'scrolling into view';
    }
    if (animating(el)) { stableSeen.delete(el); return 'moving (animated)'; }
    const key = [r.x, r.y, r.width, r.height].join(',');
    const prev = stableSeen.get(el);
    if (!prev || prev.key !== key) { stableSeen.set(el, { key, frame: frame.in ? frame.n : -1 }); return 'moving (box changed)'; }
    if (prev.frame < 0 && frame.in) prev.frame = frame.n;
    if (prev.frame < 0 || prev.frame === frame.n) return 'waiting for a frame to confirm it is not moving';
    const rects = el.getClientRects();
    const box = rects.length ? rects[0] : r;
    const x = Math.max(box.left + 1, Math.min(box.left + box.width / 2, innerWidth - 1));
    const y = Math.max(box.top + 1, Math.min(box.top + box.height / 2, innerHeight - 1));
    const hit = deepHit(x, y);
    if (!hit) return 'outside the viewport';
    if (!reaches(hit, el)) return 'covered by ' + describe(hit) + ' at (' + Math.round(x) + ',' + Math.round(y) + ')';
    return { x, y };
  }

  // reaches tells whether input aimed at el that lands on node acts on el: node
  // is el, inside it (through shadow roots and slots too), its label (or el is
  // the label of node), or a shadow host of el, which is hit where its slotted
  // text lies inside the control it renders.
  function reaches(node, el) {
    return !!node && (node === el || deepContains(el, node) || hostsOf(el).includes(node) || (node.control && node.control === el) || (el.labels && [...el.labels].some((l) => l.contains(node))));
  }

  // Hit-target interception, after Playwright's: once an act check passes, the
  // input events that follow are watched in the capture phase on the window.
  // Each must land on the checked element (or a descendant, or its label); the
  // first that does not is blocked, with every later one, and the action is
  // tried again. Watching every event, not only the first, catches a node
  // replaced between press and release (a list re-rendered on a timer), which
  // would otherwise get a mousedown and never its click. The element moved,
  // covered, removed or disabled by the page in answer to one of our events
  // (seen when that event has finished bubbling) is the action working, and
  // ends the watch.
  const HIT = Symbol.for('romaine.hit');
  const WATCHED = {
    mouse: ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'],
    hover: ['pointermove', 'mousemove'],
    type: ['keydown', 'keypress', 'beforeinput', 'input', 'keyup'],
  };
  function hitWatch() {
    let h = window[HIT];
    if (h) return h;
    h = window[HIT] = { cur: null };
    for (const type of new Set(Object.values(WATCHED).flat())) {
      addEventListener(type, (e) => h.cur && h.cur.capture(e), true);
      addEventListener(type, (e) => h.cur && h.cur.bubble(e), false);
    }
    return h;
  }
  const deepActive = () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; };
  function intercept(kind, el, tgt, x, y) {
    const w = { token: req.token, el, tgt, seen: [], fail: '', settled: false, until: Date.now() + Math.max(1000, req.holdMs || 0) };
    // The first event may land on a node the page put in place of the checked
    // one since the check (same target, re-rendered): the input goes where the
    // step's target now is. From then on, every event must reach that node.
    w.lands = (n) => {
      if (reaches(n, w.el) || reaches(n, w.tgt)) return true;
      if (w.seen.length > 1) return false;
      const s = scopeRoot(), m = s.root ? one(s.root) : {};
      if (!m.el || !(reaches(n, m.el) || reaches(n, m.tgt)) || (req.needEnabled && disabled(m.el))) return false;
      w.el = m.el; w.tgt = m.tgt;
      return true;
    };
    // Whether the element is still where the input goes: under the point, or focused.
    const at = (n) => reaches(n, w.el) || reaches(n, w.tgt);
    const still = () => w.el.isConnected && !disabled(w.el) && at(kind === 'type' ? deepActive() : document.elementFromPoint(x, y));
    const mine = (e) => e.isTrusted && WATCHED[kind].includes(e.type) && Date.now() < w.until && hitWatch().cur === w;
    w.capture = (e) => {
      if (!mine(e)) return;
      if (!w.fail && !w.settled) {
        w.seen.push(e.type);
        const t = e.composedPath ? e.composedPath()[0] : e.target;
        if (!w.lands(t)) w.fail = 'the ' + e.type + ' would hit ' + describe(t) + ' instead of ' + describe(w.el);
      }
      if (w.fail) { e.preventDefault(); e.stopImmediatePropagation(); }
    };
    w.bubble = (e) => { if (mine(e) && !w.fail && !w.settled && !still()) w.settled = true; };
    hitWatch().cur = w;
  }

  // release ends the watch named by req.token and says whether the input
  // reached the element. A watch that is gone went with its document: the
  // action navigated.
  function release() {
    const h = window[HIT], w = h && h.cur;
    if (!w || w.token !== req.token) return { ok: true, gone: true };
    h.cur = null;
    if (w.fail) return { state: w.fail };
    if (req.need && !w.settled && !w.seen.includes(req.need)) {
      return { state: 'no ' + req.need + ' reached ' + describe(w.el) + (w.seen.length ? ' (it got ' + w.seen.join(', ') + ')' : ' (no input event reached the page)') };
    }
    if (req.then === 'changed') changed(w.el);
    return { ok: true };
  }

  const CHECKS = {
    // Actions: the target must be unique, visible, enabled, stable and hit.
    act() {
      const s = scopeRoot(); if (!s.root) return s;
      const m = one(s.root); if (!m.el) return m;
      if (req.needEnabled && disabled(m.el)) return { state: 'found but disabled: ' + describe(m.el) };
      if (req.needEditable && (m.el.readOnly)) return { state: 'found but read-only: ' + describe(m.el) };
      const a = actionable(m.tgt);
      if (typeof a === 'string') return { state: a + ': ' + describe(m.el) };
      return { ok: true, x: a.x, y: a.y, desc: describe(m.el), el: m.el, tgt: m.tgt };
    },
    text() {
      const s = scopeRoot(); if (!s.root) return s;
      const root = s.root === document ? document.body : s.root;
      const t = shownText(root), want = norm(req.text);
      const has = req.exact ? t === want : t.includes(want);
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
      const el = m.el;
      switch (req.prop) {
        case 'disabled': return disabled(el) ? { ok: true } : { state: 'enabled: ' + describe(el) };
        case 'enabled': return !disabled(el) ? { ok: true } : { state: 'disabled: ' + describe(el) };
        case 'checked': return el.checked || el.getAttribute('aria-checked') === 'true' ? { ok: true } : { state: 'not checked: ' + describe(el) };
        case 'unchecked': return !(el.checked || el.getAttribute('aria-checked') === 'true') ? { ok: true } : { state: 'checked: ' + describe(el) };
        case 'value': {
          const v = fieldValue(el), want = norm(req.text);
          if (want === '' ? v === '' : v.includes(want)) return { ok: true };
          return { state: 'the field holds "' + v + '": ' + describe(el) };
        }
      }
      return { state: 'unknown property ' + req.prop };
    },
  };

  // changed fires change on a field just typed into, as a person moving on
  // would; apps that listen only to change rely on it.
  function changed(el) {
    el.dispatchEvent(new Event('change', { bubbles: true }));
    // The browser fires its own change for the same edit when the field loses
    // focus or gets Enter; the page has had this one, so that echo is dropped.
    const echo = Symbol.for('romaine.changeEcho');
    el[echo] = el.value;
    // change does not leave a shadow root: listen where it is seen first.
    const at = el.getRootNode() instanceof ShadowRoot ? el.getRootNode() : window;
    if (!at[echo]) {
      at[echo] = true;
      at.addEventListener('change', (e) => {
        const t = e.target;
        if (!e.isTrusted || !t || !(echo in t)) return;
        const v = t[echo]; delete t[echo];
        if (t.value === v) e.stopImmediatePropagation();
      }, true);
    }
  }

  function fieldValue(el) {
    if (el.tagName === 'SELECT') return norm([...el.selectedOptions].map((o) => o.text).join(', '));
    if (el.isContentEditable) return norm(el.innerText);
    if (el.value === undefined) return textOf(el); // an ARIA widget shows its value
    return norm(el.value);
  }

  // After a successful act check, some operations finish in the page.
  function finish(res) {
    const el = res.el; delete res.el; delete res.tgt;
    switch (req.then) {
      case 'focus-select': {
        if (el.tagName === 'SELECT') return { fatal: 'this is a select box: use  I select "OPTION" from "' + req.locator + '"' };
        if (el.type === 'file') return { fatal: 'this is a file field: use  I attach the file "FILE" to "' + req.locator + '"' };
        el.focus();
        if (el.isContentEditable) {
          const range = document.createRange(); range.selectNodeContents(el);
          const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
        } else if (/^(date|time|datetime-local|month|week|color|range)$/.test(el.type)) {
          // Typing cannot enter these: set the value as the browser's own picker would.
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          setter.call(el, req.value);
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
          res.done = true;
        } else if (el.select) el.select();
        return res;
      }
      case 'select-option': {
        if (el.tagName !== 'SELECT') {
          // An ARIA combobox or listbox: the Go side opens it (a click, when its
          // list is closed) and then picks the option (check "option").
          const role = el.getAttribute('role');
          if (role !== 'combobox' && role !== 'listbox') return { fatal: 'not a select box, combobox or listbox: ' + describe(el) };
          const lb = listboxOf(el);
          res.aria = true;
          res.closed = role === 'combobox' && !(lb && visible(lb));
          return res;
        }
        const opts = [...el.options];
        const want = norm(req.value);
        let o = opts.filter((x) => norm(x.text) === want || x.value === req.value);
        if (!o.length) o = opts.filter((x) => low(x.text).includes(want.toLowerCase()));
        if (o.length !== 1) return { state: (o.length ? o.length + ' options match' : 'no option') + ' "' + req.value + '" in the select box "' + req.locator + '"; options: ' + opts.map((x) => '"' + norm(x.text) + '"').join(', ') };
        if (o[0].disabled) return { state: 'option "' + req.value + '" is disabled' };
        o[0].selected = true;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        res.done = true;
        return res;
      }
      case 'checked-state': {
        const on = el.checked || el.getAttribute('aria-checked') === 'true';
        res.already = on === req.want;
        return res;
      }
    }
    return res;
  }

  function check() {
    hostCache = new Map(); plain = null;
    try {
      const r = CHECKS[req.check]();
      if (!r.ok || req.check !== 'act') return r;
      const el = r.el, tgt = r.tgt, f = finish(r);
      if (f.ok && req.intercept && !f.done && !f.already) intercept(req.intercept, el, tgt, f.x, f.y);
      return f;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'SyntaxError') return { fatal: 'bad selector: ' + e.message };
      return { state: 'error in page: ' + e.message };
    }
  }

  if (req.check === 'release') return release();

  // A synchronous lookup for operations that need the element itself (files).
  if (req.check === 'element') {
    const s = scopeRoot();
    const m = s.root ? one(s.root) : {};
    return m.el || null;
  }

  // Settle on the first passing check: on DOM mutations (immediate), on animation
  // frames (stability needs two), and on a timer (frames can pause).
  return new Promise((resolveP) => {
    let done = false, last = { state: 'not checked yet' };
    let timer, poll;
    const obs = new MutationObserver(() => tick());
    const end = (r) => {
      if (done) return; done = true;
      obs.disconnect(); clearTimeout(timer); clearInterval(poll);
      resolveP(r);
    };
    const tick = () => {
      if (done) return;
      const r = check();
      if (r.ok || r.fatal) return end(r);
      last = r;
    };
    const onFrame = () => { if (done) return; frame.n++; frame.in = true; tick(); frame.in = false; requestAnimationFrame(onFrame); };
    obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    timer = setTimeout(() => end(last), Math.max(1, req.sliceMs));
    // Only animation frames count as frames: a timer tick between two frames sees
    // the same box and would take a moving element for a still one.
    poll = setInterval(tick, 50);
    tick();
    requestAnimationFrame(onFrame);
  });
}
