package support_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// A deadline of the caller's, shorter than the policy's, still gives the typed
// timeout with what the page showed last.
func TestCallersDeadlineKeepsTheReason(t *testing.T) {
	p, ctx := open(t, site{"/": `<button disabled>Save</button>`})
	ctx, cancel := context.WithTimeout(ctx, 700*time.Millisecond)
	defer cancel()
	err := p.WithPolicy(support.Policy{Timeout: 10 * time.Second, Slice: 500 * time.Millisecond}).Click(ctx, support.Loc("Save"))
	var te *support.TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("got %T %v, want a *support.TimeoutError", err, err)
	}
	if !strings.Contains(te.LastState, "found but disabled") {
		t.Errorf("last state %q, want it to say the button is disabled", te.LastState)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("a timeout must wrap context.DeadlineExceeded")
	}
}
