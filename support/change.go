package support

import "context"

// A fill leaves its field a pending change, held in the script's world of
// that document (inpage/55-change.js): typing fires input as for a person,
// and change comes when the person moves on. The browser fires its own
// change when the field loses focus (a click elsewhere, Tab, the next fill)
// or on Enter, and the pending one is then dropped; otherwise the next
// operation on that document that neither types nor moves the focus (an
// assertion, a select, a hover, a navigation) fires it first, as a person's
// moving on would. Press and Type keep it: Escape right after a fill still
// abandons the edit.
//
// Most operations fire it in the same in-page call that starts them (see
// run in inpage/90-settle.js). Those that make no in-page call before they
// act (a navigation, the URL and title assertions) fire it here first, in the
// document the fill left it in; and Enter tells that document it was pressed
// (the browser fires its own change then, which a script cannot see without
// listening for it, and the script listens to nothing between steps).

// changePending records that the fill just released in f left a pending change.
func (s *scripts) changePending(f frameDoc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = &f
}

// changeSettled forgets the pending change of the document key (of every
// document, for ""): an in-page call there fired or kept it, and the script
// knows which; or the page was wiped for the next scenario.
func (s *scripts) changeSettled(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending != nil && (key == "" || s.pending.key() == key) {
		s.pending = nil
	}
}

// firesChange says whether r, run in a document, fires the change pending
// there first (or, for entered, settles it).
func (r request) firesChange() bool {
	switch r.Check {
	case "release", "asked", "document", "element", "calm":
		return false
	}
	return !r.Hold
}

// pendingAt is the document where a fill left a pending change, if any.
func (p *Page) pendingAt() *frameDoc {
	p.scripts.mu.Lock()
	defer p.scripts.mu.Unlock()
	return p.scripts.pending
}

// fireChange fires the change a fill left pending, for an operation that
// makes no in-page call of its own first.
func (p *Page) fireChange(ctx context.Context) { p.tellChange(ctx, "change") }

// tellChange runs check (change, entered) in the document where a fill left
// a pending change, if one may be there. A document that went away took it
// along: there is nothing to do, and nothing to report.
func (p *Page) tellChange(ctx context.Context, check string) {
	f := p.pendingAt()
	if f == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, p.policy.Timeout)
	defer cancel()
	at := *f
	at.page = at.page.Context(ctx)
	_, _ = at.eval(request{Check: check}, false)
}
