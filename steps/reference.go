package steps

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/romaine-bdd/romaine/terrain"
)

// scopeGroup is how a step's expression shows that it accepts a scope.
const scopeGroup = `(?: within`

// scoped reports whether the step may end with a scope (` within "LOCATOR"` or
// ` within the "SELECTOR" containing "TEXT"`).
func scoped(d Doc) bool { return strings.Contains(d.Expr, scopeGroup) }

// WriteReference writes docs/steps.md: an introduction to locators, scopes,
// waiting and {{name.field}}, then every step of Catalog, area by area. The
// output depends only on the catalogue, so it is the same on every run.
func WriteReference(w io.Writer) error {
	docs := Catalog()
	var areas []string
	byArea := map[string][]Doc{}
	for _, d := range docs {
		if _, ok := byArea[d.Area]; !ok {
			areas = append(areas, d.Area)
		}
		byArea[d.Area] = append(byArea[d.Area], d)
	}

	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	cfg := terrain.DefaultConfig()
	p("# Step reference\n\n")
	p("<!-- Generated from steps.Catalog() by  go run ./cmd/romaine-docs > docs/steps.md  Do not edit by hand. -->\n\n")
	p("These are the %d steps every Romaine suite understands. Their phrases are a\n", len(docs))
	p("published contract, listed in [vocabulary.md](vocabulary.md). New to Romaine? Start\n")
	p("with [Writing features](writing-features.md).\n\n")
	p("Contents: [Locators](#locators) · [Scopes](#scopes) · [Waiting](#waiting) ·\n")
	p("[Remembered values](#remembered-values-namefield) · [All steps](#all-steps)")
	for _, a := range areas {
		p(" ·\n[%s](#%s)", a, anchor(a))
	}
	p("\n\n")
	p(intro, cfg.Timeout, cfg.Artifacts)

	p("## All steps\n\n")
	p("| Area | Step | Scope |\n|---|---|---|\n")
	for _, a := range areas {
		for _, d := range byArea[a] {
			scope := "no"
			if scoped(d) {
				scope = "yes"
			}
			p("| %s | [`%s`](#%s) | %s |\n", a, d.Phrase, anchor(d.Phrase), scope)
		}
	}

	for _, a := range areas {
		p("\n## %s\n", a)
		for _, d := range byArea[a] {
			p("\n### `%s`\n\n", d.Phrase)
			p("%s\n\n", prose(d.What))
			p("```gherkin\n%s\n```\n\n", strings.TrimRight(d.Example, "\n"))
			if scoped(d) {
				p("- Scope: yes; it may end with ` within \"LOCATOR\"` or ` within the \"SELECTOR\" containing \"TEXT\"`.\n")
			} else {
				p("- Scope: no.\n")
			}
			p("- Pattern: `%s`\n", d.Expr)
		}
	}
	return b.Flush()
}

var (
	// quotedStep is a step quoted in prose the way the code's messages do it,
	// between two spaces and before a comma or full stop: "as  I go back , in".
	quotedStep = regexp.MustCompile(`  (\S[^\n]*?) ([,.])`)
	// tableShape is a table's shape in prose: "| field | value |".
	tableShape = regexp.MustCompile(`\|(?: [^|]+ \|)+`)
	reference  = regexp.MustCompile(`\{\{[^{}]*\}\}`)
)

// prose renders a Doc's What as Markdown: quoted steps, table shapes and
// {{references}} as code.
func prose(s string) string {
	s = strings.TrimSpace(s)
	s = quotedStep.ReplaceAllString(s, " `$1`$2")
	s = tableShape.ReplaceAllString(s, "`$0`")
	return reference.ReplaceAllString(s, "`$0`")
}

// anchor is the fragment GitHub gives a heading: lower case, letters, digits,
// spaces (as hyphens), hyphens and underscores kept, everything else dropped.
func anchor(heading string) string {
	var s strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			s.WriteRune(r)
		case r == ' ':
			s.WriteRune('-')
		}
	}
	return s.String()
}

