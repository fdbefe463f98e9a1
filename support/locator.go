package support

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Kind says what sort of element a human-text locator names. Selectors ignore it.
type Kind string

const (
	// AnyKind: a button, link or field, then any visible element whose text matches
	// (click, double-click, hover, visibility and scopes).
	AnyKind Kind = "any"
	// FieldKind: input, textarea, select or contenteditable, by label, placeholder,
	// aria-label, title, name or id.
	FieldKind Kind = "field"
	// CheckboxKind and RadioKind are fields of that type.
	CheckboxKind Kind = "checkbox"
	RadioKind    Kind = "radio"
	// ButtonKind and LinkKind restrict matching to those controls.
	ButtonKind Kind = "button"
	LinkKind   Kind = "link"
	// ControlKind: a button, link or field, never plain text (what can be
	// enabled or disabled).
	ControlKind Kind = "control"
)

// Scope narrows where a locator looks. Exactly one form is set: Locator (any
// locator, which must name one visible element) or Selector with Containing (the
// first visible element matching the CSS selector whose text contains Containing).
type Scope struct {
	Locator    string `json:"locator,omitempty"`
	Selector   string `json:"selector,omitempty"`
	Containing string `json:"containing,omitempty"`
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
	Kind   Kind    // what human text may match; AnyKind when empty
	Scopes []Scope // outermost first
}

// Loc builds a locator of kind AnyKind.
func Loc(query string, scopes ...Scope) Locator {
	return Locator{Query: query, Kind: AnyKind, Scopes: scopes}
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
	if IsSelector(text) {
		return " " + text
	}
	return text
}

// IsSelector reports whether s is written as a selector rather than human text.
func IsSelector(s string) bool {
	for _, p := range []string{"css=", "xpath=", "//", "#", ".", "["} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func (l Locator) kind() Kind {
	if l.Kind == "" {
		return AnyKind
	}
	return l.Kind
}

func (l Locator) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q", l.Query)
	for _, s := range l.Scopes {
		b.WriteString(" " + s.String())
	}
	return b.String()
}
