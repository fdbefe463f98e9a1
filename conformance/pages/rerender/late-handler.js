// Attached by a script that arrives late (served through /delay/).
for (const b of document.querySelectorAll('[data-late]')) b.addEventListener('click', () => log('late ' + b.dataset.late));
