package support

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-rod/rod/lib/proto"
)

// A page may boot after its load event: an AMD loader (require.js) fetches
// the app's modules one after another, a bundle imports a chunk lazily, and
// only then are the handlers attached. A field shows before anything listens
// to it, and typing into it then is lost. So an action waits first, as a
// person would, while the page is still loading its scripts: no script
// request of the main frame's document is in flight (from the Network events
// pageEvents already follows), within the step's deadline. A page whose
// scripts all loaded before its DOMContentLoaded, the common case, waits for
// nothing: the check is a map lookup in Go.
//
// A script that had been loading for longer than the step's timeout when the
// step began is taken as stuck (a third-party tag on a host that never
// answers), not as the page booting, and is not waited for.
//
// An app may need more than its scripts before it starts: RequireJS's text
// plugin fetches the templates of TodoMVC's backbone_require by
// XMLHttpRequest, and the app listens to nothing until they came. So an
// action also waits for the requests the page's scripts made of the
// document's own origin (XMLHttpRequest or fetch) while it booted: before
// DOMContentLoaded, or within bootGap of it or of one of its scripts
// arriving, or of another such request arriving in the document's first
// bootWindow (templates asked for one after another; later, an app that
// polls its server would otherwise boot for ever). Each for bootFetch at
// most: one that takes longer is not the app's code or templates but its
// data, a long poll or a stream, which a person does not wait for before
// typing either.
//
// Two gaps remain where nothing is in flight though the page is booting: a
// loader starts on a timer after DOMContentLoaded (require.js asks for its
// data-main module on a 4 ms timer), and a script that just arrived has not
// yet run (between one module arriving and the next being asked for). So the
// first action check of a document that reached DOMContentLoaded lately
// (bootGap), and any check after a script of the document arrived lately
// after it, lets the page's due timers and tasks and one animation frame run
// first (request.Boot: a wait of a few milliseconds, no work); and an action
// whose check passed while a script started loading is checked again once it
// has loaded.

// bootGap is how recently a script must have arrived for the next check to
// let it run first.
const bootGap = time.Second

// bootFetch is how long an action waits at most for one request the page's
// scripts made while it booted (see above).
const bootFetch = 2 * time.Second

// bootWindow is how long after DOMContentLoaded one boot request can lead to
// another (see above).
const bootWindow = 10 * time.Second

// scriptLoad is one script request of the main frame's document, or one
// request its scripts made of its own origin while it booted (fetch).
type scriptLoad struct {
	url   string
	since time.Time
	fetch bool
}

// scriptLoads follows the main frame's script requests (under pageEvents.mu).
type scriptLoads struct {
	loading    map[proto.NetworkRequestID]scriptLoad
	lastDone   time.Time     // when one last finished
	lastScript time.Time     // when a script (not a boot request) last finished
	domReady   time.Time     // when the document reached DOMContentLoaded
	acted      bool          // the document has had an action check
	wake       chan struct{} // closed, and replaced, when one finishes
}

func newScriptLoads() scriptLoads {
	return scriptLoads{loading: map[proto.NetworkRequestID]scriptLoad{}, wake: make(chan struct{})}
}

func (e *pageEvents) scriptStarted(id proto.NetworkRequestID, url string) {
	if len(e.scripts.loading) < 500 {
		e.scripts.loading[id] = scriptLoad{url: url, since: time.Now()}
	}
}

// fetchStarted notes a request the document (at doc) made, if it is of the
// document's own origin and the document is booting (see bootFetch). Whether
// it boots is asked first: it is the cheaper question, and after the boot
// the answer for every request.
func (e *pageEvents) fetchStarted(id proto.NetworkRequestID, url, doc string) {
	s, now := &e.scripts, time.Now()
	sinceReady := now.Sub(s.domReady) // huge while DOMContentLoaded has not come
	booting := s.domReady.IsZero() || sinceReady < bootGap || now.Sub(s.lastScript) < bootGap || sinceReady < bootWindow && now.Sub(s.lastDone) < bootGap
	if booting && len(s.loading) < 500 && sameOrigin(url, doc) {
		s.loading[id] = scriptLoad{url: url, since: now, fetch: true}
	}
}

// sameOrigin says whether a request's URL has the origin of the document
// that made it.
func sameOrigin(req, doc string) bool {
	r, err1 := url.Parse(req)
	d, err2 := url.Parse(doc)
	return err1 == nil && err2 == nil && r.Scheme == d.Scheme && r.Host == d.Host
}

