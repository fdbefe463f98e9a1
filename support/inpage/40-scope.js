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
      const r = resolve(root, s.locator, 'scope');
      if (r.els.length === 0) return { state: 'scope not found: ' + notFound(r, s.locator, 'scope') };
      // A dialog named "Sign in" with a "Sign in" button in it: the scope is
      // the one that holds the others.
      const outer = r.els.length > 1 && r.els.find((e) => r.els.every((o) => deepContains(e, o)));
      if (r.els.length > 1 && !outer) return { state: 'scope "' + s.locator + '" is ambiguous: ' + r.els.length + ' candidates: ' + candidates(r.els, 5) };
      root = outer || r.els[0];
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
