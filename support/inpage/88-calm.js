// calm: what a person waits for after pressing a key, before typing on: the
// page showing that key's effect. Apps re-render after the key's events, on
// their next animation frame (mithril's redraw) or a timer (Vue 0.10's
// nextTick): text typed at once lands in the field before the app clears it,
// and the next todo becomes "Buy milkWalk the dog". calm resolves once two
// animation frames in a row saw nothing change (no mutation of the document,
// the same focused element holding the same value), or after req.sliceMs at
// most (a page that animates every frame). Its observer lives for this call
// only.
function calm() {
  return new Promise((resolveP) => {
    const focus = () => { const el = deepActive(); return { el, value: el && el.value }; };
    let changed = false, quiet = 0, seen = focus(), done = false;
    const obs = new MutationObserver(() => { changed = true; });
    const end = () => { if (done) return; done = true; obs.disconnect(); clearTimeout(timer); resolveP(true); };
    const timer = setTimeout(end, Math.max(1, req.sliceMs));
    const onFrame = () => {
      if (done) return;
      const now = focus();
      if (changed || now.el !== seen.el || now.value !== seen.value) { quiet = 0; changed = false; seen = now; }
      else if (++quiet >= 2) return end();
      requestAnimationFrame(onFrame);
    };
    obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    requestAnimationFrame(onFrame);
  });
}
