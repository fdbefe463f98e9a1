package support

import (
	"context"
	"time"
)

// A step has one deadline, whatever it waits for inside: the outermost
// operation sets it and every wait nested in it shares it (Capybara's
// outermost-only synchronize), so `fill in` or `check` cannot take twice the
// limit. The clock rides in the context; one step runs in one goroutine.
//
// Every public call of a Page joins the clock on entry (enter), or starts
// one, and so does StartStep for a step of several calls. The context it
// gives has a deadline too, the step's hard limit: no call to the browser is
// made without one, so a browser that stops answering cannot hold a step
// longer than that, whatever the clock's own deadline grows to while a page
// loads.
type stepClock struct {
	start, deadline time.Time
	attempts        int    // in-page checks answered during the step
	last            string // why the last of them did not pass
	rec             *Recording
}

type stepClockKey struct{}

// clock returns the step's clock from ctx, or starts one of p's timeout (or
// the caller's deadline, when that is sooner) and a context that carries it.
func (p *Page) clock(ctx context.Context) (context.Context, *stepClock) {
	if c, ok := ctx.Value(stepClockKey{}).(*stepClock); ok {
		return ctx, c
	}
	start := time.Now()
	c := &stepClock{start: start, deadline: start.Add(p.policy.Timeout), rec: p.events.rec.Load()}
	if d, ok := ctx.Deadline(); ok && d.Before(c.deadline) {
		c.deadline = d
	}
	return context.WithValue(ctx, stepClockKey{}, c), c
}

// enter is where every public call of a Page begins: it joins the step's
// clock in ctx, or starts one whose context ends at the step's hard limit.
// Call done when the call returns.
func (p *Page) enter(ctx context.Context) (_ context.Context, done context.CancelFunc) {
	p.events.rec.Load().usePage()
	if _, ok := ctx.Value(stepClockKey{}).(*stepClock); ok {
		return ctx, func() {}
	}
	ctx, c := p.clock(ctx)
	return context.WithDeadline(ctx, c.start.Add(p.policy.StepLimit()))
}

// StartStep begins one step's deadline: every call of p (and of its copies,
// InFrame and WithPolicy) made with the returned context shares it, as the
// waits inside one call do. A step made of several calls (a table of fields
// to fill, a click and then a check) starts it once, so it takes at most its
// one limit; a call made without it starts its own. cancel ends it.
func (p *Page) StartStep(ctx context.Context) (context.Context, context.CancelFunc) {
	return p.enter(ctx)
}

// StepLimit is the hard limit of one step: no step, whatever it waits for,
// takes longer. A step's waits end by Timeout; a page found loading gets
// Navigation from the start of its load, which may begin as late as the end
// of Timeout; then the page's last answer gets its grace. With the defaults
// it is 5s + 30s + 5s.
func (pol Policy) StepLimit() time.Duration {
	return pol.Timeout + pol.Navigation + firstAnswerGrace + answerGrace
}

// HangLimit is how long a browser may take to open, wipe or close a page
// (NewPage, Pages.Take and Put, Close) before it counts as hung: three step
// timeouts, and at least 15s. Each takes well under a second, but many times
// that on a starved machine, and a healthy browser must never be declared hung.
func (pol Policy) HangLimit() time.Duration {
	return max(3*pol.Timeout, 15*time.Second)
}

// timeout is the step's TimeoutError, with what was seen last.
func (c *stepClock) timeout(op, target string) *TimeoutError {
	return &TimeoutError{Op: op, Target: target, Timeout: c.deadline.Sub(c.start), Attempts: c.attempts, Elapsed: time.Since(c.start), LastState: c.last}
}

// see records one answered check.
func (c *stepClock) see(state string) {
	c.attempts++
	if state != "" {
		c.last = state
	}
	c.rec.attempt(state) // the step's attempt log, when a recording is on
}
