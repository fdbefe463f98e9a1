// check runs req's check once and finishes a passing act check.
function check() {
  hostCache = new Map(); plain = null;
  try {
    const r = CHECKS[req.check]();
    if (!r.ok || req.check !== 'act') return r;
    const el = r.el, tgt = r.tgt, f = finish(r);
    if (f.ok && req.intercept && !f.done && !f.already) intercept(req.intercept, el, tgt, f.x, f.y);
    return f;
  } catch (e) {
    if (e instanceof Ask) return { ask: true };
    if (e instanceof DOMException && e.name === 'SyntaxError') return { fatal: 'bad selector: ' + e.message };
    return { state: 'error in page: ' + e.message };
  }
}

// Events that change what a check sees without a DOM mutation: a field's
// value, focus, scrolling, layout, loads, CSS animations ending.
const WAKERS = ['input', 'change', 'focusin', 'focusout', 'scroll', 'resize', 'load', 'transitionend', 'animationend', 'pointerover', 'pointerout'];

// settle resolves with the first passing check, or after req.sliceMs with the
// last state seen. It checks on DOM mutations and on the events above, at once;
// on animation frames only while a check is confirming that a box stands still
// (stability needs two frames), so a wait costs nothing per frame while nothing
// changes; and on a timer that slows from 50 ms to 250 ms while nothing
// happens, for what neither shows (a style changed by a timer, say).
function settle(mine) {
  return new Promise((resolveP) => {
    let done = false, checked = false, last = { state: 'not checked yet' }, rafOn = false, poll, idle = 50;
    const obs = new MutationObserver(() => wake());
    const end = (r) => {
      if (done) return; done = true;
      obs.disconnect(); clearTimeout(timer); clearTimeout(poll);
      if (boot) boot.end();
      for (const t of WAKERS) removeEventListener(t, wake, true);
      resolveP(r);
    };
    const tick = () => {
      if (done) return;
      checked = true;
      req = mine; frame.wanted = false;
      const r = check();
      // What the page's world said holds for one pass; asked again, the
      // answer keeps what the last pass saw.
      if (r.ask) return end(mine.pageUsed ? { ask: true, state: last.state } : r);
      mine.pageUsed = true;
      if (r.ok || r.fatal) return end(r);
      last = r;
      if (frame.wanted && !rafOn) { rafOn = true; requestAnimationFrame(onFrame); }
    };
    const onFrame = () => {
      rafOn = false;
      if (done) return;
      frame.n++; frame.in = true; tick(); frame.in = false;
    };
    const schedule = () => { clearTimeout(poll); poll = setTimeout(() => { idle = Math.min(250, idle * 2); tick(); schedule(); }, idle); };
    // Events can come from a check itself (a select fires input and change):
    // the check they wake runs after it, never inside it.
    let woken = false;
    const wake = () => {
      if (woken || done) return;
      woken = true;
      queueMicrotask(() => { woken = false; idle = 50; tick(); schedule(); });
    };
    obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    for (const t of WAKERS) addEventListener(t, wake, true);
    // A slice that ends before its first check (a deferred one, below) still checks once.
    const timer = setTimeout(() => { if (!checked) tick(); end(last); }, Math.max(1, req.sliceMs));
    const boot = mine.boot ? bootWatch(wake) : null;
    // A page still booting runs first: its timers due in the next few
    // milliseconds and its queued tasks, then a frame (see support/ready.go).
    if (mine.boot) setTimeout(() => requestAnimationFrame(() => { tick(); schedule(); }), 5);
    else { tick(); schedule(); }
  });
}

// run answers one request: most settle (see above); release ends a hit watch;
// element returns the element itself, for operations that need it (files);
// asked, the element whose state the page's world must tell (45-page.js);
// document, for the artifacts' HTML.
function run(r) {
  req = r;
  if (req.check === 'release') return release();
  if (req.check === 'asked') return asked;
  if (req.check === 'document') return document;
  if (req.check === 'element') {
    hostCache = new Map(); plain = null;
    const s = scopeRoot();
    const m = s.root ? one(s.root) : {};
    return m.el || null;
  }
  return settle(r);
}
