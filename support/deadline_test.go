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
	// Long enough for a first answer on a loaded machine, far below the policy.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
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

// One deadline per step: check waits for the box to be enabled, clicks it, then
// waits for it to show checked. When the first wait takes most of the time and
// the second cannot succeed (the page refuses the change), the step still ends
// at its one deadline, not at the first wait's end plus a whole timeout more.
func TestNestedWaitsShareTheStepDeadline(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<label><input type="checkbox" id="c" disabled> Agree</label><script>
c.addEventListener('click', (e) => { e.preventDefault(); rec('refused'); });
armed.push(() => setTimeout(() => { c.disabled = false; }, 2200));
</script>`})
	const limit = 3 * time.Second
	js(t, p, "arm()")
	before := time.Now()
	err := p.WithPolicy(support.Policy{Timeout: limit, Slice: 500 * time.Millisecond}).SetChecked(ctx, support.Loc("Agree"), true)
	took := time.Since(before)
	te := wantTimeout(t, err, "not checked")
	wantEvents(t, p, "refused")
	// The step's limit is what it reports, and it returned within that limit
	// plus the grace for the page's last answer (two waits of their own would
	// take 2.2 s + 3 s).
	if te.Timeout > limit {
		t.Errorf("the error reports a limit of %s, want at most the step's %s", te.Timeout, limit)
	}
	if bound := limit + support.AnswerGrace + limit/6; took > bound {
		t.Errorf("the step took %s: its waits did not share one deadline (bound %s)", took, bound)
	}
}

// A page that cannot answer for a while (a CPU-starved machine, a long task),
// longer than the step's limit: the step still fails with what the page showed
// once it answered, not with "0 attempts" and nothing seen.
func TestSlowFirstAnswerStillReportsWhatThePageShowed(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<p>Only this</p><script>
armed.push(() => setTimeout(() => { const end = Date.now() + 3500; while (Date.now() < end) {} }, 0));
</script>`})
	js(t, p, "arm()")
	wantTimeout(t, p.ExpectText(ctx, "Something else"), `visible text was: "Only this"`)
}
