// Loaded by every corpus page. log(s) records what the page received, in
// order, for the test to read back (window.received) and for a feature to see
// in the title ("received: a, b"); in a frame it is recorded by the top page
// (the corpus's frames are all of one origin). later(f) queues f until arm()
// runs it: a case arms a page's delays right before the step that must wait
// for them.
window.received = [];
function log(s) {
  if (window !== top) { top.log(s); return; }
  received.push(String(s));
  document.title = 'received: ' + received.join(', ');
}
window.armed = [];
function later(f) { armed.push(f); }
function arm() { armed.splice(0).forEach((f) => f()); }
