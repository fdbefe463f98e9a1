package support

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// TimeoutError is what a wait that ran out of time returns: what was tried, on
// what, how long, and what the page showed on the last attempt. It wraps
// context.DeadlineExceeded so errors.Is works.
type TimeoutError struct {
	Op        string        // "click", "see text", ...
	Target    string        // the locator with its scopes, or the text looked for
	Timeout   time.Duration // how long the policy allowed
	Attempts  int           // in-page checks answered during the step
	Elapsed   time.Duration // from the start of the step to giving up (a little over Timeout)
	LastState string        // why the last attempt did not pass
}

// Error says what was waited for, for how long, and what the page last showed.
func (e *TimeoutError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "timed out after %s waiting to %s", e.Timeout.Round(10*time.Millisecond), e.Op)
	if e.Target != "" {
		b.WriteString(" " + e.Target)
	}
	fmt.Fprintf(&b, " (%d attempts)", e.Attempts)
	if e.LastState != "" {
		b.WriteString(": last seen: " + e.LastState)
	}
	return b.String()
}

// Unwrap gives context.DeadlineExceeded.
func (e *TimeoutError) Unwrap() error { return context.DeadlineExceeded }

// LocatorError is a failure that waiting cannot fix: a malformed selector, an
// action on the wrong sort of element.
type LocatorError struct {
	Op     string // what was attempted: "click", "fill", ...
	Target string // the locator with its scopes
	Reason string // what is wrong and what would be right
}

// Error reads "cannot OP TARGET: REASON".
func (e *LocatorError) Error() string {
	return fmt.Sprintf("cannot %s %s: %s", e.Op, e.Target, e.Reason)
}

// NavigationError is a page load that did not finish within the navigation
// limit, with how far it got.
type NavigationError struct {
	What  string        // "going to http://...", "reloading the page", ...
	Limit time.Duration // the policy's Navigation
	State string        // how far the load got
}

// Error says what load did not finish, within what limit, and how far it got.
func (e *NavigationError) Error() string {
	return fmt.Sprintf("%s: the page did not load within %s (the page-load limit, ROMAINE_NAVIGATION_TIMEOUT; it is separate from ROMAINE_TIMEOUT, the limit of element waits): by then %s",
		e.What, e.Limit.Round(10*time.Millisecond), e.State)
}

// Unwrap gives context.DeadlineExceeded.
func (e *NavigationError) Unwrap() error { return context.DeadlineExceeded }
