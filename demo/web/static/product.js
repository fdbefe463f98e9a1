'use strict';

(() => {
  const details = document.getElementById('product-details');
  const id = details.dataset.productId;
  const form = document.getElementById('update-stock');
  const upload = document.getElementById('upload-photo');

  // Every request takes a number, and an answer is shown only if no later
  // request's answer has been: on a slow network the first load can come back
  // after an upload or a stock update, and must not put the old product back.
  let asked = 0;
  let shown = 0;
  async function fetchProduct(method, url, body) {
    const n = ++asked;
    const result = await Demo.api(method, url, body);
    await Demo.uiDelay();
    result.stale = n < shown;
    if (result.ok && !result.stale) shown = n;
    return result;
  }

  function render(p) {
    details.replaceChildren(Demo.el('dl', {},
      Demo.el('dt', {}, 'Colour'), Demo.el('dd', { id: 'colour' }, p.colour),
      Demo.el('dt', {}, 'Size'), Demo.el('dd', { id: 'size' }, p.size),
      Demo.el('dt', {}, 'Price'), Demo.el('dd', { id: 'price' }, Demo.money(p.price)),
      Demo.el('dt', {}, 'Stock'), Demo.el('dd', { id: 'stock' }, p.stock)));
    if (p.photo) details.append(photo(p));
    if (form) form.elements.stock.value = p.stock;
  }

  // photo shows the product's photo with its file name, once the image has
  // loaded: a photo that is there is a photo that can be seen.
  function photo(p) {
    const img = Demo.el('img', { src: p.photo.url, alt: 'Photo of ' + p.name });
    const figure = Demo.el('figure', { class: 'product-photo', hidden: '' },
      img, Demo.el('figcaption', {}, p.photo.file_name));
    img.addEventListener('load', () => { figure.hidden = false; });
    img.addEventListener('error', () => Demo.showError('Could not show the photo ' + p.photo.file_name));
    return figure;
  }

  async function load() {
    const result = await fetchProduct('GET', '/api/products/' + id);
    if (result.stale) return;
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
      const result = await fetchProduct('PATCH', '/api/products/' + id, { stock: form.elements.stock.value.trim() });
      button.disabled = false;
      if (!result.ok) {
        Demo.showError(result.data.error);
        return;
      }
      if (!result.stale) render(result.data);
      Demo.toast('Updated stock of ' + Demo.describe(result.data) + ' to ' + result.data.stock);
    });
  }

  if (upload) {
    upload.addEventListener('submit', async (event) => {
      event.preventDefault();
      Demo.clearError();
      const file = upload.elements.photo.files[0];
      if (!file) {
        Demo.showError('Choose a photo to upload');
        return;
      }
      const button = upload.querySelector('button[type=submit]');
      button.disabled = true;
      const body = new FormData();
      body.append('photo', file);
      const result = await fetchProduct('POST', '/api/products/' + id + '/photo', body);
      button.disabled = false;
      if (!result.ok) {
        Demo.showError(result.data.error);
        return;
      }
      if (!result.stale) render(result.data);
      upload.reset();
      Demo.toast('Uploaded ' + result.data.photo.file_name);
    });
  }

  load();
})();
