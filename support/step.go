package support

import (
	"context"
	"time"
)

// A step has one deadline, whatever it waits for inside: the outermost
// operation sets it and every wait nested in it shares it (Capybara's
// outermost-only synchronize), so `fill in` or `check` cannot take twice the
// limit. The clock rides in the context; one step runs in one goroutine.
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
