// DOM reads a page cannot hide. On a <form>, a field named like a DOM
// property ("id", "elements", "matches", "parentNode", ...) is what that
// property reads on the form, in every world: forms with fields named "id"
// or "action" are common. So the script reads any element it did not pick
// itself (a walk over the page, a scope, a hit test) through its own world's
// prototypes, which the page's JavaScript cannot reach either.
const dom = (() => {
  const call = Function.prototype.call;
  const own = (C, n) => Object.getOwnPropertyDescriptor(C.prototype, n);
  const method = (C, n) => call.bind(own(C, n).value);
  const getter = (C, n) => call.bind(own(C, n).get);
  const elQSA = method(Element, 'querySelectorAll'), elQS = method(Element, 'querySelector');
  const nodeType = getter(Node, 'nodeType');
  return {
    nodeType,
    parent: getter(Node, 'parentNode'),
    parentElement: getter(Node, 'parentElement'),
    childNodes: getter(Node, 'childNodes'),
    connected: getter(Node, 'isConnected'),
    rootNode: method(Node, 'getRootNode'),
    text: getter(Node, 'textContent'),
    contains: method(Node, 'contains'),
    attr: method(Element, 'getAttribute'),
    hasAttr: method(Element, 'hasAttribute'),
    matches: method(Element, 'matches'),
    closest: method(Element, 'closest'),
    shadowRoot: getter(Element, 'shadowRoot'),
    tagName: getter(Element, 'tagName'),
    localName: getter(Element, 'localName'),
    id: getter(Element, 'id'),
    className: getter(Element, 'className'),
    children: getter(Element, 'children'),
    firstChild: getter(Element, 'firstElementChild'),
    assignedSlot: getter(Element, 'assignedSlot'),
    rect: method(Element, 'getBoundingClientRect'),
    checkVisibility: method(Element, 'checkVisibility'),
    innerText: ((get) => (el) => (el instanceof HTMLElement ? get(el) : undefined))(getter(HTMLElement, 'innerText')),
    // Every element of the document, live: kept up to date by the browser,
    // walked without building a list (docHasShadow).
    allElements: document.getElementsByTagName('*'),
    // A document's or shadow root's own methods: neither has named properties here.
    qsa: (root, css) => (nodeType(root) === 1 ? elQSA(root, css) : root.querySelectorAll(css)),
    qs: (root, css) => (nodeType(root) === 1 ? elQS(root, css) : root.querySelector(css)),
  };
})();