// intro is the part of the reference that explains what every step shares. Its
// two verbs are the default timeout and the default artifacts folder.
const intro = `## Locators

A step names an element with a quoted LOCATOR, which is either a selector or
human text.

**Selectors** start with ` + "`css=`, `xpath=`, `//`, `#`, `.` or `[`" + ` (` + "`css=`" + ` and ` + "`xpath=`" + ` are
stripped): ` + "`\"#cart li\"`, `\".remove\"`, `\"css=ul li.done\"`, `\"//button[@name='go']\"`" + `. A bare tag
name such as ` + "`\"form\"`" + ` is *not* a selector; write ` + "`\"css=form\"`" + `.

**Human text** is anything else, matched the way a person reads the page:

- a field (input, textarea, select, contenteditable) by its label text, placeholder,
  aria-label, title, name or id;
- a button (button, input of type submit, button or reset, ` + "`[role=button]`" + `) by its
  text, value, aria-label, title or id;
- a link by its text, aria-label, title or id;
- when none of those matches, any of them by its accessible name, what a
  screen reader announces (an icon button by its image's alt or SVG title, a
  field by an aria-labelledby chain, a label without its hidden hints, a button
  without its aria-hidden icon).

Steps about fields (fill in, clear, select, attach, the field assertions) look only
at fields; check, uncheck and the checkbox assertions only at checkboxes; choose
only at radio buttons. Click, double-click, hover, the visible / disabled / enabled
assertions and ` + "`within \"LOCATOR\"`" + ` look at buttons, links and fields, and when none
matches, at any visible element whose own text matches. ` + "`within \"LOCATOR\"`" + ` also
names groups and regions by their accessible name: a fieldset by its legend, a
table by its caption, a figure by its figcaption, a details by its summary, a
dialog or section by aria-label or aria-labelledby.

Matching is *smart*: an exact match (whitespace-normalised) wins; only when there is
no exact match are case-insensitive substring matches tried. Two or more equally
good visible candidates are not guessed between: the step keeps waiting and then
fails, listing them. Hidden elements never match actions (a checkbox or radio button
styled away behind its visible label is clicked through the label). When nothing
matches, the error names the closest name on the page, if one is close.

**Human text that starts like a selector** (` + "`#1 best seller`, `.NET`, `[draft]`" + `) is
written with the prefix ` + "`text=`" + `: ` + "`\"text=#1 best seller\"`" + `. It is matched as above.

**A double quote** inside a quoted argument is written ` + "`\\\"`" + `:
` + "`Then I should see \"say \\\"hi\\\"\"`" + `. Any other backslash is itself. Table cells
may use ` + "`\\\"`" + ` too; doc strings are taken as written.

**Web components and frames.** Human text and CSS selectors look inside open
shadow roots, at any depth, and visible text includes what shadow roots and their
slots show, in reading order; a scope may be a custom element
(` + "`within \"css=my-dialog\"`" + `). A CSS selector is matched within each tree, as the
browser does (` + "`\"css=my-card h2\"`" + ` does not reach an h2 in my-card's shadow root; scope
instead: ` + "`\"css=h2\" within \"css=my-card\"`" + `). XPath sees the light DOM only. Elements with
an ARIA role (textbox, combobox, listbox, checkbox, switch, radio, button) and
form-associated custom elements are fields and controls like their native kin: a
component's ` + "`label`" + ` attribute, its ` + "`<label for>`" + `, ` + "`aria-labelledby`" + ` or a slotted label
names the control it renders; ` + "`aria-checked`" + `, ` + "`disabled`" + ` and ` + "`aria-disabled`" + ` (on the
control or on the component around it) are read as a person sees them. A page in
an iframe is reached with the suffix ` + "`within the frame \"LOCATOR\"`" + ` (see Frames below).

## Scopes

Every step marked *Scope: yes* below (every step that takes a LOCATOR, and the
text and counting assertions) may end with a scope, and then looks only
inside it:

- ` + "` within \"LOCATOR\"`" + `: any locator, selector or human text, which must name exactly
  one visible element;
- ` + "` within the \"SELECTOR\" containing \"TEXT\"`" + `: the first visible element matching the
  CSS selector SELECTOR whose visible text contains TEXT.

` + "```gherkin" + `
When I click "Remove" within "#cart li.selected"
When I click "Refund" within the ".return" containing "Alice"
Then I should see "Refunded" within the "tr" containing "black sweater"
Then I should see 2 "li" elements within "css=ul.basket"
` + "```" + `

SELECTOR (in the counting step and in ` + "`within the \"SELECTOR\" containing`" + `) is always
a CSS selector, with or without ` + "`css=`" + `: ` + "`\"li.item\"`, `\"#cart li\"`" + `.

## Waiting

No step sleeps for a fixed time, and none needs you to. Every step that looks at the
page waits, up to ROMAINE_TIMEOUT (default %s) per step:

- an action waits until its target is attached, the only match, visible, scrolled
  into view (inside scrolling panels too, and out from under sticky or fixed
  bars), stable (not moving), enabled and not covered by another element (a
  fill does not wait for stable, nor for the field's own decoration laid over
  it: it types through focus, not at a point; a native select is chosen once
  shown and enabled);
- an assertion, positive or negative, retries until it holds;
- a navigation waits for the page to load.

A step that runs out of time fails with what it tried, where, and what it saw last,
for example

    page saved in romaine-artifacts/sign_in/A-wrong-password-is-refused-16, timed out
    after 5s waiting to click "Sign up" (5 attempts): last seen: no button, link,
    field or visible text "Sign up"; closest: "Sign in"

The folder (under ROMAINE_ARTIFACTS, default ` + "`%s`" + `) holds the page's
screenshot, its HTML and its console log.

## Remembered values: {{name.field}}

The factory steps remember every record they make: ` + "`{{product.name}}`" + ` is a field of
the last product made, ` + "`{{alice.email}}`" + ` a field of the record made by
` + "`Given a customer \"alice\" exists`" + `. Fields are the record's attributes as the app
stored them (an ` + "`id`" + ` the app assigned is there too). Domain steps written in Go can
remember records under any name.

Any quoted argument may contain such references, and so may the cells of
` + "`I fill in the following:`" + `, the values of factory tables and the bodies of POST and
PUT requests. An unknown name or field is an error
that lists the names or fields there are.

`
