package film

import "strings"

// What an element's rule in a snapshot says: each computed property that
// differs from what the element would have without the rule (see styles.go).

// element is what declarations need to know of an element.
type element struct {
	name   string // lower case for HTML elements
	html   bool   // an HTML element (not SVG or MathML)
	typ    string // an input's type
	native bool   // a form control drawn by the browser's own theme
}

// control reports whether e is a form control the browser draws itself.
func (e element) control() bool {
	return e.html && (e.name == "input" || e.name == "select" || e.name == "textarea" || e.name == "button")
}

// look is a form control's border and background as the browser's own
// stylesheet gives them: while a control keeps them, the browser draws it
// with its theme; a control whose page restyled them is drawn from its styles.
type look struct{ width, style, color, background, radius string }

// defaultLook is Chromium's look of each kind of form control
// (TestFormControlLooks checks them).
func defaultLook(e element) (look, bool) {
	switch e.name {
	case "select":
		return look{"1px", "solid", "rgb(118, 118, 118)", "rgb(239, 239, 239)", "0px"}, true
	case "button":
		return look{"2px", "outset", "rgb(0, 0, 0)", "rgb(239, 239, 239)", "0px"}, true
	case "textarea":
		return look{"1px", "solid", "rgb(118, 118, 118)", "rgb(255, 255, 255)", "0px"}, true
	}
	switch e.typ {
	case "checkbox":
		return look{"0px", "none", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)", "0px"}, true
	case "radio":
		return look{"0px", "none", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)", "50%"}, true
	case "submit", "reset", "button":
		return look{"2px", "outset", "rgb(0, 0, 0)", "rgb(239, 239, 239)", "0px"}, true
	case "", "text", "search", "email", "password", "tel", "url", "number", "date", "time", "datetime-local", "month", "week":
		return look{"2px", "inset", "rgb(118, 118, 118)", "rgb(255, 255, 255)", "0px"}, true
	}
	return look{}, false // range, color, file, image: drawn from their styles
}

// nativeLook reports whether a control kept the look of its kind.
func (w *doc) nativeLook(own []string, e element) bool {
	l, ok := defaultLook(e)
	if !ok || own[appearanceIndex] == "none" || own[backgroundImageIndex] != "none" || own[backgroundIndex] != l.background {
		return false
	}
	// A shorthand's value is one value where its four sides agree.
	return own[border.width] == l.width && own[border.style] == l.style && own[border.color] == l.color && own[border.radius] == l.radius
}

// declarations is an element's rule. A form control drawn with the
// browser's theme is not reset (the reset would take the theme away): its
// rule states every property but its border and background, which are the
// theme's.
func declarations(own, parent []string, e element) string {
	color := own[colorIndex]
	block := own[overflowIndex] == "visible" && !e.replaced() &&
		(own[positionIndex] == "static" || own[positionIndex] == "relative" || own[positionIndex] == "sticky")
	var b strings.Builder
	for k, p := range properties {
		v := own[k]
		if v == "" {
			continue
		}
		switch {
		case e.native && (strings.HasPrefix(p.name, "border-") && p.name != "border-collapse" && p.name != "border-spacing" || strings.HasPrefix(p.name, "background-")):
			continue
		case e.native:
		case p.inherited && parent != nil && e.html && e.name != "html" && v == parent[k]:
			continue
		case !p.inherited && (v == p.initial || p.initial == currentColor && v == color):
			continue
		case p.name == "transform-origin" && own[transformIndex] == "none":
			continue
		case strings.HasPrefix(p.name, "outline-") && p.name != "outline-style" && own[outlineIndex] == "none":
			continue
		}
		if k == heightIndex && block {
			// A height the content gave would stop a last child's margin
			// from collapsing through: at least this high, as it was.
			if own[minHeightIndex] == "0px" || own[minHeightIndex] == "auto" {
				declare(&b, "min-height", v)
			}
			continue
		}
		if strings.Contains(v, "url(") && !dataURLsOnly(v) {
			continue // the page's images are not in the snapshot
		}
		declare(&b, p.name, v)
	}
	return b.String()
}

// replaced reports whether e is drawn as a replaced element, whose height is its own.
func (e element) replaced() bool {
	if !e.html {
		return true
	}
	switch e.name {
	case "img", "video", "canvas", "iframe", "embed", "object", "input", "select", "textarea", "button", "audio", "progress", "meter":
		return true
	}
	return false
}

// inherited is every inherited property of st, as declarations.
func inherited(st []string) string {
	var b strings.Builder
	for k, p := range properties {
		if p.inherited && st[k] != "" {
			declare(&b, p.name, st[k])
		}
	}
	return b.String()
}

func declare(b *strings.Builder, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteString("; ")
}

// dataURLsOnly reports whether every url(...) in a computed value is a data: URL.
func dataURLsOnly(v string) bool {
	for {
		i := strings.Index(v, "url(")
		if i < 0 {
			return true
		}
		v = strings.TrimLeft(v[i+4:], `"' `)
		if !strings.HasPrefix(v, "data:") {
			return false
		}
	}
}

// Where some properties are in properties (and so in each element's values).
var (
	colorIndex, transformIndex, outlineIndex = indexOf("color"), indexOf("transform"), indexOf("outline-style")
	heightIndex, minHeightIndex              = indexOf("height"), indexOf("min-height")
	overflowIndex                            = indexOf("overflow")
	positionIndex, appearanceIndex           = indexOf("position"), indexOf("appearance")
	backgroundIndex, backgroundImageIndex    = indexOf("background-color"), indexOf("background-image")
	markerProperties                         = []int{colorIndex, indexOf("font-size"), indexOf("font-weight"), indexOf("font-family")}
	border                                   = struct{ width, style, color, radius int }{
		indexOf("border-width"), indexOf("border-style"), indexOf("border-color"), indexOf("border-radius"),
	}
)

func indexOf(name string) int {
	for i, p := range properties {
		if p.name == name {
			return i
		}
	}
	panic("film: no property " + name)
}
