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
	if !errors.As(err, &le) || !strings.Contains(err.Error(), `unknown state "pressed": use disabled, enabled, checked or unchecked`) {
		t.Fatalf("got %v", err)
	}
}
