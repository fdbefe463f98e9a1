// The store's web components: plain custom elements whose markup lives in open
// shadow roots, as design systems build theirs. No framework, no build step.
'use strict';

(() => {
  const esc = (s) => String(s == null ? '' : s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const BASE = ':host{display:block;margin:.5em 0} label,.label{display:block;font-weight:600;margin-bottom:.2em}' +
    'input,textarea{font:inherit;padding:.3em;width:20em} textarea{height:6em}';

  // <text-field label="Headline" [multiline]>: a form-associated text field.
  customElements.define('text-field', class extends HTMLElement {
    static formAssociated = true;
    constructor() { super(); this.internals = this.attachInternals(); }
    connectedCallback() {
      if (this.shadowRoot) return;
      const tag = this.hasAttribute('multiline') ? 'textarea' : 'input';
      this.attachShadow({ mode: 'open', delegatesFocus: true }).innerHTML =
        `<style>${BASE}</style><label for="f">${esc(this.getAttribute('label'))}</label><${tag} id="f"></${tag}>`;
      this.field = this.shadowRoot.getElementById('f');
      this.field.addEventListener('input', () => this.internals.setFormValue(this.field.value));
    }
    get value() { return this.field ? this.field.value : ''; }
  });

  // <star-rating label="Your rating">: five radio buttons, named "1 star" to "5 stars".
  customElements.define('star-rating', class extends HTMLElement {
    static formAssociated = true;
    constructor() { super(); this.internals = this.attachInternals(); this.value = 0; }
    connectedCallback() {
      if (this.shadowRoot) return;
      const stars = [1, 2, 3, 4, 5].map((n) =>
        `<button type="button" role="radio" aria-checked="false" aria-label="${n} star${n > 1 ? 's' : ''}" data-n="${n}">☆</button>`).join('');
      this.attachShadow({ mode: 'open' }).innerHTML = `<style>${BASE} button{font-size:1.6em;border:0;background:none;cursor:pointer}</style>` +
        `<span class="label" id="l">${esc(this.getAttribute('label'))}</span><div role="radiogroup" aria-labelledby="l">${stars}</div><output></output>`;
      this.shadowRoot.querySelector('[role=radiogroup]').addEventListener('click', (e) => {
        const b = e.target.closest('button');
        if (b) this.set(Number(b.dataset.n));
      });
    }
    set(n) {
      this.value = n;
      this.internals.setFormValue(String(n));
      this.shadowRoot.querySelectorAll('button').forEach((b) => {
        const on = Number(b.dataset.n) <= n;
        b.textContent = on ? '★' : '☆';
        b.setAttribute('aria-checked', String(Number(b.dataset.n) === n));
      });
      this.shadowRoot.querySelector('output').textContent = n + ' of 5 stars';
    }
  });

  // <fancy-select label="Size bought" options="S,M,L">: an ARIA combobox whose
  // list of options opens a moment after it is clicked, as animated ones do.
  customElements.define('fancy-select', class extends HTMLElement {
    static formAssociated = true;
    constructor() { super(); this.internals = this.attachInternals(); this.value = ''; }
    connectedCallback() {
      if (this.shadowRoot) return;
      const opts = (this.getAttribute('options') || '').split(',').map((o) => `<li role="option" aria-selected="false">${esc(o.trim())}</li>`).join('');
      this.attachShadow({ mode: 'open' }).innerHTML = `<style>${BASE} [role=combobox]{border:1px solid #888;padding:.3em;width:12em;cursor:pointer}` +
        ` ul{list-style:none;margin:0;padding:0;border:1px solid #888;width:12em} li{padding:.3em;cursor:pointer} li:hover{background:#eef}</style>` +
        `<span class="label" id="l">${esc(this.getAttribute('label'))}</span>` +
        '<div role="combobox" tabindex="0" aria-labelledby="l" aria-controls="list" aria-expanded="false">Choose…</div>' +
        `<ul role="listbox" id="list" aria-labelledby="l" hidden>${opts}</ul>`;
      const box = this.shadowRoot.querySelector('[role=combobox]'), list = this.shadowRoot.getElementById('list');
      box.addEventListener('click', () => {
        const open = list.hidden;
        setTimeout(() => { list.hidden = !open; box.setAttribute('aria-expanded', String(open)); }, 120);
      });
      list.addEventListener('click', (e) => {
        const o = e.target.closest('[role=option]');
        if (!o) return;
        this.value = o.textContent;
        this.internals.setFormValue(this.value);
        box.textContent = this.value;
        list.querySelectorAll('[role=option]').forEach((x) => x.setAttribute('aria-selected', String(x === o)));
        list.hidden = true;
        box.setAttribute('aria-expanded', 'false');
      });
    }
  });

  // <check-box>Label</check-box>: a native checkbox labelled by the slotted text.
  customElements.define('check-box', class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.attachShadow({ mode: 'open' }).innerHTML = `<style>${BASE}</style><input type="checkbox" id="c"> <label for="c" style="display:inline"><slot></slot></label>`;
    }
    get checked() { return this.shadowRoot.getElementById('c').checked; }
  });

  // <store-button [type=submit] [disabled]>Text</store-button>: a native button
  // around its slotted text; disabled is passed down, as design systems do.
  customElements.define('store-button', class extends HTMLElement {
    static observedAttributes = ['disabled'];
    connectedCallback() {
      if (this.shadowRoot) return;
      this.attachShadow({ mode: 'open' }).innerHTML = '<style>:host{display:inline-block} button{font:inherit;padding:.4em 1em}</style><button part="button"><slot></slot></button>';
      this.sync();
      this.shadowRoot.querySelector('button').addEventListener('click', () => {
        if (this.getAttribute('type') === 'submit') this.closest('form').requestSubmit();
        else this.dispatchEvent(new CustomEvent('press', { bubbles: true, composed: true }));
      });
    }
    attributeChangedCallback() { this.sync(); }
    sync() { if (this.shadowRoot) this.shadowRoot.querySelector('button').disabled = this.hasAttribute('disabled'); }
  });

  // <confirm-dialog heading="..." word="DELETE" confirm="Delete forever">body</confirm-dialog>:
  // a modal whose confirm button is enabled once the word is typed. It fires
  // "confirm" and closes.
  customElements.define('confirm-dialog', class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const word = this.getAttribute('word');
      this.attachShadow({ mode: 'open' }).innerHTML = `<style>${BASE} .backdrop{position:fixed;inset:0;background:#0006;display:grid;place-items:center}` +
        ' [role=dialog]{background:#fff;padding:1em 2em;border-radius:6px} [hidden]{display:none}</style>' +
        `<div class="backdrop" hidden><div role="dialog" aria-modal="true" aria-labelledby="h"><h2 id="h">${esc(this.getAttribute('heading'))}</h2><slot></slot>` +
        `<label for="w">Type ${esc(word)} to confirm</label><input id="w" autocomplete="off">` +
        `<p><store-button class="cancel">Cancel</store-button> <store-button class="confirm" disabled>${esc(this.getAttribute('confirm'))}</store-button></p></div></div>`;
      const r = this.shadowRoot, input = r.getElementById('w'), ok = r.querySelector('.confirm');
      input.addEventListener('input', () => ok.toggleAttribute('disabled', input.value !== word));
      r.querySelector('.cancel').addEventListener('press', () => this.close());
      ok.addEventListener('press', () => { this.close(); this.dispatchEvent(new CustomEvent('confirm')); });
    }
    open() { this.shadowRoot.getElementById('w').value = ''; this.shadowRoot.querySelector('.confirm').setAttribute('disabled', ''); this.shadowRoot.querySelector('.backdrop').hidden = false; }
    close() { this.shadowRoot.querySelector('.backdrop').hidden = true; }
  });

  // <review-card>: a published review, rendered in its shadow root.
  customElements.define('review-card', class extends HTMLElement {
    show(r) {
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      root.innerHTML = `<style>${BASE} article{border:1px solid #ccc;padding:1em} pre{white-space:pre-wrap;font:inherit}</style>` +
        `<article><h2>${esc(r.headline)}</h2><p>${'★'.repeat(r.rating)} ${r.rating} of 5 stars · size ${esc(r.size || 'not given')}` +
        `${r.recommend ? ' · recommended' : ''}</p><pre>${esc(r.body)}</pre><slot></slot></article>`;
    }
  });
})();
