'use strict';

(() => {
  const list = document.getElementById('return-list');
  let products = []; // latest product list, for the Replacement selects

  // replacementOptions lists products other than the returned one that have
  // stock, as "blue sweater (M)".
  function replacementOptions(order) {
    const options = [Demo.el('option', { value: '' }, 'Choose a product')];
    for (const p of products) {
      if (p.id !== order.product_id && p.stock > 0) {
        const size = p.size ? ' (' + p.size + ')' : '';
        options.push(Demo.el('option', { value: p.id }, Demo.describe(p) + size));
      }
    }
    return options;
  }

  function returnRow(o) {
    const row = Demo.el('tr', { class: 'return', 'data-order-id': o.id, 'data-product-id': o.product_id },
      Demo.el('td', { class: 'summary' }, o.summary),
      Demo.el('td', { class: 'status' }, o.status_text));
    const actions = Demo.el('td', { class: 'actions' });
    if (o.actions.includes('refund')) {
      // The money goes back to the card unless the owner chooses store credit.
      const name = 'refund-method-' + o.id;
      const method = (value, text) => {
        const radio = Demo.el('input', { type: 'radio', name, value });
        radio.checked = value === 'card';
        return Demo.el('label', {}, radio, ' ' + text);
      };
      const methods = Demo.el('span', { class: 'refund-method', role: 'radiogroup', 'aria-label': 'Refund method' },
        method('card', 'Refund to card'), method('store_credit', 'Store credit'));
      const refund = Demo.el('button', { type: 'button', class: 'refund' }, 'Refund');
      refund.addEventListener('click', () =>
        act(o, row, refund, 'refund', methods.querySelector('input:checked').value));
      actions.append(methods, refund);
    }
    if (o.actions.includes('replace')) {
      const selectID = 'replacement-' + o.id;
      const select = Demo.el('select', { id: selectID, class: 'replacement' }, ...replacementOptions(o));
      // Nothing to replace with until a replacement is chosen.
      const replace = Demo.el('button', { type: 'button', class: 'replace', disabled: '' }, 'Replace');
      select.addEventListener('change', () => { replace.disabled = !select.value; });
      replace.addEventListener('click', () => act(o, row, replace, 'replace', select.value));
      actions.append(Demo.el('label', { for: selectID }, 'Replacement'), select, replace);
    }
    row.append(actions);
    return row;
  }

  // act refunds (choice: the refund method) or replaces (choice: the
  // replacement's product id) the order, once the owner confirms.
  async function act(o, row, button, action, choice) {
    Demo.clearError();
    const whose = o.customer_name + "'s " + o.product_description;
    let body;
    let question;
    if (action === 'refund') {
      body = { refund_method: choice };
      question = 'Refund ' + whose + (choice === 'store_credit' ? ' as store credit?' : ' to the card?');
    } else {
      body = { product_id: Number(choice) };
      const replacement = products.find((p) => String(p.id) === choice);
      question = 'Replace ' + whose + ' with ' + Demo.describe(replacement) + '?';
    }
    if (!confirm(question)) return;

    button.disabled = true;
    const result = await Demo.api('POST', '/api/orders/' + o.id + '/' + action, body);
    await Demo.uiDelay();
    if (!result.ok) {
      // Try again, if there is still a replacement to try with.
      button.disabled = action === 'replace' && !row.querySelector('select.replacement').value;
      Demo.showError(result.data.error);
      return;
    }
    const done = result.data;
    row.replaceWith(returnRow(done));
    Demo.toast(action === 'refund'
      ? 'Refunded ' + done.product_description + (done.refund_method === 'store_credit' ? ' as store credit' : '')
      : 'Replaced ' + done.product_description + ' with ' +
        [done.replacement_product_colour, done.replacement_product_name].filter(Boolean).join(' '));
    refreshReplacements();
  }

  // Stock changed, so the other rows' choices may have too.
  async function refreshReplacements() {
    const result = await Demo.api('GET', '/api/products');
    if (!result.ok) return;
    await Demo.uiDelay();
    products = result.data;
    for (const select of list.querySelectorAll('select.replacement')) {
      const row = select.closest('tr');
      const productID = Number(row.dataset.productId);
      const chosen = select.value;
      select.replaceChildren(...replacementOptions({ product_id: productID }));
      select.value = chosen;
      if (select.value !== chosen) {
        // What was chosen is gone: back to "Choose a product", and Replace with it.
        select.value = '';
        select.dispatchEvent(new Event('change'));
      }
    }
  }

  async function load() {
    const [orders, productList] = await Promise.all([
      Demo.api('GET', '/api/orders'), Demo.api('GET', '/api/products')]);
    await Demo.uiDelay();
    const failed = [orders, productList].find((r) => !r.ok);
    if (failed) {
      list.replaceChildren();
      Demo.showError(failed.data.error);
      return;
    }
    products = productList.data;
    const open = orders.data.filter((o) => o.status === 'delivered' || o.status === 'return_requested');
    if (open.length === 0) {
      list.replaceChildren(Demo.el('p', { class: 'empty' }, 'No orders to return'));
      return;
    }
    list.replaceChildren(Demo.el('table', { id: 'returns' },
      Demo.el('thead', {}, Demo.el('tr', {},
        Demo.el('th', { scope: 'col' }, 'Order'), Demo.el('th', { scope: 'col' }, 'Status'),
        Demo.el('th', { scope: 'col' }, 'Actions'))),
      Demo.el('tbody', {}, ...open.map(returnRow))));
  }

  load();
})();
