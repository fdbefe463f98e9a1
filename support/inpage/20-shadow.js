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
// original attachShadow). The script is installed once per document, so this
// state lives as long as the document.
const seen = (() => {
  const st = { any: null, at: 0 };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (...args) { st.any = true; return attach.apply(this, args); };
  new MutationObserver(() => { if (st.any === false) st.any = null; }).observe(document, { subtree: true, childList: true });
  return st;
})();
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
// The host of n when n is a shadow root, else null. Ask what the node is: an
// anchor's .host is its URL's host, a form's may be a field named "host".
const rootHost = (n) => (n instanceof ShadowRoot ? n.host : null);
// The flat-tree parent: a slotted node's slot, a shadow tree's host.
const flatParent = (n) => n.assignedSlot || rootHost(n.parentNode) || n.parentNode;
function deepContains(a, b) {
  for (let n = b; n; n = rootHost(n) || flatParent(n)) if (n === a) return true;
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
        if (dropdown(n)) { parts.push(' ' + [...n.selectedOptions].map((o) => o.text).join(' ') + ' '); return; }
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
// The visible text of el, shadow trees and slotted content included. A
// closed select shows its chosen option only, where innerText has them all.
const dropdown = (n) => n.localName === 'select' && !n.multiple && n.size <= 1;
const hasDropdown = (el) => (el.localName === 'select' ? dropdown(el) : el.childElementCount > 0 && !!el.querySelector('select') && [...el.querySelectorAll('select')].some(dropdown));
// An SVG element has no innerText: its text is read from the flat tree (its
// <title> and <desc> are not drawn, and have no box).
const shownText = (el) => (!(el instanceof HTMLElement) || (!isPlain() && (deepDOM(el) || hostsOf(el).length)) || hasDropdown(el) ? flatText(el, true) : norm(el.innerText));
