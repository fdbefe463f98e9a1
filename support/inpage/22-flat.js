// Every element under root in the flat tree (as it is rendered: a host's
// shadow tree, a slot's assigned nodes or else its fallback) that matches
// css, in rendered order. A web component's listbox whose options are the
// host's own children, slotted into it, has them here and not in deepAll.
function flatAll(root, css) {
  const out = [];
  const walk = (n) => {
    for (const c of flatChildren(n)) {
      if (c.nodeType !== 1) continue;
      if (c.matches(css)) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}
