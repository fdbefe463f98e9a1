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
  const textOf = (el) => norm(visible(el) ? el.innerText : el.textContent);

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
    const where = some.map((e, i) => ds[i] + ' in ' + describe(e.parentElement || e));
    const twice = (list, i) => list.indexOf(list[i]) !== list.lastIndexOf(list[i]);
    return ds.map((d, i) => (twice(ds, i) && !twice(where, i) ? where[i] : d)).join(', ');
  }

  function visible(el) {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  // Text of a label without the text of the controls it wraps (a wrapping
  // <label> around a <select> would otherwise "contain" every option).
  function labelText(label) {
    const c = label.cloneNode(true);
    c.querySelectorAll('input, select, textarea, button').forEach((n) => n.remove());
    return norm(c.textContent);
  }

  function fieldNames(el) {
    const names = [];
    if (el.labels) for (const l of el.labels) names.push(labelText(l));
    const by = el.getAttribute('aria-labelledby');
    if (by) names.push(norm(by.split(/\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ')));
    for (const a of ['placeholder', 'aria-label', 'title', 'name', 'id']) names.push(el.getAttribute(a));
    return names.filter(Boolean).map(norm);
  }
  function controlNames(el) {
    const names = [textOf(el), el.tagName === 'INPUT' ? el.value : ''];
    for (const a of ['aria-label', 'title', 'id']) names.push(el.getAttribute(a));
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
    const out = [...root.querySelectorAll(css)];
    if (root !== document && root.matches && root.matches(css)) out.unshift(root);
    return out;
  }

  // Candidate groups in order of preference for a kind of target.
  function groups(root, kind) {
    const g = [];
    const all = (sel) => [...root.querySelectorAll(sel)];
    if (kind === 'field' || kind === 'checkbox' || kind === 'radio') {
      let els = all(FIELD);
      if (kind === 'checkbox') els = els.filter((e) => e.type === 'checkbox' || e.getAttribute('role') === 'checkbox');
      if (kind === 'radio') els = els.filter((e) => e.type === 'radio' || e.getAttribute('role') === 'radio');
      g.push({ what: kind === 'field' ? 'field' : kind, els, names: fieldNames });
    }
    // 'control' is 'any' without the fallback to plain text: what can be enabled.
    const controls = kind === 'any' || kind === 'control';
    if (kind === 'button' || controls) g.push({ what: 'button', els: all(BUTTON), names: controlNames });
    if (kind === 'link' || controls) g.push({ what: 'link', els: all(LINK), names: controlNames });
    if (controls) g.push({ what: 'field', els: all(FIELD), names: fieldNames });
    return g;
  }

  // An element is its own click target unless it is a visually hidden checkbox or
  // radio with a visible label, the common custom-control pattern.
  function target(el) {
    if (visible(el)) return el;
    if (el.labels) for (const l of el.labels) if (visible(l)) return l;
    return null;
  }

  // Elements whose visible text matches and none of whose children's does: the
  // element a person would point at.
  function textMatches(root, test) {
    const out = [];
    const walk = (el) => {
      let child = false;
      for (const c of el.children) if (walk(c)) child = true;
      if (child) return true;
      if (!visible(el)) return false;
      if (test(norm(el.innerText))) { out.push(el); return true; }
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
        const el = found.find((e) => norm(e.innerText).includes(want)) || found.find((e) => low(e.innerText).includes(want.toLowerCase()));
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
    const hit = document.elementFromPoint(x, y);
    if (!hit) return 'outside the viewport';
    if (!reaches(hit, el)) return 'covered by ' + describe(hit) + ' at (' + Math.round(x) + ',' + Math.round(y) + ')';
    return { x, y };
  }

  // reaches tells whether input aimed at el that lands on node acts on el: node
  // is el, inside it, or its label (or el is the label of node).
  function reaches(node, el) {
    return !!node && (node === el || el.contains(node) || (node.control && node.control === el) || (el.labels && [...el.labels].some((l) => l.contains(node))));
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
      const t = norm(root.innerText), want = norm(req.text);
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
    if (!window[echo]) {
      window[echo] = true;
      addEventListener('change', (e) => {
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
        if (el.tagName !== 'SELECT') return { fatal: 'not a select box: ' + describe(el) };
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
