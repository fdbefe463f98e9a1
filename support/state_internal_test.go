package support

import (
	"errors"
	"strings"
	"testing"
)

func TestUnknownStateIsRefusedAtOnce(t *testing.T) {
	p := &Page{policy: DefaultPolicy()}
	err := p.ExpectState(t.Context(), Loc("Save"), "pressed")
	var le *LocatorError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), `unknown state "pressed": use support.Disabled, Enabled, Checked or Unchecked`) {
		t.Fatalf("got %v", err)
	}
}
