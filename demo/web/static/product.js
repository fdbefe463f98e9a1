'use strict';

(() => {
  const details = document.getElementById('product-details');
  const id = details.dataset.productId;
  const form = document.getElementById('update-stock');

  function render(p) {
    details.replaceChildren(Demo.el('dl', {},
      Demo.el('dt', {}, 'Colour'), Demo.el('dd', { id: 'colour' }, p.colour),
      Demo.el('dt', {}, 'Size'), Demo.el('dd', { id: 'size' }, p.size),
      Demo.el('dt', {}, 'Price'), Demo.el('dd', { id: 'price' }, Demo.money(p.price)),
      Demo.el('dt', {}, 'Stock'), Demo.el('dd', { id: 'stock' }, p.stock)));
    if (form) form.elements.stock.value = p.stock;
  }

  async function load() {
    const result = await Demo.api('GET', '/api/products/' + id);
    await Demo.uiDelay();
    if (!result.ok) {
      details.replaceChildren();
      Demo.showError(result.data.error);
      return;
    }
    render(result.data);
  }

  if (form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      Demo.clearError();
      const result = await Demo.api('PATCH', '/api/products/' + id, { stock: form.elements.stock.value.trim() });
      await Demo.uiDelay();
      button.disabled = false;
      if (!result.ok) {
        Demo.showError(result.data.error);
        return;
      }
      render(result.data);
      Demo.toast('Updated stock of ' + Demo.describe(result.data) + ' to ' + result.data.stock);
    });
  }

  load();
})();
