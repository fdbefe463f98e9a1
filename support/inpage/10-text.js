// Whitespace runs as one space; soft hyphens, zero-width spaces and word
// joiners (break hints, not characters a person reads) dropped.
const norm = (s) => String(s == null ? '' : s).replace(/[\u00ad\u200b\u2060\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
const low = (s) => norm(s).toLowerCase();

const FIELD = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), textarea, select, [contenteditable=""], [contenteditable="true"]';
const BUTTON = 'button, input[type=submit], input[type=button], input[type=reset], input[type=image], [role=button]';
const LINK = 'a[href], [role=link]';

const isSelector = (s) => /^(css=|xpath=|\/\/|#|\.|\[)/.test(s);

// The text a person reads on el; for a hidden element, the text it would show
// (innerText is empty under visibility:hidden).
const textOf = (el) => (visible(el) ? shownText(el) : (!isPlain() && (deepDOM(el) || dom.qs(el, 'slot')) ? flatText(el, false) : norm(dom.text(el))));

function describe(el) {
  if (!el || !(el instanceof Element)) return String(el);
  const tag = dom.tagName(el), id = dom.id(el), name = dom.attr(el, 'name');
  let d = tag.toLowerCase();
  if (id) d += '#' + id;
  const cls = dom.className(el).trim().split(/\s+/).filter(Boolean).slice(0, 2);
  if (cls.length) d += '.' + cls.join('.');
  if (name) d += '[name=' + name + ']';
  if (tag === 'INPUT' && el.type !== 'text') d += '[type=' + el.type + ']';
  const t = norm(textOf(el) || (el instanceof HTMLFormElement ? '' : el.value) || dom.attr(el, 'aria-label') || '');
  if (t) d += ' "' + (t.length > 40 ? t.slice(0, 37) + '...' : t) + '"';
  return d;
}

// Candidates as a person can tell them apart: when two read the same, with
// what each is in.
function candidates(els, max) {
  const some = els.slice(0, max), ds = some.map(describe);
  const where = some.map((e, i) => ds[i] + ' in ' + describe(dom.parentElement(e) || rootHost(dom.parent(e)) || e));
  const twice = (list, i) => list.indexOf(list[i]) !== list.lastIndexOf(list[i]);
  return ds.map((d, i) => (twice(ds, i) && !twice(where, i) ? where[i] : d)).join(', ');
}

// One options object for every visibility check: the browser reads each of
// its members on every call, and a literal is a new object each time
// (visible runs once per candidate control, hundreds a check).
const SEEN = Object.freeze({ checkOpacity: true, checkVisibilityCSS: true });
function visible(el) {
  if (!el || !dom.connected(el)) return false;
  if (!dom.checkVisibility(el, SEEN)) return false;
  const r = dom.rect(el);
  return r.width > 0 && r.height > 0;
}

