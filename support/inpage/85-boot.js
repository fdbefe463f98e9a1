// A page still booting (support/ready.go): in a wait that asks for it
// (req.boot), an action waits for every script element of the document's own
// origin that is still loading, seen from the page: no resource timing entry
// for its address yet (one is made when it loads, or fails). Once seen
// loading, a script is waited for until its load or error event, which comes
// after it has run, and until the other listeners of that event (a loader's,
// which runs the module's callback) and a frame have run; those events are
// watched on the document for that wait only. A script that arrived in the
// last few milliseconds may not have run yet either. The network events the
// Go side follows can come late on a busy machine, and a module a loader has
// just inserted may not be asked for yet: the page's own view is the last word.
let booting = null; // the scripts waited for, during a wait that asks
function bootWatch(wake) {
  const seen = new Set();
  const done = (e) => { if (seen.delete(e.target)) setTimeout(() => requestAnimationFrame(wake), 0); };
  document.addEventListener('load', done, true);
  document.addEventListener('error', done, true);
  booting = { seen, end: () => { document.removeEventListener('load', done, true); document.removeEventListener('error', done, true); booting = null; } };
  return booting;
}
const JS_TYPE = /^(|text\/javascript|application\/javascript|module)$/i;
// ranMs: how long after it arrived a script is taken to have run.
const ranMs = 50;
// The first script of the document still loading or not yet run, or null.
function stillBooting() {
  if (!booting) return null;
  const now = performance.now();
  const parsed = document.readyState !== 'loading';
  for (const s of document.scripts) {
    if (booting.seen.has(s)) return s;
    if (!s.src || s.noModule || !JS_TYPE.test(s.type) || !s.src.startsWith(location.origin + '/')) continue;
    // The parser's own scripts, neither async nor inserted by script (those
    // are async unless told otherwise), have all run by DOMContentLoaded:
    // only a loader's or an async one may still be on its way.
    if (parsed && !s.async) continue;
    const e = performance.getEntriesByName(s.src, 'resource');
    if (!e.length) { booting.seen.add(s); return s; }
    if (now - e[e.length - 1].responseEnd < ranMs) return s;
  }
  return null;
}
