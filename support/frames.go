package support

import (
	"context"
	"fmt"
	"slices"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// FrameKind names an <iframe> (or <frame>) by title, name, aria-label or id.
const FrameKind Kind = "frame"

// InFrame returns a view of p whose locating operations (actions and assertions)
// run in the document of the frame f names, found in p's document (or, when p
// is already a frame view, in that frame's: frames nest). The frame is waited
// for like any element, then what is asked is waited for inside it. Same- and
// cross-origin frames work alike; clicks and typing go through the top page, at
// the frame's position, as a person's would.
func (p *Page) InFrame(f Locator) *Page {
	c := *p
	c.frames = append(slices.Clip(p.frames), f.As(FrameKind))
	return &c
}

func (p *Page) framesSuffix() string {
	s := ""
	for i := len(p.frames) - 1; i >= 0; i-- {
		s += " within the frame " + p.frames[i].String()
	}
	return s
}

// point is an offset in CSS pixels of the top page's viewport.
type point struct {
	X, Y float64
	// view is the part of the innermost frame's viewport that the top window
	// shows, in the top page's coordinates (nil outside frames).
	view *[4]float64
}

// visible is the part of the frame's own viewport the top window shows, in
// the frame's coordinates: what an action in it may aim at (nil at the top).
func (o point) visible() *[4]float64 {
	if o.view == nil {
		return nil
	}
	v := *o.view
	return &[4]float64{v[0] - o.X, v[1] - o.Y, v[2] - o.X, v[3] - o.Y}
}

// frameDoc is where a frame's document is evaluated: on the session of page
// (the top page's, or an out-of-process frame's own), in the document doc of
// the frame frame (for a same-process frame; zero for a session's main frame).
type frameDoc struct {
	page    *rod.Page
	doc     proto.DOMBackendNodeID
	frame   proto.PageFrameID
	scripts *scripts
}

// enterFrames finds p's frames, outermost first, and returns where the
// innermost frame's document is evaluated and where its viewport starts in the
// top page's. When a frame is not there yet, it sets a.State (or a.Fatal when
// the locator names something that is not a frame) and returns no page. Each
// frame check waits in its page for at most sliceMs. A frame costs three CDP
// calls: the check, its element, its description.
func (p *Page) enterFrames(ctx context.Context, sliceMs int64, a *answer) (frameDoc, point, error) {
	at := frameDoc{page: p.rod.Context(ctx), scripts: p.scripts}
	var off point
	for i, f := range p.frames {
		where := "frame " + f.String()
		if i > 0 {
			where += " in frame " + p.frames[i-1].String()
		}
		var fa answer
		// Entering a frame is no operation on this document: a change pending here stays.
		res, err := at.eval(request{Check: "frame", SliceMs: sliceMs, Hold: true}.withLocator(f), false)
		if err != nil {
			return frameDoc{}, off, err
		}
		if err := res.Value.Unmarshal(&fa); err != nil {
			return frameDoc{}, off, err
		}
		if fa.Fatal != "" {
			a.Fatal = where + ": " + fa.Fatal
			return frameDoc{}, off, nil
		}
		if !fa.OK {
			a.State = where + ": " + fa.State
			return frameDoc{}, off, nil
		}
		obj, err := at.eval(request{Check: "element"}.withLocator(f), true)
		if err != nil {
			return frameDoc{}, off, err
		}
		if obj.ObjectID == "" { // gone between the two calls: look again
			a.State = where + ": it went away"
			return frameDoc{}, off, nil
		}
		node, err := proto.DOMDescribeNode{ObjectID: obj.ObjectID, Depth: gson1(1), Pierce: true}.Call(at.page)
		if err != nil {
			return frameDoc{}, off, err
		}
		if cd := node.Node.ContentDocument; cd != nil {
			// In this process: its document is reachable from this session.
			at = frameDoc{page: at.page, doc: cd.BackendNodeID, frame: node.Node.FrameID, scripts: p.scripts}
		} else {
			// Out of process (cross-origin, site isolation): a target of its own,
			// whose id is the frame's; on a copy with no device, as emulation is
			// for top-level targets only.
			fp, err := p.browser.Context(ctx).NoDefaultDevice().PageFromTarget(proto.TargetTargetID(node.Node.FrameID))
			if err != nil {
				return frameDoc{}, off, fmt.Errorf("entering %s: %w", where, err)
			}
			at = frameDoc{page: fp.Context(ctx), scripts: p.scripts}
		}
		// What the window shows of this frame: its box in its parent's view,
		// within what the window shows of the parent.
		v := [4]float64{fa.View[0] + off.X, fa.View[1] + off.Y, fa.View[2] + off.X, fa.View[3] + off.Y}
		if off.view != nil {
			v = [4]float64{max(v[0], off.view[0]), max(v[1], off.view[1]), min(v[2], off.view[2]), min(v[3], off.view[3])}
		}
		off.X, off.Y, off.view = off.X+fa.X, off.Y+fa.Y, &v
	}
	return at, off, nil
}
