// The Deals page is hard to click on purpose, as pages in the wild are.
(() => {
  // The fruit stand is rebuilt from its model every 50 ms: its buttons are new
  // nodes twenty times a second. A press and a release on two different nodes
  // make no click, so a pick counts only when both land on the same button.
  const stand = document.getElementById('fruit-stand');
  const basket = [];
  const render = () => {
    stand.innerHTML = ['apple', 'banana', 'cherry']
      .map((f) => '<li><button type="button" data-fruit="' + f + '">Pick ' + f + '</button></li>').join('');
  };
  render();
  setInterval(render, 50);
  stand.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-fruit]');
    if (!b) return;
    basket.push(b.dataset.fruit);
    document.getElementById('basket').textContent = 'Basket: ' + basket.join(', ');
  });

  // Late content: a banner arrives 0.2-1 s after load above the links and
  // pushes them down, as an advert or a cookie notice does.
  setTimeout(() => {
    document.getElementById('deal-news').innerHTML =
      '<p style="margin:0;padding:48px 16px;background:#fff3c4">Fresh deals just arrived: everything here is 10% off today.</p>';
  }, 200 + Math.random() * 800);

  // A button that navigates a moment (0.1-0.9 s) after it is clicked.
  document.getElementById('later-deals').addEventListener('click', () => {
    setTimeout(() => { location.href = '/deals?page=2'; }, 100 + Math.random() * 800);
  });
})();
