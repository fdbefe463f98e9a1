package steps

import (
	"testing"
)

func TestSuggest(t *testing.T) {
	cases := []struct {
		reason, text, want string
	}{
		{"a typo in a word", `I clik "Sign in"`, `When I click "LOCATOR"`},
		{"a missing letter", `I should se "Inventory"`, `Then I should see "TEXT"`},
		{"a missing word", `I fill "Email" with "a@b.c"`, `When I fill in "LOCATOR" with "VALUE"`},
		{"a wrong count word", `I should see 3 "li" element`, `Then I should see COUNT "SELECTOR" elements`},
		{"a title phrase slightly off", `the title should be "Shop"`, `Then the page title should be "TEXT"`},
	}
	for _, c := range cases {
		got := Suggest(c.text, nil)
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%s: Suggest(%q) = %q, want %q first", c.reason, c.text, got, c.want)
		}
	}
	if got := Suggest(`the spaceship lands on the moon`, nil); len(got) != 0 {
		t.Errorf("a step unlike any other got suggestions: %q", got)
	}
}

// Domain steps are suggested too, by the words of their expressions; core steps
// keep their documented phrase when they are among the defined ones.
func TestSuggestCoversDomainSteps(t *testing.T) {
	defined := []string{
		`^I am signed in as (the store owner|a customer)$`,
		`^I have (?P<COUNT>\S+) (?P<COLOUR>\S+) (?P<ITEMS>\S+) in stock$`,
		`^(?:he|she|they) returns? the (\S+) for a refund$`,
		`^the basket holds "([^"]*)"$`,
		`^I click ` + q + scopeRE + `$`,
	}
	cases := []struct {
		reason, text, want string
	}{
		{"a typo in an alternative", `I am signed in as the store ownr`, `I am signed in as (the store owner|a customer)`},
		{"a missing word among named groups", `I have 3 black sweaters stock`, `I have COUNT COLOUR ITEMS in stock`},
		{"an optional letter and a wildcard", `she return the sweater for refund`, `(he|she|they) returns the ... for a refund`},
		{"a quoted argument", `the basket hold "socks"`, `the basket holds "..."`},
		{"a core step among the defined", `I clik "Sign in"`, `When I click "LOCATOR"`},
	}
	for _, c := range cases {
		got := Suggest(c.text, defined)
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%s: Suggest(%q) = %q, want %q first", c.reason, c.text, got, c.want)
		}
	}
	if got := Suggest(`I should see "x"`, defined[:4]); len(got) != 0 {
		t.Errorf("a core step that is not defined was suggested: %q", got)
	}
}
