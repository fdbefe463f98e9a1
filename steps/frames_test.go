package steps

import (
	"reflect"
	"strings"
	"testing"
)

// The frame suffix hands the step before it to the action or assertion it
// names; a nested suffix is handed to the suffix again, so the last one is the
// outermost frame.
func TestFrameSuffixFindsTheInnerStep(t *testing.T) {
	cases := []struct {
		text    string
		handler any
		args    []string
	}{
		{`I click "Pay"`, nil, []string{"Pay", "", "", ""}},
		{`I should see "Paid" within "#status"`, nil, []string{"Paid", "#status", "", ""}},
		{`I click "Pay" within the frame "Card"`, withinFrame, []string{`I click "Pay"`, "Card"}},
	}
	for _, c := range cases {
		h, args, err := frameSteps().match(c.text)
		if err != nil {
			t.Fatalf("%s: %v", c.text, err)
		}
		if !reflect.DeepEqual(args, c.args) {
			t.Errorf("%s: args %q, want %q", c.text, args, c.args)
		}
		if c.handler != nil && reflect.ValueOf(h).Pointer() != reflect.ValueOf(c.handler).Pointer() {
			t.Errorf("%s: not handed to the frame suffix again", c.text)
		}
	}
	for _, text := range []string{`I am on "/checkout"`, `I reload the page`} {
		if _, _, err := frameSteps().match(text); err == nil || !strings.Contains(err.Error(), "not an action or assertion that can run within a frame") {
			t.Errorf("%s: want an error saying the step cannot run in a frame, got %v", text, err)
		}
	}
}
