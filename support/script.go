package support

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/go-rod/rod"
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
// Where it runs: in an isolated world of its own in each frame's document
// (world.go), never in the page's. It shares the DOM with the page's
// JavaScript, not its objects: it calls its own world's built-ins, which the
// page cannot patch or fake, and the page cannot see it: no global, no
// patched prototype, no listener or observer of it in the page's world.
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
