// Why input aimed at (x, y) would not reach el although el is in the window,
// having scrolled where scrolling can help, as a person would: el is outside
// what a scrolling ancestor shows (a chat list, a table in a card), or under
// a header, footer or bar pinned to the window (sticky or fixed). Each target
// is scrolled into view with up to three alignments (centre, end, start), as
// Playwright retries; after that the reason stands.
function unreachable(el, hit, x, y) {
  if (getComputedStyle(el).pointerEvents === 'none') return 'does not take pointer events (pointer-events: none)';
  const clip = clipper(el, x, y);
  // A clip that shows nothing (a collapsed panel) cannot be scrolled to show it.
  const shows = clip && clip.clientWidth > 0 && clip.clientHeight > 0;
  if (clip) return shows && rescroll(el) ? 'scrolling into view: outside what ' + describe(clip) + ' shows' : 'clipped by the overflow of ' + describe(clip);
  const covered = 'covered by ' + describe(hit) + ' at (' + Math.round(x) + ',' + Math.round(y) + ')';
  const pin = pinned(hit);
  if (pin && !fillsWindow(pin) && rescroll(el)) return covered + ', scrolling it out from under ' + describe(pin);
  return covered;
}

// Typing goes in by focus: a cover laid over a field by the field's own
// wrapper (a styled placeholder, a floating label that is no <label>, an
// icon) does not stop it, as it does not stop a person who clicks it to get
// the focus. A cover from elsewhere (a loading screen, a modal) still does.
function decorates(hit, el) {
  const p = flatParentElement(el);
  return !!p && p !== document.body && p !== document.documentElement && deepContains(p, hit) && !dom.closest(hit, 'dialog, [role=dialog], [role=alertdialog], [aria-modal=true]');
}

// el is in its frame's viewport but not in the part of it the top window
// shows: scrolling it into view scrolls the frame into the window too.
function outsideFrameView(el) {
  return rescroll(el) ? 'scrolling into view: its frame shows it outside the window' : 'outside the window: its frame is partly out of view';
}

// The nearest ancestor whose overflow clips el at (x, y): an ancestor with
// overflow other than visible, on el's chain of containing blocks (an
// absolutely positioned element escapes the overflow of ancestors that are
// not positioned; a fixed one, of all but the window).
function clipper(el, x, y) {
  let pos = getComputedStyle(el).position;
  for (let n = flatParentElement(el); n && n !== document.body && n !== document.documentElement; n = flatParentElement(n)) {
    const cs = getComputedStyle(n);
    if (pos === 'fixed') return null;
    const contains = pos !== 'absolute' || cs.position !== 'static';
    if (contains && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') && cs.display !== 'contents') {
      const r = dom.rect(n);
      const left = r.left + n.clientLeft, top = r.top + n.clientTop;
      if (x < left || y < top || x >= left + n.clientWidth || y >= top + n.clientHeight) return n;
    }
    if (contains) pos = cs.position;
  }
  return null;
}
const flatParentElement = (n) => { const p = flatParent(n); return p && dom.nodeType(p) === 1 ? p : null; };

// The element pinned to the window (position fixed or sticky) that hit is,
// or is in, or null.
function pinned(hit) {
  for (let n = hit; n; n = flatParentElement(n)) {
    const p = getComputedStyle(n).position;
    if (p === 'fixed' || p === 'sticky') return n;
  }
  return null;
}
// A cover the size of the window (a modal's backdrop, a loading screen):
// scrolling cannot get out from under it. A modal <dialog> is one whatever
// its own box: its ::backdrop covers the window, and hit tests answer the
// dialog there.
function fillsWindow(n) {
  if (dom.matches(n, ':modal')) return true;
  const r = dom.rect(n);
  return r.top <= 0 && r.left <= 0 && r.bottom >= innerHeight && r.right >= innerWidth;
}

// rescroll scrolls el into view with the next alignment for this target, and
// says whether there was one left. A target's count starts again when an
// action on it passes (see actionable).
const ALIGN = [{ block: 'center', inline: 'center' }, { block: 'end', inline: 'end' }, { block: 'start', inline: 'start' }];
const rescrolls = new Map();
function rescroll(el) {
  const k = stableKey(), n = rescrolls.get(k) || 0;
  if (n >= ALIGN.length) return false;
  if (rescrolls.size > 200) rescrolls.clear();
  rescrolls.set(k, n + 1);
  el.scrollIntoView({ ...ALIGN[n], behavior: 'instant' });
  return true;
}
