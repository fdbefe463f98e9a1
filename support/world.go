package support

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/cdp"
	"github.com/go-rod/rod/lib/proto"
)

// worldName names the isolated world the in-page script runs in, in every
// frame. A world is the browser's: it shares the document's DOM with the
// page's own JavaScript (the main world) but not its JavaScript objects, so the
// page can neither see the script nor change what it calls (a patched
// Array.prototype.map, a fake setTimeout, a polyfill's wrapped NodeList are
// the main world's, not this one's).
const worldName = "romaine"

// installJS evaluates the script once per world: a second install in the same
// world (a frame whose document node changed under the call) returns the
// first one's object, so one document never holds two scripts, each with its
// own hit-target watch. The property is on the world's own global, which the
// page's world does not share.
var installJS = "globalThis.romaine || (globalThis.romaine = " + inPageJS + ")"

// scripts remembers where the in-page script is installed: its object's
// remote id, by session and frame (see key). The object lives in the document's isolated world
// and as long as the document; a call on it after a navigation fails with
// "cannot find context", which drops it here: the next call creates the world
// in the new document and installs the script there. Copies of a Page
// (InFrame, WithPolicy) share one.
type scripts struct {
	mu       sync.Mutex
	at       map[string]proto.RuntimeRemoteObjectID
	installs int // how many times it was sent, for tests
	// pending: the document where a fill last left a pending change, while
	// no in-page call there has settled it (change.go).
	pending *frameDoc
	// keyPressed: the last operation on the page pressed a key (see Type).
	keyPressed bool
}

func newScripts() *scripts { return &scripts{at: map[string]proto.RuntimeRemoteObjectID{}} }

// key names where f's script lives: the session (top page or out-of-process
// frame) and the frame. A script whose document has gone fails its next call,
// which drops it (forget), and the next call installs it in the new document.
// Not by document node: an iframe's first document can take over the window
// of its initial about:blank under a new node, and a second world with a
// second script in one document would leave the first one's hit-target watch
// there to block the second's input events (70-intercept.js).
func (f frameDoc) key() string {
	return fmt.Sprintf("%s/%s", f.page.SessionID, f.frameID())
}

// frameID is the frame whose document f is: a same-process frame's own, or
// the session's main frame.
func (f frameDoc) frameID() proto.PageFrameID {
	if f.frame != "" {
		return f.frame
	}
	return f.page.FrameID
}

// script is the remote id of the script's object in f's document, and
// whether it was installed by an earlier call. The first call in a document
// creates the isolated world there (Page.createIsolatedWorld answers the
// world's context in the frame's current document, made on demand) and
// evaluates the script in it: two round trips, once per document.
func (f frameDoc) script() (proto.RuntimeRemoteObjectID, bool, error) {
	k := f.key()
	f.scripts.mu.Lock()
	id, ok := f.scripts.at[k]
	f.scripts.mu.Unlock()
	if ok {
		return id, true, nil
	}
	w, err := proto.PageCreateIsolatedWorld{FrameID: f.frameID(), WorldName: worldName}.Call(f.page)
	if err != nil {
		return "", false, err
	}
	res, err := proto.RuntimeEvaluate{Expression: installJS, ContextID: w.ExecutionContextID}.Call(f.page)
	if err != nil {
		return "", false, err
	}
	if res.ExceptionDetails != nil {
		return "", false, &rod.EvalError{RuntimeExceptionDetails: res.ExceptionDetails}
	}
	f.scripts.mu.Lock()
	if len(f.scripts.at) > 100 { // frames' documents left behind: start afresh
		clear(f.scripts.at)
	}
	f.scripts.at[k] = res.Result.ObjectID
	f.scripts.installs++
	f.scripts.mu.Unlock()
	return res.Result.ObjectID, false, nil
}

// forget drops the script's object when err says its document is gone, and
// says whether the object was stale: its context had gone before the call
// (rather than during it, as a navigation under a wait does).
func (f frameDoc) forget(id proto.RuntimeRemoteObjectID, err error) bool {
	stale := errors.Is(err, cdp.ErrCtxNotFound) || strings.Contains(err.Error(), "Could not find object with given id")
	if !stale && !transient(err) {
		return false
	}
	f.scripts.mu.Lock()
	defer f.scripts.mu.Unlock()
	for k, v := range f.scripts.at {
		if v == id {
			delete(f.scripts.at, k)
		}
	}
	return stale
}
