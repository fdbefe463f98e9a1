package support

import (
	"github.com/go-rod/rod/lib/proto"
	"github.com/ysmood/gson"
)

// pageState is what the page's own world says of a custom element: what its
// value and checked answer there (a getter of the element's class, or a
// property the page set on it), which the script's isolated world cannot see.
// It is read for one node, only when a check asks for it (inpage/45-page.js).
type pageState struct {
	Value   *string `json:"value"`
	Checked bool    `json:"checked"`
}

// readStateJS runs in the page's world, on the element: it reads the two
// properties and builds the answer with the language alone (no call to a
// built-in the page may have replaced).
const readStateJS = `function () {
  const v = this.value, c = this.checked;
  return { value: typeof v === 'string' ? v : typeof v === 'number' ? '' + v : null, checked: c === true };
}`

// askGroup holds the remote objects an ask makes, released together after it.
const askGroup = "romaine-ask"

// pageState reads, in the page's world of f's document, the state of the
// element the script last asked about: the element as the script's world
// holds it, its backend node, the same node in the page's world
// (DOM.resolveNode with no context is the frame's main world), and the
// properties read there.
func (f frameDoc) pageState() (*pageState, error) {
	id, _, err := f.script()
	if err != nil {
		return nil, err
	}
	defer func() { _ = proto.RuntimeReleaseObjectGroup{ObjectGroup: askGroup}.Call(f.page) }()
	el, err := proto.RuntimeCallFunctionOn{ObjectID: id, FunctionDeclaration: callRun, ObjectGroup: askGroup,
		Arguments: []*proto.RuntimeCallArgument{{Value: gson.New(request{Check: "asked"})}}}.Call(f.page)
	if err != nil {
		return nil, err
	}
	if el.Result.ObjectID == "" { // gone since: the next check finds what is there now
		return &pageState{}, nil
	}
	node, err := proto.DOMDescribeNode{ObjectID: el.Result.ObjectID}.Call(f.page)
	if err != nil {
		return nil, err
	}
	main, err := proto.DOMResolveNode{BackendNodeID: node.Node.BackendNodeID, ObjectGroup: askGroup}.Call(f.page)
	if err != nil {
		return nil, err
	}
	res, err := proto.RuntimeCallFunctionOn{ObjectID: main.Object.ObjectID, FunctionDeclaration: readStateJS, ReturnByValue: true}.Call(f.page)
	if err != nil {
		return nil, err
	}
	var st pageState
	if res.ExceptionDetails != nil { // the page's getter threw: it tells nothing
		return &st, nil
	}
	return &st, res.Result.Value.Unmarshal(&st)
}
