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
type point struct{ X, Y float64 }

// enterFrames finds p's frames, outermost first, and returns the rod page that
// runs the innermost frame's document and where its viewport starts in the top
// page's. When a frame is not there yet, it sets a.State (or a.Fatal when the
// locator names something that is not a frame) and returns no page. Each frame
// check waits in its page for at most sliceMs.
func (p *Page) enterFrames(ctx context.Context, sliceMs int64, a *answer) (*rod.Page, point, error) {
	rp := p.rod.Context(ctx)
	var off point
	for i, f := range p.frames {
		where := "frame " + f.String()
		if i > 0 {
			where += " in frame " + p.frames[i-1].String()
		}
		req := request{Check: "frame", SliceMs: sliceMs}.withLocator(f)
		var fa answer
		res, err := rp.Evaluate(rod.Eval(inPageJS, req).ByPromise())
		if err != nil {
			return nil, off, err
		}
		if err := res.Value.Unmarshal(&fa); err != nil {
			return nil, off, err
		}
		if fa.Fatal != "" {
			a.Fatal = where + ": " + fa.Fatal
			return nil, off, nil
		}
		if !fa.OK {
			a.State = where + ": " + fa.State
			return nil, off, nil
		}
		obj, err := rp.Evaluate(rod.Eval(inPageJS, request{Check: "element"}.withLocator(f)).ByObject())
		if err != nil {
			return nil, off, err
		}
		if obj.ObjectID == "" { // gone between the two calls: look again
			a.State = where + ": it went away"
			return nil, off, nil
		}
		el, err := rp.ElementFromObject(obj)
		if err != nil {
			return nil, off, err
		}
		node, err := el.Describe(1, true)
		if err != nil {
			return nil, off, err
		}
		if node.ContentDocument != nil {
			rp, err = el.Frame() // in this process: rod evaluates in its document
		} else {
			// Out of process (cross-origin): its own target, whose id is the frame's.
			// (On a copy with no device: emulation is for top-level targets only.)
			rp, err = p.browser.Context(ctx).NoDefaultDevice().PageFromTarget(proto.TargetTargetID(node.FrameID))
		}
		if err != nil {
			return nil, off, fmt.Errorf("entering %s: %w", where, err)
		}
		rp = rp.Context(ctx)
		off.X, off.Y = off.X+fa.X, off.Y+fa.Y
	}
	return rp, off, nil
}
