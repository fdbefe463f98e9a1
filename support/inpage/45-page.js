// What only the page's world knows. This world shares the DOM with the page
// but not its JavaScript: a custom element's own state (a value or checked
// getter of its class, a property the page set on it) reads undefined here.
// What every world sees comes first: native properties, ARIA states,
// :disabled. When a check still needs the page's answer for a custom element,
// it does not ask it here (that world's code is the page's to break, and
// cannot be called from this one): the check stops with {ask: true}, the Go
// side reads the element's value and checked in the page's world for that one
// node (support/pageprops.go), and runs the check again with them in
// req.page. They hold for that element, for one pass of the check: a wait
// that goes on asks again, so what it sees is never older than one pass.
let asked = null; // the element the Go side was last asked about
class Ask {}
const isCustom = (el) => el.localName.includes('-');
function pageProps(el) {
  if (req.page && !req.pageUsed && asked === el) return req.page;
  asked = el;
  throw new Ask();
}
// checkedNow tells whether el is checked: natively, by aria-checked, or for a
// custom element with neither, by its checked in the page's world.
function checkedNow(el) {
  if (el.checked !== undefined) return el.checked === true || el.getAttribute('aria-checked') === 'true';
  if (el.hasAttribute('aria-checked') || !isCustom(el)) return el.getAttribute('aria-checked') === 'true';
  return pageProps(el).checked === true;
}
