// Shared helpers for every page. Plain JavaScript, no build step.
'use strict';

const Demo = (() => {
  // Under the flake hunter's latency (the romaine-latency cookie, which the
  // server passes on as window.DEMO_SHAKE), every DOM update after a fetch
  // waits up to DEMO_SHAKE.max ms, drawn from its seed (mulberry32), so that
  // a replay of the seed waits the same: one update in three is slow (60-100%
  // of it), the others quick (0-20%), as the server's answers are.
  let shakeState = window.DEMO_SHAKE ? window.DEMO_SHAKE.seed >>> 0 : 0;
  function shakeDraw() {
    shakeState = (shakeState + 0x6D2B79F5) >>> 0;
    let t = shakeState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  // In chaos mode every DOM update after a fetch waits a random 0-400 ms,
  // so tests must wait for what they expect instead of assuming timing.
  function uiDelay() {
    if (window.DEMO_SHAKE) {
      const slow = shakeDraw() < 1 / 3;
      const share = slow ? 0.6 + 0.4 * shakeDraw() : 0.2 * shakeDraw();
      return new Promise((resolve) => setTimeout(resolve, Math.floor(share * window.DEMO_SHAKE.max)));
    }
    if (!window.DEMO_CHAOS) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 401)));
  }

  // api calls the JSON API and never throws: it answers {ok, status, data}
  // where data.error explains any failure. A FormData body (a file upload)
  // goes as multipart/form-data, any other body as JSON.
  async function api(method, url, body) {
    const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (body instanceof FormData) {
      init.body = body; // the browser writes the Content-Type with its boundary
    } else if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (err) {
      return { ok: false, status: 0, data: { error: 'Network error: ' + err.message } };
    }
    let data = null;
    if (response.status !== 204) {
      try {
        data = await response.json();
      } catch (err) {
        data = { error: 'Unexpected answer from the server (' + response.status + ')' };
      }
    }
    // A lapsed session anywhere but the sign-in form means: sign in again.
    if (response.status === 401 && document.body.dataset.page !== 'sign-in') {
      location.assign('/sign-in');
    }
    return { ok: response.ok, status: response.status, data };
  }

  // el builds an element; attrs become attributes, children text or nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function showError(message) {
    document.getElementById('error').textContent = message;
  }

  function clearError() {
    document.getElementById('error').textContent = '';
  }

  // toast shows a short confirmation that goes away by itself.
  function toast(message) {
    const node = el('div', { class: 'toast', role: 'status' }, message);
    document.getElementById('toasts').append(node);
    setTimeout(() => node.remove(), 2500);
  }

  function money(price) {
    return '$' + Number(price).toFixed(2);
  }

  // describe names a product the way people do: "black sweater".
  function describe(product) {
    return [product.colour, product.name].filter(Boolean).join(' ');
  }

  const signOut = document.getElementById('sign-out');
  if (signOut) {
    signOut.addEventListener('click', async () => {
      signOut.disabled = true;
      await api('DELETE', '/api/session');
      location.assign('/sign-in');
    });
  }

  return { uiDelay, api, el, showError, clearError, toast, money, describe };
})();
