package steps

import (
	"regexp"
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

// Every phrase of the public vocabulary must be registered, word for word.
func TestCatalogCoversSTEPSmd(t *testing.T) {
	phrases := map[string]bool{}
	for _, d := range Catalog() {
		phrases[d.Phrase] = true
		if _, err := regexp.Compile(d.Expr); err != nil {
			t.Errorf("%s: bad expression %q: %v", d.Phrase, d.Expr, err)
		}
	}
	// The phrases of ../shared/STEPS.md (the contract), as written there.
	contract := []string{
		`Given I am on "PATH"`, `When I go to "PATH"`, `Given I am on the NAME page`, `When I reload the page`,
		`When I go back`, `Then I should be on "PATH"`, `Then the page title should be "TEXT"`,
		`When I click "LOCATOR"`, `When I double-click "LOCATOR"`, `When I hover over "LOCATOR"`,
		`When I fill in "LOCATOR" with "VALUE"`, `When I fill in the following:`, `When I clear "LOCATOR"`,
		`When I select "OPTION" from "LOCATOR"`, `When I check "LOCATOR"`, `When I uncheck "LOCATOR"`,
		`When I choose "LOCATOR"`, `When I attach the file "FILE" to "LOCATOR"`, `When I press the "KEY" key`,
		`When I type "TEXT"`, `When I accept the next dialog`, `When I dismiss the next dialog`,
		`Then I should see "TEXT"`, `Then I should not see "TEXT"`, `Then I should see COUNT "SELECTOR" elements`,
		`Then "LOCATOR" should be visible`, `Then "LOCATOR" should not be visible`, `Then "LOCATOR" should be disabled`,
		`Then "LOCATOR" should be enabled`, `Then the "LOCATOR" field should contain "VALUE"`,
		`Then the "LOCATOR" field should be empty`, `Then the "LOCATOR" checkbox should be checked`,
		`Then the "LOCATOR" checkbox should not be checked`,
		`Given a MODEL exists`, `Given an MODEL exists`, `Given a MODEL exists with:`, `Given COUNT MODELs exist`,
		`Given the following MODELs exist:`, `Given a MODEL "NAME" exists`, `Given a MODEL "NAME" exists with:`,
		`When I send a GET request to "PATH"`, `When I send a POST request to "PATH" with:`,
		`When I send a PUT request to "PATH" with:`, `When I send a DELETE request to "PATH"`,
		`Then the response status should be COUNT`, `Then the JSON response at "DIG.PATH" should be "VALUE"`,
		`Then the JSON response should have "DIG.PATH"`, `Then show me the page`,
	}
	for _, p := range contract {
		if !phrases[p] {
			t.Errorf("STEPS.md phrase %q is not in the catalogue", p)
		}
	}
}

// Steps written as STEPS.md shows them must match exactly one core step.
func TestContractLinesMatchOneStep(t *testing.T) {
	lines := []string{
		`I am on "/sign-in"`, `I go to "/inventory"`, `I am on the inventory page`, `I click "Sign in"`,
		`I click "Refund" within the "tr.return" containing "Alice"`, `I click ".remove" within "#cart li.selected"`,
		`I fill in "Email" with "{{customer.email}}"`, `I should see 1 "li.item" element`, `I should see 3 "#cart li" elements`,
		`"Save" should be visible within "#form"`, `the "Email" field should contain "@"`, `a product exists`,
		`an order exists`, `2 products exist`, `a customer "alice" exists`, `the following products exist:`,
		`I send a DELETE request to "/api/products/1"`, `the JSON response at "items.0.name" should be "x"`,
		`I press the "Enter" key`, `I should not see "Loading" within the ".spinner" containing "x"`,
	}
	docs := Catalog()
	for _, l := range lines {
		n := 0
		for _, d := range docs {
			if regexp.MustCompile(d.Expr).MatchString(l) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q matches %d core steps; want exactly 1 (godog reports 0 as undefined and 2+ as ambiguous)", l, n)
		}
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
		clickStep.String(),
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
