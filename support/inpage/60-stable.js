// frame.n counts animation frames; frame.in is true inside our frame callback.
// A box seen outside one (timer, mutation) is not yet tied to a frame: the
// page may have moved it earlier in the same frame. Both live as long as the
// document, so a wait that takes several calls (slices) does not start over on
// each one, and a short last slice still gets past "is it moving?" to the real
// reason. frame.wanted is set by a check that needs frames to confirm a box:
// only then does a wait run an animation-frame loop (see settle).
const frame = { n: 0, in: false, seen: new Map(), wanted: false };
// Boxes are remembered per target (the locator and its scopes), not per node:
// a node re-rendered in place by the page (a list rebuilt every 50 ms) is
// still, as a person sees it, and the action may go ahead at once rather than
// wait for a node that lives two frames.
const stableKey = () => JSON.stringify([req.locator, req.kind, req.scopes]);
const stableSeen = {
  get: () => frame.seen.get(stableKey()),
  set: (_, v) => { if (frame.seen.size > 200) frame.seen.clear(); frame.seen.set(stableKey(), v); },
  delete: () => frame.seen.delete(stableKey()),
};
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

// actionable answers where el can receive real input now, else the reason.
function actionable(el) {
  const r = el.getBoundingClientRect();
  if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    return 'scrolling into view';
  }
  // Typing reaches a field through focus, not at a point, so a fill does not
  // wait for a still box (nor does Playwright's); the hit test below and the
  // watch on the key events still make sure the field is the one that gets them.
  const moving = req.intercept === 'type' ? null : unsteady(el, r);
  if (moving) return moving;
  const rects = el.getClientRects();
  const box = rects.length ? rects[0] : r;
  // Aim inside what the top window shows: in a frame, req.visible is the part
  // of this viewport the window shows (a frame may be partly below the fold).
  const [vl, vt, vr, vb] = req.visible || [0, 0, innerWidth, innerHeight];
  const x = Math.max(Math.max(box.left, vl) + 1, Math.min(box.left + box.width / 2, Math.min(box.right, vr) - 1));
  const y = Math.max(Math.max(box.top, vt) + 1, Math.min(box.top + box.height / 2, Math.min(box.bottom, vb) - 1));
  if (req.visible && !(x >= vl && x < vr && y >= vt && y < vb)) return outsideFrameView(el);
  const hit = deepHit(x, y);
  if (!hit) return 'outside the viewport';
  if (!reaches(hit, el) && !(req.intercept === 'type' && decorates(hit, el))) return unreachable(el, hit, x, y);
  rescrolls.delete(stableKey());
  return { x, y };
}

// unsteady answers why el's box r cannot yet be trusted to stay where a
// pointer would aim (an animation, or a box not yet seen the same over a
// frame), or null when it can.
function unsteady(el, r) {
  if (animating(el)) { stableSeen.delete(el); frame.wanted = true; return 'moving (animated)'; }
  const key = [r.x, r.y, r.width, r.height].join(',');
  const prev = stableSeen.get(el);
  if (!prev || prev.key !== key) { stableSeen.set(el, { key, frame: frame.in ? frame.n : -1 }); frame.wanted = true; return 'moving (box changed)'; }
  if (prev.frame < 0 && frame.in) prev.frame = frame.n;
  if (prev.frame < 0 || prev.frame === frame.n) { frame.wanted = true; return 'waiting for a frame to confirm it is not moving'; }
  return null;
}

// reaches tells whether input aimed at el that lands on node acts on el: node
// is el, inside it (through shadow roots and slots too), its label (or el is
// the label of node), or a shadow host of el, which is hit where its slotted
// text lies inside the control it renders.
function reaches(node, el) {
  return !!node && (node === el || deepContains(el, node) || hostsOf(el).includes(node) || (node instanceof HTMLLabelElement && node.control === el) || (labelable(el) && [...(el.labels || [])].some((l) => l.contains(node))));
}