// scriptEnded notes a request that finished or failed, if it was a script's.
func (e *pageEvents) scriptEnded(id proto.NetworkRequestID) {
	l, ok := e.scripts.loading[id]
	if !ok {
		return
	}
	delete(e.scripts.loading, id)
	e.scripts.lastDone = time.Now()
	if !l.fetch {
		e.scripts.lastScript = e.scripts.lastDone
	}
	close(e.scripts.wake)
	e.scripts.wake = make(chan struct{})
}

// newDocument forgets the scripts of the main frame's previous document.
func (e *pageEvents) newDocument() {
	wake := e.scripts.wake
	e.scripts = newScriptLoads()
	close(wake)
}

// scriptsLoading says which of the document's scripts are loading (those
// asked for after stuck: older ones are taken as stuck) and which of its boot
// requests (those younger than bootFetch), what closes
// when one finishes, and whether the next check should let the page run
// first (see bootGap).
func (e *pageEvents) scriptsLoading(stuck time.Time) (pending []scriptLoad, wake <-chan struct{}, boot bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := time.Now()
	for id, s := range e.scripts.loading {
		if s.fetch && now.Sub(s.since) >= bootFetch {
			delete(e.scripts.loading, id) // waited for long enough: no more
			continue
		}
		if s.since.After(stuck) {
			pending = append(pending, s)
		}
	}
	s := e.scripts
	// The first action of a document that is young (or whose DOMContentLoaded
	// has not reached us yet), or one after a script arrived since.
	young := s.domReady.IsZero() || now.Sub(s.domReady) < bootGap
	boot = !s.acted && young || !s.domReady.IsZero() && s.lastDone.After(s.domReady) && now.Sub(s.lastDone) < bootGap
	return pending, s.wake, boot
}

// acting notes that the document has had an action check.
func (e *pageEvents) acting() {
	e.mu.Lock()
	e.scripts.acted = true
	e.mu.Unlock()
}

// readyToAct waits, within the step's deadline, until the page loads no
// script, and sets req.Boot when the check should let the page run first
// (also when the last check found it still loading a script: booting). It
// answers false when the deadline came first, with what was loading as the
// step's last state; a cancelled ctx leaves the check to say so.
func (p *Page) readyToAct(ctx context.Context, clk *stepClock, req *request, booting bool) bool {
	if p.skipReady {
		return true
	}
	for {
		pending, wake, boot := p.events.scriptsLoading(p.stuckBefore(clk))
		if len(pending) == 0 {
			p.events.acting()
			req.Boot = boot || booting
			return true
		}
		left := time.Until(clk.deadline)
		if left <= 0 {
			clk.see(loadingScripts(pending))
			return false
		}
		// A boot request stops being waited for at its bootFetch.
		for _, s := range pending {
			if s.fetch {
				left = min(left, time.Until(s.since.Add(bootFetch)))
			}
		}
		t := time.NewTimer(max(left, time.Millisecond))
		select {
		case <-wake:
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return true
		case <-p.events.ended:
			// No event will come (the connection closed): the check runs and
			// says what became of the page.
			t.Stop()
			return true
		}
		t.Stop()
	}
}

// startedLoading says whether the page began loading a script while a
// passing act check ran (and records it as the state seen): the action waits
// for it and is checked again.
func (p *Page) startedLoading(clk *stepClock) bool {
	if p.skipReady {
		return false
	}
	pending, _, _ := p.events.scriptsLoading(p.stuckBefore(clk))
	if len(pending) > 0 {
		clk.see(loadingScripts(pending))
	}
	return len(pending) > 0
}

// stuckBefore: a script asked for before this time is taken as stuck.
func (p *Page) stuckBefore(clk *stepClock) time.Time { return clk.start.Add(-p.policy.Timeout) }

// loadingScripts says, for a person, which scripts the page was loading.
func loadingScripts(pending []scriptLoad) string {
	var some []string
	for _, s := range pending {
		if len(some) == 3 {
			some = append(some, "...")
			break
		}
		what := ""
		if s.fetch {
			what = "fetched by its scripts while it booted, "
		}
		some = append(some, fmt.Sprintf("%s (%sfor %s)", s.url, what, time.Since(s.since).Round(time.Millisecond)))
	}
	return fmt.Sprintf("the page was still loading %d script(s) or file(s) of its own: %s", len(pending), strings.Join(some, ", "))
}
