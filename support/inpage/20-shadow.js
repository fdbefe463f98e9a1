// Open shadow roots are part of the page for every locator: queries, text and
// hit tests pierce them at any depth. A document with none takes the plain
// paths (isPlain below). hostsIn lists the hosts under root, once per check.
let hostCache = new Map();
function hostsIn(root) {
  let h = hostCache.get(root);
  if (!h) {
    h = [...dom.qsa(root, '*')].filter((e) => dom.shadowRoot(e));
    if (dom.nodeType(root) === 1 && dom.shadowRoot(root)) h.unshift(root);
    hostCache.set(root, h);
  }
  return h;
}
// Whether the document has any shadow root, asked once per check (isPlain
// below) and stopping at the first host: nothing of ours watches the page
// between checks (no observer, no wrapped attachShadow), so nothing is kept
// from one to the next.
function docHasShadow() {
  const all = dom.allElements;
  for (let i = 0; i < all.length; i++) if (dom.shadowRoot(all[i])) return true;
  return false;
}
// plain: the document has no shadow root (asked once per check, see check()).
let plain = null;
const isPlain = () => (plain === null ? (plain = !docHasShadow()) : plain);
const deepDOM = (root) => !isPlain() && (root === document || hostsIn(root).length > 0);
// Every element under root matching css, shadow trees included, each shadow
// tree's matches right after its host (composed order).
function deepAll(root, css) {
  if (!deepDOM(root)) return [...dom.qsa(root, css)];
  const out = [];
  const visit = (r) => {
    for (const e of dom.qsa(r, '*')) {
      if (dom.matches(e, css)) out.push(e);
      const s = dom.shadowRoot(e);
      if (s) visit(s);
    }
  };
  if (dom.nodeType(root) === 1 && dom.shadowRoot(root)) visit(dom.shadowRoot(root));
  visit(root);
  return out;
}
// The host of n when n is a shadow root, else null. Ask what the node is (a
// document fragment: a shadow root, the only one with a host), never whether
// it has a host: an anchor's .host is its URL's host, a form's may be a field
// named "host".
const rootHost = (n) => (n && dom.nodeType(n) === 11 ? n.host || null : null);
// The flat-tree parent: a slotted node's slot, a shadow tree's host.
const flatParent = (n) => (dom.nodeType(n) === 1 ? dom.assignedSlot(n) : n.assignedSlot) || rootHost(dom.parent(n)) || dom.parent(n);
function deepContains(a, b) {
  for (let n = b; n; n = rootHost(n) || flatParent(n)) if (n === a) return true;
  return false;
}
// The shadow hosts el lives in, innermost first.
function hostsOf(el) {
  const out = [];
  if (isPlain()) return out;
  for (let r = dom.rootNode(el); r instanceof ShadowRoot; r = dom.rootNode(r.host)) out.push(r.host);
  return out;
}
// The element under (x, y), looking into the shadow roots elementFromPoint stops at.
function deepHit(x, y) {
  let hit = document.elementFromPoint(x, y);
  while (hit && dom.shadowRoot(hit)) {
    const inner = dom.shadowRoot(hit).elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}
// The children a person sees in order: a host's shadow tree, a slot's
// assigned nodes (or its fallback content).
function flatChildren(n) {
  const s = dom.nodeType(n) === 1 && dom.shadowRoot(n);
  if (s) return s.childNodes;
  if (n instanceof HTMLSlotElement) { const a = n.assignedNodes({ flatten: true }); return a.length ? a : n.childNodes; }
  return dom.childNodes(n);
}
const BLOCK = /^(block|flex|grid|table|list-item|flow-root)/;
// Text of the flat tree under n: what is rendered (like innerText) when shown,
// else all of it (like textContent). skip drops subtrees (controls in a label).
function flatText(n, shown, skip) {
  const parts = [];
  const walk = (n, vis) => {
    const type = dom.nodeType(n);
    if (type === 3) { if (vis) parts.push(n.data); return; }
    if (type !== 1 && type !== 11) return;
    if (type === 1) {
      if (skip && dom.matches(n, skip)) return;
      if (shown) {
        const cs = getComputedStyle(n);
        if (cs.display === 'none') return;
        if (dropdown(n)) { parts.push(' ' + [...n.selectedOptions].map((o) => o.text).join(' ') + ' '); return; }
        if (cs.display !== 'contents' && !dom.checkVisibility(n)) return;
        if (dom.localName(n) === 'br') { parts.push('\n'); return; }
        vis = cs.visibility === 'visible';
        if (BLOCK.test(cs.display)) { parts.push('\n'); for (const c of flatChildren(n)) walk(c, vis); parts.push('\n'); return; }
      } else if (/^(script|style|template)$/.test(dom.localName(n))) return;
    }
    for (const c of flatChildren(n)) walk(c, vis);
  };
  walk(n, true);
  return norm(parts.join(''));
}
// The visible text of el, shadow trees and slotted content included. A
// closed select shows its chosen option only, where innerText has them all.
const dropdown = (n) => dom.localName(n) === 'select' && !n.multiple && n.size <= 1;
const hasDropdown = (el) => (dom.localName(el) === 'select' ? dropdown(el) : !!dom.firstChild(el) && !!dom.qs(el, 'select') && [...dom.qsa(el, 'select')].some(dropdown));
// An SVG element has no innerText: its text is read from the flat tree (its
// <title> and <desc> are not drawn, and have no box).
const shownText = (el) => (!(el instanceof HTMLElement) || (!isPlain() && (deepDOM(el) || hostsOf(el).length)) || hasDropdown(el) ? flatText(el, true) : norm(dom.innerText(el)));
