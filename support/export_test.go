package support

import (
	"context"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
	"github.com/ysmood/gson"
)

// ClickSplit clicks (check: checks) the element l names as Click (SetChecked)
// does, running between() in a gap of each attempt: after the check and before
// the press (beforePress), or after the press and before its release. It makes
// certain for a test what a page's timer may do in that gap.
func ClickSplit(ctx context.Context, p *Page, l Locator, check, beforePress bool, between func()) error {
	op, req := "click", request{}
	if check {
		op, req, l = "check", request{Then: "checked-state", Want: true}, l.As(CheckboxKind)
	}
	ctx, done := p.enter(ctx)
	defer done()
	_, err := p.actWithInput(ctx, op, l, req, "mouse", "click", func(ctx context.Context, a answer) error {
		if err := p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseMoved, a.X, a.Y, 0); err != nil {
			return err
		}
		if beforePress {
			between()
		}
		if err := p.mouse(ctx, proto.InputDispatchMouseEventTypeMousePressed, a.X, a.Y, 1); err != nil {
			return err
		}
		if !beforePress {
			between()
		}
		return p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseReleased, a.X, a.Y, 1)
	})
	if err != nil || !check {
		return err
	}
	_, err = p.wait(ctx, op, l.String(), request{Check: "state", Prop: "checked"}.withLocator(l))
	return err
}

// AnswerGrace is how long past the deadline the page's last answer is awaited.
const AnswerGrace = answerGrace

// HoverSplit hovers over the element l names as Hover does, running between()
// after each check and before the mouse moves.
func HoverSplit(ctx context.Context, p *Page, l Locator, between func()) error {
	ctx, done := p.enter(ctx)
	defer done()
	_, err := p.actWithInput(ctx, "hover over", l, request{}, "hover", "", func(ctx context.Context, a answer) error {
		between()
		return p.mouse(ctx, proto.InputDispatchMouseEventTypeMouseMoved, a.X, a.Y, 0)
	})
	return err
}

// NavigateBy navigates as Visit, Reload and Back do, with nav starting the
// navigation: a test can make nav answer as the browser does under a race.
func NavigateBy(ctx context.Context, p *Page, what string, nav func(*rod.Page) error) error {
	ctx, done := p.enter(ctx)
	defer done()
	return p.navigateBy(ctx, what, nav)
}

// InPage calls fn, a JavaScript function declaration, with this set to the
// in-page script's object in p's top document (installing it if needed), and
// returns what fn returns.
func InPage(ctx context.Context, p *Page, fn string) (gson.JSON, error) {
	ctx, done := p.enter(ctx)
	defer done()
	at := frameDoc{page: p.rod.Context(ctx), scripts: p.scripts}
	id, _, err := at.script()
	if err != nil {
		return gson.JSON{}, err
	}
	res, err := proto.RuntimeCallFunctionOn{ObjectID: id, FunctionDeclaration: fn, ReturnByValue: true, AwaitPromise: true}.Call(at.page)
	if err != nil {
		return gson.JSON{}, err
	}
	if res.ExceptionDetails != nil {
		return gson.JSON{}, &rod.EvalError{RuntimeExceptionDetails: res.ExceptionDetails}
	}
	return res.Result.Value, nil
}

// ScriptInstalls is how many times the in-page script was sent to p's documents.
func ScriptInstalls(p *Page) int {
	p.scripts.mu.Lock()
	defer p.scripts.mu.Unlock()
	return p.scripts.installs
}

// ScriptListeners counts the event listeners on the window and the document
// as the script's own world sees them (DOMDebugger lists a world's own).
func ScriptListeners(ctx context.Context, p *Page) (int, error) {
	at := frameDoc{page: p.rod.Context(ctx), scripts: p.scripts}
	id, _, err := at.script()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, expr := range []string{"window", "document"} {
		res, err := proto.RuntimeCallFunctionOn{ObjectID: id, FunctionDeclaration: "function () { return " + expr + " }"}.Call(at.page)
		if err != nil {
			return 0, err
		}
		ls, err := proto.DOMDebuggerGetEventListeners{ObjectID: res.Result.ObjectID}.Call(at.page)
		if err != nil {
			return 0, err
		}
		n += len(ls.Listeners)
	}
	return n, nil
}

// WithoutReadiness returns a copy of p whose actions do not wait for the
// page's scripts (ready.go), for the benchmark that measures that wait.
func WithoutReadiness(p *Page) *Page {
	c := *p
	c.skipReady = true
	return &c
}

// ForgetScripts makes p forget where the in-page script is installed, as if
// each document were found anew: the next call installs it again, in
// documents that may already hold it.
func ForgetScripts(p *Page) {
	p.scripts.mu.Lock()
	defer p.scripts.mu.Unlock()
	clear(p.scripts.at)
}
