// A small design system of custom elements, built the way Lit or Stencil
// output is: open shadow roots, slots (default, named, with fallback),
// nested components, form fields inside the shadow tree.
const css = ':host{display:inline-block} :host([hidden]){display:none}';
const define = (name, render, extra) => customElements.define(name, class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: 'open' }).innerHTML = '<style>' + css + '</style>' + render(this);
    if (extra) extra(this);
  }
});
const attr = (el, name, def) => (el.getAttribute(name) || def || '').replace(/"/g, '&quot;');

// A button: an icon slot, then the label slot, with fallback text.
define('ds-button', () => '<button part="button" class="btn"><slot name="icon"></slot><span class="label"><slot>Submit</slot></span></button>');
// A link whose text sits in a span around the slot.
define('ds-link', (el) => '<a part="link" href="' + attr(el, 'href', '#') + '"><span class="text"><slot></slot></span></a>');
// An icon-only button named by its label attribute.
define('ds-icon-button', (el) => '<button aria-label="' + attr(el, 'label') + '"><svg width="14" height="14" aria-hidden="true"><path d="M1 1L13 13M13 1L1 13" stroke="#000" stroke-width="2"/></svg></button>');
// A toolbar whose buttons are components too (a host inside a shadow tree).
define('ds-toolbar', () => '<div role="toolbar" aria-label="Text format"><ds-button data-k="bold">Bold</ds-button> <ds-button data-k="italic">Italic</ds-button></div>');
// A card with named slots.
define('ds-card', () => '<style>:host{display:block;border:1px solid #ccc;padding:8px;margin:4px 0}</style><h3><slot name="title">Untitled</slot></h3><div class="body"><slot></slot></div><footer><slot name="actions"></slot></footer>');
// A text field: its label in the shadow tree, from the label attribute.
define('ds-field', (el) => '<label for="i">' + attr(el, 'label') + '</label> <input id="i" part="input">', (el) => {
  el.shadowRoot.querySelector('input').addEventListener('change', (e) => log((el.dataset.k || 'field') + '=' + e.target.value));
});
// A checkbox whose label is the host's slotted text.
define('ds-checkbox', () => '<input type="checkbox" id="c"><label for="c"><slot></slot></label>', (el) => {
  el.shadowRoot.querySelector('input').addEventListener('change', (e) => log('checkbox=' + e.target.checked));
});
// A select of options given as an attribute.
define('ds-select', (el) => '<label for="s">' + attr(el, 'label') + '</label> <select id="s">' + attr(el, 'options').split(',').map((o) => '<option>' + o + '</option>').join('') + '</select>', (el) => {
  el.shadowRoot.querySelector('select').addEventListener('change', (e) => log('select=' + e.target.value));
});
// A listbox whose options are the host's own children, slotted into it.
define('ds-listbox', (el) => '<span id="l">' + attr(el, 'label') + '</span><div role="listbox" aria-labelledby="l"><slot></slot></div>', (el) => {
  el.addEventListener('click', (e) => { const o = e.target.closest('[role=option]'); if (o) log('option=' + o.textContent.trim()); });
});
// A greeting that puts the slotted name inside its own text.
define('ds-greeting', () => '<p>Welcome back, <b><slot></slot></b>. You have mail.</p>');
// A dialog hidden through :host([hidden]).
define('ds-dialog', () => '<div role="dialog"><slot></slot><button>Confirm</button></div>');
// A component whose shadow root is closed: nothing outside can look in.
customElements.define('ds-closed', class extends HTMLElement {
  connectedCallback() { if (!this.done) { this.done = true; this.attachShadow({ mode: 'closed' }).innerHTML = '<button>Subscribe</button>'; } }
});

// Clicks are reported by the data-k of the nearest host or element, across
// shadow roots, as an analytics script would.
document.addEventListener('click', (e) => {
  const k = e.composedPath().find((n) => n.dataset && n.dataset.k);
  if (k) log('click ' + k.dataset.k);
});
