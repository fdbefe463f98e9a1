package support

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/cdp"
	"github.com/go-rod/rod/lib/proto"
	"github.com/ysmood/gson"
)

// The in-page script is written in parts (inpage/*.js, joined in name order):
// text (normalising, describing, visibility), shadow (open shadow roots and the
// flat tree), locate (fields, names, resolving a locator), scope (within),
// check (the checks a wait runs), stable (is a box still), intercept (the
// hit-target check of input events), act (what an action finishes in the page)
// and settle (waiting for a check to pass). The parts share one closure, which
// returns the object the Go side calls by its remote id.
//
//go:embed inpage/*.js
var inPageParts embed.FS

// inPageJS is the script: an expression whose value is {run, part}.
var inPageJS = joinParts()

func joinParts() string {
	// The pattern is valid and go:embed fails the build when nothing matches.
	names, _ := fs.Glob(inPageParts, "inpage/*.js")
	var b strings.Builder
	b.WriteString("(() => {\nlet req; // the request being answered\n")
	for _, n := range names { // fs.Glob sorts
		src, _ := inPageParts.ReadFile(n)
		fmt.Fprintf(&b, "// ---- %s\n%s\n", n, src)
	}
	b.WriteString("})()\n//# sourceURL=romaine-inpage.js\n")
	return b.String()
}

// scripts remembers where the in-page script is installed: its object's
// remote id, by document. The object is reachable from no global of the page,
// so the page's JavaScript can neither see nor replace it; it lives as long as
// its document, and a call on it after a navigation fails with "cannot find
// context", which drops it here: the next call installs it in the new
// document. Copies of a Page (InFrame, WithPolicy) share one.
type scripts struct {
	mu       sync.Mutex
	at       map[string]proto.RuntimeRemoteObjectID
	installs int // how many times it was sent, for tests
}

func newScripts() *scripts { return &scripts{at: map[string]proto.RuntimeRemoteObjectID{}} }

// callRun is the one small function sent with each call: the script is not.
const callRun = "function (r) { return this.run(r) }"

// eval runs req in f's document, installing the script there first if needed.
// A script left from an earlier document (the page navigated since) is
// installed again at once, as the call never reached a document.
func (f frameDoc) eval(req request, byObject bool) (*proto.RuntimeRemoteObject, error) {
	for {
		id, cached, err := f.script()
		if err != nil {
			return nil, err
		}
		res, err := proto.RuntimeCallFunctionOn{
			ObjectID:            id,
			FunctionDeclaration: callRun,
			Arguments:           []*proto.RuntimeCallArgument{{Value: gson.New(req)}},
			AwaitPromise:        true,
			ReturnByValue:       !byObject,
		}.Call(f.page)
		if err != nil {
			stale := f.forget(id, err)
			if stale && cached {
				continue
			}
			return nil, err
		}
		if res.ExceptionDetails != nil {
			return nil, &rod.EvalError{RuntimeExceptionDetails: res.ExceptionDetails}
		}
		return res.Result, nil
	}
}

// key names where f's script lives: the session (top page or out-of-process
// frame) and, for a frame in that session, the frame, as for the top page: a
// script whose document has gone fails its next call, which installs it in
// the new one (see forget). Not by document node: an iframe's first document
// can take over the window of its initial about:blank under a new node, and a
// second script sent to one window leaves the first one's hit-target watch
// there to block the second's input events (70-intercept.js).
func (f frameDoc) key() string {
	return fmt.Sprintf("%s/%s", f.page.SessionID, f.frame)
}

// script is the remote id of the script's object in f's document, and
// whether it was installed by an earlier call.
func (f frameDoc) script() (proto.RuntimeRemoteObjectID, bool, error) {
	k := f.key()
	f.scripts.mu.Lock()
	id, ok := f.scripts.at[k]
	f.scripts.mu.Unlock()
	if ok {
		return id, true, nil
	}
	var obj *proto.RuntimeRemoteObject
	var exc *proto.RuntimeExceptionDetails
	if f.doc == 0 {
		res, err := proto.RuntimeEvaluate{Expression: inPageJS}.Call(f.page)
		if err != nil {
			return "", false, err
		}
		obj, exc = res.Result, res.ExceptionDetails
	} else {
		// Called on the frame's document, the function runs in the frame's context.
		doc, err := proto.DOMResolveNode{BackendNodeID: f.doc}.Call(f.page)
		if err != nil {
			return "", false, err
		}
		res, err := proto.RuntimeCallFunctionOn{ObjectID: doc.Object.ObjectID, FunctionDeclaration: "function () { return " + inPageJS + " }"}.Call(f.page)
		if err != nil {
			return "", false, err
		}
		obj, exc = res.Result, res.ExceptionDetails
	}
	if exc != nil {
		return "", false, &rod.EvalError{RuntimeExceptionDetails: exc}
	}
	f.scripts.mu.Lock()
	if len(f.scripts.at) > 100 { // frames' documents left behind: start afresh
		clear(f.scripts.at)
	}
	f.scripts.at[k] = obj.ObjectID
	f.scripts.installs++
	f.scripts.mu.Unlock()
	return obj.ObjectID, false, nil
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
