package conformance_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/romaine-bdd/romaine/support"
)

// step is one thing a person does or checks, written as a feature would say
// it (for messages), and done through the support layer.
type step struct {
	text string
	do   func(context.Context, *support.Page) error
}

// L is a locator: human text or a selector, within the scopes that follow
// (outermost first), as ` within "SCOPE"` says.
func L(q string, within ...string) support.Locator {
	var scopes []support.Scope
	for _, w := range within {
		scopes = append(scopes, support.Within(w))
	}
	return support.Loc(q, scopes...)
}

// loc takes a string (human text or selector) or a support.Locator.
func loc(l any) support.Locator {
	switch v := l.(type) {
	case support.Locator:
		return v
	case string:
		return support.Loc(v)
	}
	panic(fmt.Sprintf("a locator is a string or a support.Locator, not %T", l))
}

func said(verb string, l any, rest ...string) string {
	s := fmt.Sprintf("%s %s", verb, loc(l))
	if len(rest) > 0 {
		s += " " + strings.Join(rest, " ")
	}
	return s
}

func click(l any) step {
	return step{said("click", l), func(ctx context.Context, p *support.Page) error { return p.Click(ctx, loc(l)) }}
}

// clickAs clicks l matched only as kind k (a link, a button).
func clickAs(l any, k support.Kind) step {
	return step{said("click the "+string(k), l), func(ctx context.Context, p *support.Page) error { return p.Click(ctx, loc(l).As(k)) }}
}

func dblclick(l any) step {
	return step{said("double-click", l), func(ctx context.Context, p *support.Page) error { return p.DoubleClick(ctx, loc(l)) }}
}

func hover(l any) step {
	return step{said("hover over", l), func(ctx context.Context, p *support.Page) error { return p.Hover(ctx, loc(l)) }}
}

func fill(l any, v string) step {
	return step{said("fill in", l, "with", fmt.Sprintf("%q", v)), func(ctx context.Context, p *support.Page) error { return p.Fill(ctx, loc(l), v) }}
}

func empty(l any) step {
	return step{said("clear", l), func(ctx context.Context, p *support.Page) error { return p.Clear(ctx, loc(l)) }}
}

func check(l any) step {
	return step{said("check", l), func(ctx context.Context, p *support.Page) error { return p.SetChecked(ctx, loc(l), true) }}
}

func uncheck(l any) step {
	return step{said("uncheck", l), func(ctx context.Context, p *support.Page) error { return p.SetChecked(ctx, loc(l), false) }}
}

func choose(l any) step {
	return step{said("choose", l), func(ctx context.Context, p *support.Page) error { return p.Choose(ctx, loc(l)) }}
}

func pick(option string, l any) step {
	return step{said(fmt.Sprintf("select %q from", option), l), func(ctx context.Context, p *support.Page) error { return p.Select(ctx, loc(l), option) }}
}

func attach(file string, l any) step {
	return step{said("attach the file "+file+" to", l), func(ctx context.Context, p *support.Page) error {
		return p.AttachFile(ctx, loc(l), filepath.Join("testdata", file))
	}}
}

func press(key string) step {
	return step{"press " + key, func(ctx context.Context, p *support.Page) error { return p.Press(ctx, key) }}
}

// moveOn is a person leaving the field they filled (Tab): a fill fires no
// change of its own, the browser fires it then, as for a person.
var moveOn = step{"press Tab to move on", func(ctx context.Context, p *support.Page) error { return p.Press(ctx, "Tab") }}

func typeText(s string) step {
	return step{fmt.Sprintf("type %q", s), func(ctx context.Context, p *support.Page) error { return p.Type(ctx, s) }}
}

// see and notSee take the scopes of ` within "LOCATOR"`.
func see(text string, within ...string) step {
	return step{fmt.Sprintf("see %q", text), func(ctx context.Context, p *support.Page) error { return p.ExpectText(ctx, text, scopes(within)...) }}
}

func notSee(text string, within ...string) step {
	return step{fmt.Sprintf("not see %q", text), func(ctx context.Context, p *support.Page) error { return p.ExpectNoText(ctx, text, scopes(within)...) }}
}

func scopes(within []string) []support.Scope {
	var out []support.Scope
	for _, w := range within {
		out = append(out, support.Within(w))
	}
	return out
}

func visible(l any) step {
	return step{said("see visible", l), func(ctx context.Context, p *support.Page) error { return p.ExpectVisible(ctx, loc(l)) }}
}

func hidden(l any) step {
	return step{said("see hidden", l), func(ctx context.Context, p *support.Page) error { return p.ExpectHidden(ctx, loc(l)) }}
}

func count(selector string, n int) step {
	return step{fmt.Sprintf("see %d %q", n, selector), func(ctx context.Context, p *support.Page) error { return p.ExpectCount(ctx, support.Loc(selector), n) }}
}

func value(l any, v string) step {
	return step{said("see the field", l, "holding", fmt.Sprintf("%q", v)), func(ctx context.Context, p *support.Page) error { return p.ExpectValue(ctx, loc(l), v) }}
}

func state(s support.State) func(l any) step {
	return func(l any) step {
		return step{said("see "+string(s), l), func(ctx context.Context, p *support.Page) error { return p.ExpectState(ctx, loc(l), s) }}
	}
}

var (
	disabled  = state(support.Disabled)
	enabled   = state(support.Enabled)
	checked   = state(support.Checked)
	unchecked = state(support.Unchecked)
)

func onPath(path string) step {
	return step{"be on " + path, func(ctx context.Context, p *support.Page) error { return p.ExpectPath(ctx, path) }}
}

// inFrame runs s inside the frame named f (and the frames after it, inner last).
func inFrame(s step, frames ...string) step {
	return step{s.text + " within the frame " + strings.Join(frames, " > "), func(ctx context.Context, p *support.Page) error {
		for _, f := range frames {
			p = p.InFrame(support.Loc(f))
		}
		return s.do(ctx, p)
	}}
}

// arm starts the delays the page queued with later(): what it does a moment
// after this step, the next step must wait for.
var arm = step{"arm the page's delays", func(ctx context.Context, p *support.Page) error {
	_, err := p.Rod().Context(ctx).Eval(`() => arm()`)
	return err
}}
