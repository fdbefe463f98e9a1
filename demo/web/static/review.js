// The review page: built from the web components of components.js.
'use strict';

(() => {
  const form = document.getElementById('review-form');
  const publish = form.querySelector('store-button[type=submit]');
  const field = (label) => form.querySelector(`[label="${label}"]`);
  const dialog = document.querySelector('confirm-dialog');

  // The guidelines frame says when they have been read.
  addEventListener('message', (e) => {
    if (e.origin !== location.origin || !e.data || !('guidelinesRead' in e.data)) return;
    publish.toggleAttribute('disabled', !e.data.guidelinesRead);
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    Demo.clearError();
    const review = {
      rating: field('Your rating').value,
      size: field('Size bought').value,
      headline: field('Headline').value.trim(),
      body: field('Your review').value,
      recommend: form.querySelector('check-box').checked,
    };
    if (!review.rating) return Demo.showError('Choose a rating from 1 to 5 stars');
    if (!review.headline) return Demo.showError('Give your review a headline');
    await Demo.uiDelay();
    document.querySelector('review-card').show(review);
    form.hidden = true;
    document.getElementById('published').hidden = false;
    Demo.toast('Thank you, your review is published');
  });

  document.getElementById('delete-review').addEventListener('press', () => dialog.open());
  dialog.addEventListener('confirm', async () => {
    await Demo.uiDelay();
    document.getElementById('published').hidden = true;
    Demo.toast('Your review was deleted');
  });
})();
