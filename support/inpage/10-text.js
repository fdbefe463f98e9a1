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
const textOf = (el) => (visible(el) ? shownText(el) : (!isPlain() && (deepDOM(el) || el.querySelector('slot')) ? flatText(el, false) : norm(el.textContent)));

function describe(el) {
  if (!el || !el.tagName) return String(el);
  let d = el.tagName.toLowerCase();
  if (el.id) d += '#' + el.id;
  const cls = (typeof el.className === 'string' ? el.className : '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
  if (cls.length) d += '.' + cls.join('.');
  if (el.getAttribute('name')) d += '[name=' + el.getAttribute('name') + ']';
  if (el.tagName === 'INPUT' && el.type !== 'text') d += '[type=' + el.type + ']';
  const t = norm(textOf(el) || el.value || el.getAttribute('aria-label') || '');
  if (t) d += ' "' + (t.length > 40 ? t.slice(0, 37) + '...' : t) + '"';
  return d;
}

// Candidates as a person can tell them apart: when two read the same, with
// what each is in.
function candidates(els, max) {
  const some = els.slice(0, max), ds = some.map(describe);
  const where = some.map((e, i) => ds[i] + ' in ' + describe(e.parentElement || rootHost(e.parentNode) || e));
  const twice = (list, i) => list.indexOf(list[i]) !== list.lastIndexOf(list[i]);
  return ds.map((d, i) => (twice(ds, i) && !twice(where, i) ? where[i] : d)).join(', ');
}

function visible(el) {
  if (!el || !el.isConnected) return false;
  if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

