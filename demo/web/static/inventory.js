'use strict';

(() => {
  const list = document.getElementById('product-list');
  const onlyInStock = document.getElementById('only-in-stock');

  function productRow(p) {
    return Demo.el('tr', { class: 'product', 'data-product-id': p.id, 'data-stock': p.stock },
      Demo.el('td', { class: 'name' }, Demo.el('a', { href: '/products/' + p.id }, p.name)),
      Demo.el('td', { class: 'colour' }, p.colour),
      Demo.el('td', { class: 'size' }, p.size),
      Demo.el('td', { class: 'price' }, Demo.money(p.price)),
      Demo.el('td', { class: 'stock' }, p.stock));
  }

  // productTable returns the table body, creating the table the first time
  // so that "table#products exists" means "products have loaded".
  function productTable() {
    let table = document.getElementById('products');
    if (!table) {
      table = Demo.el('table', { id: 'products' },
        Demo.el('thead', {}, Demo.el('tr', {},
          Demo.el('th', { scope: 'col' }, 'Name'), Demo.el('th', { scope: 'col' }, 'Colour'),
          Demo.el('th', { scope: 'col' }, 'Size'), Demo.el('th', { scope: 'col' }, 'Price'),
          Demo.el('th', { scope: 'col' }, 'Stock'))),
        Demo.el('tbody', {}));
      list.replaceChildren(table);
    }
    return table.tBodies[0];
  }

  // filter hides sold-out rows while "Only in stock" is checked. It runs on
  // every change of the rows too, as the box can be checked before they load.
  function filter() {
    for (const row of list.querySelectorAll('tr.product')) {
      row.hidden = onlyInStock.checked && Number(row.dataset.stock) <= 0;
    }
  }
  onlyInStock.addEventListener('change', filter);

  async function load() {
    const result = await Demo.api('GET', '/api/products');
    await Demo.uiDelay();
    if (!result.ok) {
      list.replaceChildren();
      Demo.showError(result.data.error);
      return;
    }
    if (result.data.length === 0) {
      list.replaceChildren(Demo.el('p', { class: 'empty' }, 'No products yet'));
      return;
    }
    const body = productTable();
    body.replaceChildren(...result.data.map(productRow));
    filter();
  }

  const form = document.getElementById('add-product');
  if (form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      Demo.clearError();
      // Send only what was typed; the server fills in the rest.
      const body = {};
      for (const field of ['name', 'colour', 'size', 'price', 'stock']) {
        const value = form.elements[field].value.trim();
        if (value !== '') body[field] = value;
      }
      const result = await Demo.api('POST', '/api/products', body);
      await Demo.uiDelay();
      button.disabled = false;
      if (!result.ok) {
        Demo.showError(result.data.error);
        return;
      }
      productTable().append(productRow(result.data));
      filter();
      form.reset();
      Demo.toast('Added ' + result.data.name);
    });
  }

  load();
})();
