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
const WATCHED = {
  mouse: ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'],
  hover: ['pointermove', 'mousemove'],
  type: ['keydown', 'keypress', 'beforeinput', 'input', 'keyup'],
};
// The last watch armed: its listeners are on the window only from the act
// check that arms it to its release (or a later arming, or its expiry), so
// nothing of ours listens to the page between steps. An expired watch stays
// here, without listeners, for its release to report on.
let hit = null;
function unwatch(w) {
  if (!w || w.off) return;
  w.off = true;
  clearTimeout(w.timer);
  for (const type of WATCHED[w.kind]) {
    removeEventListener(type, w.capture, true);
    removeEventListener(type, w.bubble, false);
  }
}
const deepActive = () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; };
function intercept(kind, el, tgt, x, y) {
  const armed = req;
  const w = { kind, token: req.token, el, tgt, seen: [], fail: '', settled: false, until: Date.now() + Math.max(1000, req.holdMs || 0) };
  // The first event may land on a node the page put in place of the checked
  // one since the check (same target, re-rendered): the input goes where the
  // step's target now is. From then on, every event must reach that node.
  w.lands = (n) => {
    if (reaches(n, w.el) || reaches(n, w.tgt)) return true;
    if (w.seen.length > 1) return false;
    req = armed; // looked up again as the arming request asked
    const s = scopeRoot(), m = s.root ? one(s.root) : {};
    if (!m.el || !(reaches(n, m.el) || reaches(n, m.tgt)) || (req.needEnabled && disabled(m.el))) return false;
    w.el = m.el; w.tgt = m.tgt;
    return true;
  };
  // Whether the element is still where the input goes: under the point, or focused.
  const at = (n) => reaches(n, w.el) || reaches(n, w.tgt);
  const still = () => w.el.isConnected && !disabled(w.el) && at(kind === 'type' ? deepActive() : document.elementFromPoint(x, y));
  const mine = (e) => e.isTrusted && Date.now() < w.until && hit === w;
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
  unwatch(hit);
  hit = w;
  for (const type of WATCHED[kind]) {
    addEventListener(type, w.capture, true);
    addEventListener(type, w.bubble, false);
  }
  w.timer = setTimeout(() => unwatch(w), w.until - Date.now() + 50);
}

// release ends the watch named by req.token and says whether the input
// reached the element. A watch that is gone went with its document: the
// action navigated.
function release() {
  const w = hit;
  if (!w || w.token !== req.token) return { ok: true, gone: true };
  unwatch(w);
  hit = null;
  if (w.fail) return { state: w.fail };
  if (req.need && !w.settled && !w.seen.includes(req.need)) {
    return { state: 'no ' + req.need + ' reached ' + describe(w.el) + (w.seen.length ? ' (it got ' + w.seen.join(', ') + ')' : ' (no input event reached the page)') };
  }
  if (req.then === 'changed') changed(w.el);
  return { ok: true };
}
