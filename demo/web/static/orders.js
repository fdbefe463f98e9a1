'use strict';

(() => {
  const list = document.getElementById('order-list');

  // The API lists, per order, the actions can() allows this user right now;
  // a button appears only for those.
  function orderRow(o) {
    const actions = Demo.el('td', { class: 'actions' });
    if (o.actions.includes('request_return')) {
      const button = Demo.el('button', { type: 'button' }, 'Request return');
      button.addEventListener('click', () => requestReturn(o, row, button));
      actions.append(button);
    }
    const row = Demo.el('tr', { class: 'order', 'data-order-id': o.id },
      Demo.el('td', { class: 'customer' }, o.customer_name),
      Demo.el('td', { class: 'product' }, o.product_description),
      Demo.el('td', { class: 'quantity' }, o.quantity),
      Demo.el('td', { class: 'status' }, o.status_text),
      actions);
    return row;
  }

  async function requestReturn(o, row, button) {
    button.disabled = true;
    Demo.clearError();
    const result = await Demo.api('POST', '/api/orders/' + o.id + '/return-request');
    await Demo.uiDelay();
    if (!result.ok) {
      button.disabled = false;
      Demo.showError(result.data.error);
      return;
    }
    row.replaceWith(orderRow(result.data));
    Demo.toast('Return requested for ' + result.data.product_description);
  }

  async function load() {
    const result = await Demo.api('GET', '/api/orders');
    await Demo.uiDelay();
    if (!result.ok) {
      list.replaceChildren();
      Demo.showError(result.data.error);
      return;
    }
    if (result.data.length === 0) {
      list.replaceChildren(Demo.el('p', { class: 'empty' }, 'No orders yet'));
      return;
    }
    list.replaceChildren(Demo.el('table', { id: 'orders' },
      Demo.el('thead', {}, Demo.el('tr', {},
        Demo.el('th', { scope: 'col' }, 'Customer'), Demo.el('th', { scope: 'col' }, 'Product'),
        Demo.el('th', { scope: 'col' }, 'Quantity'), Demo.el('th', { scope: 'col' }, 'Status'),
        Demo.el('th', { scope: 'col' }, 'Actions'))),
      Demo.el('tbody', {}, ...result.data.map(orderRow))));
  }

  load();
})();
