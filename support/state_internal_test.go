package support

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestUnknownStateIsRefusedAtOnce(t *testing.T) {
	p := &Page{policy: DefaultPolicy()}
	err := p.ExpectState(t.Context(), Loc("Save"), "pressed")
	var le *LocatorError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), `unknown state "pressed": use support.Disabled, Enabled, Checked or Unchecked`) {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkScriptsLoadingCheck measures what the readiness rule (ready.go)
// costs an action on a page that loads no script: the Go-side look at the
// script requests in flight, once per check.
func BenchmarkScriptsLoadingCheck(b *testing.B) {
	e := newPageEvents(nil)
	for range b.N {
		if pending, _, _ := e.scriptsLoading(time.Now().Add(-5 * time.Second)); len(pending) > 0 {
			b.Fatal("no script was loading")
		}
	}
}
