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
