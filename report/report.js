// The report's one script: the filters (by result) and the search box. The
// page is whole without it: every scenario shows, and the filters stay hidden.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) { return; }
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox]'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var scenarios = Array.prototype.slice.call(document.querySelectorAll('details.scenario'));
  var features = Array.prototype.slice.call(document.querySelectorAll('section.feature'));
  var texts = null; // each scenario's text, lower case, read once
  function apply() {
    if (texts === null) {
      texts = scenarios.map(function (s) { return s.textContent.toLowerCase(); });
    }
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    scenarios.forEach(function (s, i) {
      var show = on[s.getAttribute('data-result')] === true &&
        words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      s.hidden = !show;
      if (show) { n++; }
    });
    features.forEach(function (f) {
      f.hidden = f.querySelector('details.scenario:not([hidden])') === null;
    });
    shown.textContent = n + ' of ' + scenarios.length + ' scenarios shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
}());

// The step film: a frame's button opens the step's detail, with its DOM
// snapshot in a sandboxed frame made then (no script runs in it: the
// sandbox allows none; allow-same-origin only lets this script scroll it to
// where the page was scrolled), and closes it again.
(function () {
  'use strict';
  function scroll(frame) {
    var doc = frame.contentDocument;
    if (!doc) { return; }
    Array.prototype.forEach.call(doc.querySelectorAll('[data-romaine-scroll]'), function (el) {
      var xy = el.getAttribute('data-romaine-scroll').split(',');
      if (el === doc.documentElement) {
        frame.contentWindow.scrollTo(+xy[0], +xy[1]);
      } else {
        el.scrollLeft = +xy[0];
        el.scrollTop = +xy[1];
      }
    });
  }
  document.addEventListener('click', function (e) {
    var shot = e.target.closest ? e.target.closest('.film .shot') : null;
    if (!shot) { return; }
    var detail = document.getElementById(shot.getAttribute('aria-controls'));
    var open = shot.getAttribute('aria-expanded') !== 'true';
    shot.setAttribute('aria-expanded', String(open));
    detail.hidden = !open;
    var box = detail.querySelector('.snapshot-box');
    box.textContent = '';
    if (!open) { return; }
    var inline = shot.getAttribute('data-snapshot');
    var file = shot.getAttribute('data-snapshot-src'); // beside the report, in its films folder
    if (inline === null && file === null) {
      box.textContent = shot.getAttribute('data-none') || 'No DOM snapshot of this step.';
      return;
    }
    var frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.setAttribute('title', 'The page after this step (DOM snapshot)');
    frame.addEventListener('load', function () { scroll(frame); });
    if (inline !== null) {
      frame.srcdoc = inline;
    } else {
      frame.setAttribute('src', file);
    }
    box.appendChild(frame);
    // Drawn at the page's own size, scaled to fit.
    var w = +shot.getAttribute('data-width'), h = +shot.getAttribute('data-height');
    if (w > 0 && h > 0) {
      var s = Math.min(1, box.clientWidth / w);
      frame.style.width = w + 'px';
      frame.style.height = h + 'px';
      frame.style.transformOrigin = '0 0';
      frame.style.transform = 'scale(' + s + ')';
      box.style.height = Math.ceil(h * s) + 'px';
    }
  });
}());
