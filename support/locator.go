package support

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Kind says what sort of element a human-text locator names. Selectors ignore it.
type Kind string

const (
	// AnyKind, the zero Kind: a button, link or field, then any visible element
	// whose text matches (click, double-click, hover, visibility and scopes).
	AnyKind Kind = ""
	// FieldKind: input, textarea, select or contenteditable, by label, placeholder,
	// aria-label, title, name or id.
	FieldKind Kind = "field"
	// CheckboxKind: a checkbox field (or role checkbox or switch).
	CheckboxKind Kind = "checkbox"
	// RadioKind: a radio button (or role radio).
	RadioKind Kind = "radio"
	// ButtonKind: a button only (button, input button, role button).
	ButtonKind Kind = "button"
	// LinkKind: a link only.
	LinkKind Kind = "link"
	// ControlKind: a button, link or field, never plain text (what can be
	// enabled or disabled).
	ControlKind Kind = "control"
)

// Scope narrows where a locator looks. Exactly one form is set: Locator (any
// locator, which must name one visible element) or Selector with Containing (the
// first visible element matching the CSS selector whose text contains Containing).
type Scope struct {
	Locator    string `json:"locator,omitempty"`    // any locator naming one visible element
	Selector   string `json:"selector,omitempty"`   // a CSS selector (with Containing)
	Containing string `json:"containing,omitempty"` // text the Selector's element must contain
}

// Within is the scope ` within "LOCATOR"`.
func Within(locator string) Scope { return Scope{Locator: locator} }

// WithinContaining is the scope ` within the "SELECTOR" containing "TEXT"`.
func WithinContaining(selector, text string) Scope {
	return Scope{Selector: selector, Containing: text}
}

// MarshalJSON sends the scope to the page with its locator as the page reads it
// (see pageQuery).
func (s Scope) MarshalJSON() ([]byte, error) {
	type plain Scope // without this method
	p := plain(s)
	p.Locator = pageQuery(s.Locator)
	return json.Marshal(p)
}

// String is the scope as a step writes it, for messages.
func (s Scope) String() string {
	if s.Selector != "" {
		return fmt.Sprintf("within the %q containing %q", s.Selector, s.Containing)
	}
	return fmt.Sprintf("within %q", s.Locator)
}

// Locator is a lazy reference to an element: it is resolved again, in the page, on
// every attempt, so a re-rendered node is never stale.
type Locator struct {
	Query  string  // a selector (css=, xpath=, //, #, ., [) or human text (text= forces it)
	Kind   Kind    // what human text may match; the zero value is AnyKind
	Scopes []Scope // outermost first
}

// Loc builds a locator of kind AnyKind, looking inside scopes (outermost first).
func Loc(query string, scopes ...Scope) Locator {
	return Locator{Query: query, Scopes: scopes}
}

// As returns a copy of l that matches only elements of kind k.
func (l Locator) As(k Kind) Locator { l.Kind = k; return l }

// textPrefix marks a locator as human text even when it starts like a selector:
// "text=#1 best seller", "text=.NET".
const textPrefix = "text="

// pageQuery is a locator's query as the in-page script reads it. The script
// takes a query that starts with a selector prefix as a selector, and trims
// human text before matching it; so human text written with text= loses the
// prefix and, when it would read as a selector, gains a leading space.
func pageQuery(q string) string {
	text, ok := strings.CutPrefix(q, textPrefix)
	if !ok {
		return q
	}
	if isSelector(text) {
		return " " + text
	}
	return text
}

// isSelector reports whether s is written as a selector rather than human text.
func isSelector(s string) bool {
	for _, p := range []string{"css=", "xpath=", "//", "#", ".", "["} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// kind is the kind as the in-page script spells it.
func (l Locator) kind() Kind {
	if l.Kind == AnyKind {
		return "any"
	}
	return l.Kind
}

// String is the locator as messages quote it: the query, then its scopes.
func (l Locator) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q", l.Query)
	for _, s := range l.Scopes {
		b.WriteString(" " + s.String())
	}
	return b.String()
}
