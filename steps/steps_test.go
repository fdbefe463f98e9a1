package steps

import (
	"regexp"
	"testing"

	"github.com/romaine-bdd/romaine/terrain"
)

// \" in a quoted argument (or table cell) is a double quote; a doc string, such
// as a JSON body, is taken as written, escapes and all.
func TestEscapedQuotes(t *testing.T) {
	s := &step{sc: &terrain.Scenario{}}
	arg, body := `say \"hi\" in C:\dir\`, `{"text": "say \"hi\""}`
	if err := s.text(&arg); err != nil || arg != `say "hi" in C:\dir\` {
		t.Errorf("argument read as %q (%v)", arg, err)
	}
	if err := s.interpolate(&body); err != nil || body != `{"text": "say \"hi\""}` {
		t.Errorf("doc string read as %q (%v)", body, err)
	}
	re := regexp.MustCompile(`^I should see ` + q + scopeRE + `$`)
	cases := []struct{ line, arg, within string }{
		{`I should see "say \"hi\""`, `say \"hi\"`, ""},
		{`I should see "C:\" within "#files"`, `C:\`, "#files"},
		{`I should see "a\\b" within "text=#1"`, `a\\b`, "text=#1"},
	}
	for _, c := range cases {
		m := re.FindStringSubmatch(c.line)
		if m == nil || m[1] != c.arg || m[2] != c.within {
			t.Errorf("%s: groups %q, want argument %q within %q", c.line, m, c.arg, c.within)
		}
	}
}
