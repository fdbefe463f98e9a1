// After a successful act check, some operations finish in the page.
function finish(res) {
  const el = res.el; delete res.el; delete res.tgt;
  switch (req.then) {
    case 'focus-select': {
      if (el.tagName === 'SELECT') return { fatal: 'this is a select box: use  I select "OPTION" from "' + req.locator + '"' };
      if (el.localName === 'input' && el.type === 'file') return { fatal: 'this is a file field: use  I attach the file "FILE" to "' + req.locator + '"' };
      el.focus();
      if (el.isContentEditable) {
        const range = document.createRange(); range.selectNodeContents(el);
        const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
      } else if (el.localName === 'input' && /^(date|time|datetime-local|month|week|color|range)$/.test(el.type)) {
        // Typing cannot enter these: set the value as the browser's own picker would.
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        setter.call(el, req.value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        res.done = true;
      } else if (el.localName === 'input' || el.localName === 'textarea') el.select();
      return res;
    }
    case 'select-option': {
      if (el.tagName !== 'SELECT') {
        // An ARIA combobox or listbox: the Go side opens it (a click, when its
        // list is closed) and then picks the option (check "option").
        const role = el.getAttribute('role');
        if (role !== 'combobox' && role !== 'listbox') return { fatal: 'not a select box, combobox or listbox: ' + describe(el) };
        const lb = listboxOf(el);
        res.aria = true;
        res.closed = role === 'combobox' && !(lb && visible(lb));
        return res;
      }
      fireChange(); // a native select takes no focus: moving on from a filled field
      const opts = [...el.options];
      const want = norm(req.value);
      let o = opts.filter((x) => norm(x.text) === want || x.value === req.value);
      if (!o.length) o = opts.filter((x) => low(x.text).includes(want.toLowerCase()));
      if (o.length !== 1) return { state: (o.length ? o.length + ' options match' : 'no option') + ' "' + req.value + '" in the select box "' + req.locator + '"; options: ' + opts.map((x) => '"' + norm(x.text) + '"').join(', ') };
      if (o[0].matches(':disabled')) return { state: 'option "' + req.value + '" is disabled' };
      o[0].selected = true;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      res.done = true;
      return res;
    }
    case 'checked-state': {
      const on = checkedNow(el);
      res.already = on === req.want;
      return res;
    }
  }
  return res;
}
