'use strict';

document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  Demo.clearError();
  const result = await Demo.api('POST', '/api/session', {
    email: form.elements.email.value,
    password: form.elements.password.value,
  });
  await Demo.uiDelay();
  if (result.ok) {
    location.assign('/inventory');
    return;
  }
  button.disabled = false;
  Demo.showError(result.status === 401 ? 'Invalid email or password' : result.data.error);
});
