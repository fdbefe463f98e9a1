package steps

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sync"

	"github.com/romaine-bdd/romaine/support"
)

// registerFrames adds the frame suffix, which any action or assertion may end
// with (after its scope, if any); frames nest, innermost first:
//
//	When STEP within the frame "LOCATOR"
func registerFrames(r registrar) {
	r.Step(`^(.+) within the frame "((?:[^"\\]|\\.)*\\?)"$`, withinFrame)
}

var frameDocs = []Doc{
	{Area: "Frames", Phrase: `When STEP within the frame "LOCATOR"`,
		What:    "Runs an action or assertion inside the iframe LOCATOR names (by title, name, aria-label, id or CSS), same- or cross-origin, with the same waiting: the frame is waited for, then the step inside it. Frames nest: `... within the frame \"Card\" within the frame \"Checkout\"`.",
		Example: `When I click "Pay" within the frame "Payment"`},
}

// framesKey carries the frames a step runs in, outermost first, to do().
type framesKey struct{}

// inFrames is p seen through the frames of ctx.
func inFrames(ctx context.Context, p *support.Page) *support.Page {
	fs, _ := ctx.Value(framesKey{}).([]string)
	for _, f := range fs {
		p = p.InFrame(support.Loc(f))
	}
	return p
}

// withinFrame runs the step `inner` with frame added inside the frames it is
// already in (the suffix nearest the end is the outermost).
func withinFrame(ctx context.Context, inner, frame string) (context.Context, error) {
	s, err := begin(ctx)
	if err != nil {
		return ctx, err
	}
	if err := s.text(&frame); err != nil {
		return ctx, err
	}
	outer, _ := ctx.Value(framesKey{}).([]string)
	h, args, err := frameSteps().match(inner)
	if err != nil {
		return ctx, err
	}
	// The frame is for this step only: the next step starts on the page again.
	_, err = call(context.WithValue(ctx, framesKey{}, append(slices.Clip(outer), frame)), h, args)
	return ctx, err
}

// stepTable is the steps a frame suffix may follow: actions, assertions, and
// the suffix itself (for nested frames).
type stepTable struct{ steps []tableStep }

type tableStep struct {
	re      *regexp.Regexp
	handler any
}

func (t *stepTable) Step(expr, handler any) {
	re, ok := expr.(*regexp.Regexp)
	if !ok {
		re = regexp.MustCompile(expr.(string))
	}
	t.steps = append(t.steps, tableStep{re, handler})
}

// frameSteps is built once: the same for every scenario, and read only.
func frameSteps() *stepTable {
	frameTableOnce.Do(func() {
		frameTable = &stepTable{}
		registerActions(frameTable)
		registerAssertions(frameTable)
		registerFrames(frameTable)
	})
	return frameTable
}

var (
	frameTableOnce sync.Once
	frameTable     *stepTable
)

func (t *stepTable) match(text string) (any, []string, error) {
	for _, s := range t.steps {
		if m := s.re.FindStringSubmatch(text); m != nil {
			return s.handler, m[1:], nil
		}
	}
	return nil, nil, fmt.Errorf("%q is not an action or assertion that can run within a frame (navigation, data and HTTP steps act on the whole page or the app; a step with a table or doc string cannot take the suffix)", text)
}

// call runs a step handler with the step's string arguments, as godog would.
func call(ctx context.Context, h any, args []string) (context.Context, error) {
	fv := reflect.ValueOf(h)
	ft := fv.Type()
	if ft.NumIn() != len(args)+1 {
		return ctx, fmt.Errorf("this step cannot run within a frame: it takes %d arguments, not %d words", ft.NumIn()-1, len(args))
	}
	in := []reflect.Value{reflect.ValueOf(ctx)}
	for i, a := range args {
		if ft.In(i+1).Kind() != reflect.String {
			return ctx, fmt.Errorf("this step cannot run within a frame: its argument %d is not text", i+1)
		}
		in = append(in, reflect.ValueOf(a))
	}
	out := fv.Call(in)
	errOf := func(v reflect.Value) error {
		if v.IsNil() {
			return nil
		}
		return v.Interface().(error)
	}
	switch len(out) {
	case 1:
		return ctx, errOf(out[0])
	case 2:
		return out[0].Interface().(context.Context), errOf(out[1])
	}
	return ctx, nil
}
