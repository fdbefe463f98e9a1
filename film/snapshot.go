package film

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-rod/rod/lib/proto"
)

// A step's DOM snapshot: DOMSnapshot.captureSnapshot, taken by the browser
// (no script runs in any world of the page: a page that patches built-ins
// cannot spoil it), turned here into one HTML document that renders offline
// as the page looked:
//
//   - the flat tree, as the browser laid it out: shadow roots (open and
//     closed) are drawn in place, slotted nodes where their slot put them;
//   - each element's computed style, written as a rule of a stylesheet of the
//     snapshot's own (identical styles share one), under a reset that unsets
//     whatever the browser's default styles would add; the page's own
//     stylesheets, however they were made (linked, adopted, CSS-in-JS rules
//     inserted by script), are not needed, nor fetched;
//   - ::before and ::after as spans with their text; form fields with the
//     values they held; same-origin frames as nested srcdoc documents;
//     scroll offsets in data-romaine-scroll (the report scrolls to them);
//   - nothing that runs or fetches: no script, no link, no base, no
//     meta refresh, no event handler attribute; an image or a media source
//     from the network keeps its size but not its source (data-romaine-src),
//     an out-of-process frame is named, not shown.

// snapshotParams asks for what snapshotHTML needs.
func snapshotParams() proto.DOMSnapshotCaptureSnapshot {
	names := make([]string, len(properties))
	for i, p := range properties {
		names[i] = p.name
	}
	return proto.DOMSnapshotCaptureSnapshot{ComputedStyles: names, IncludeDOMRects: true}
}

// snapshotHTML turns a raw DOMSnapshot.captureSnapshot answer into the HTML
// of its first document (the page), its same-process frames nested in it,
// and gives the page's URL.
func snapshotHTML(raw []byte) (doc, url string, err error) {
	var res proto.DOMSnapshotCaptureSnapshotResult
	if err := json.Unmarshal(raw, &res); err != nil {
		return "", "", fmt.Errorf("reading the DOM snapshot: %w", err)
	}
	if len(res.Documents) == 0 {
		return "", "", fmt.Errorf("the DOM snapshot has no document")
	}
	s := &snapshot{strings: res.Strings, docs: res.Documents}
	return s.document(0, 0), s.str(res.Documents[0].DocumentURL), nil
}

type snapshot struct {
	strings []string
	docs    []*proto.DOMSnapshotDocumentSnapshot
}

// maxFrameDepth bounds nested frames (a page that frames itself).
const maxFrameDepth = 5

// doc is one document of the snapshot being written.
type doc struct {
	s        *snapshot
	d        *proto.DOMSnapshotDocumentSnapshot
	depth    int
	children [][]int // each node's children, in order
	layout   []int   // each node's layout index, or -1
	rare     rareData
	inside   map[int]bool // laidOutInside's answers
	rules    map[rule]int // rule -> its number
	order    []rule       // rules in number order
	out      strings.Builder
}

// rareData is the snapshot's sparse per-node data, by node index.
type rareData struct {
	inputValue, textValue, pseudo map[int]string
	checked, selected             map[int]bool
	content                       map[int]int
}

func (s *snapshot) str(i proto.DOMSnapshotStringIndex) string {
	if i < 0 || int(i) >= len(s.strings) {
		return ""
	}
	return s.strings[i]
}

func (s *snapshot) rareStrings(r *proto.DOMSnapshotRareStringData) map[int]string {
	out := map[int]string{}
	if r != nil {
		for i, n := range r.Index {
			if i < len(r.Value) {
				out[n] = s.str(r.Value[i])
			}
		}
	}
	return out
}

func rareBools(r *proto.DOMSnapshotRareBooleanData) map[int]bool {
	out := map[int]bool{}
	if r != nil {
		for _, n := range r.Index {
			out[n] = true
		}
	}
	return out
}

// document writes document i of the snapshot as a whole HTML document.
func (s *snapshot) document(i, depth int) string {
	d := s.docs[i]
	nodes := d.Nodes
	n := len(nodes.NodeType)
	w := &doc{s: s, d: d, depth: depth, children: make([][]int, n), layout: make([]int, n), rules: map[rule]int{}, inside: map[int]bool{}}
	for j := range w.layout {
		w.layout[j] = -1
	}
	if d.Layout != nil {
		for li, ni := range d.Layout.NodeIndex {
			if ni >= 0 && ni < n {
				w.layout[ni] = li
			}
		}
	}
	for j := 0; j < n && j < len(nodes.ParentIndex); j++ {
		if p := nodes.ParentIndex[j]; p >= 0 && p < n {
			w.children[p] = append(w.children[p], j)
		}
	}
	w.rare = rareData{
		inputValue: s.rareStrings(nodes.InputValue), textValue: s.rareStrings(nodes.TextValue), pseudo: s.rareStrings(nodes.PseudoType),
		checked: rareBools(nodes.InputChecked), selected: rareBools(nodes.OptionSelected), content: map[int]int{},
	}
	if c := nodes.ContentDocumentIndex; c != nil {
		for k, ni := range c.Index {
			if k < len(c.Value) {
				w.rare.content[ni] = c.Value[k]
			}
		}
	}
	doctype := false
	for _, c := range w.children[0] {
		if w.nodeType(c) == 10 {
			doctype = true
			continue
		}
		w.node(c, nil, false)
	}
	return w.finish(doctype)
}

// finish puts the document together: doctype, the snapshot's stylesheet in
// front of the page's html element, then the page.
func (w *doc) finish(doctype bool) string {
	var b strings.Builder
	if doctype {
		b.WriteString("<!DOCTYPE html>")
	}
	b.WriteString(`<meta charset="utf-8"><base target="_blank"><style>`)
	// The reset: whatever the page's stylesheets set is in each element's
	// rule; what the browser's defaults would add on top is unset. SVG keeps
	// its presentation attributes (its geometry is CSS too), a select's
	// options their defaults.
	b.WriteString(`:where(body, body *:not(svg *, option, optgroup, [data-romaine-native])) { all: unset }` + "\n")
	for i, r := range w.order {
		fmt.Fprintf(&b, "[data-rs=\"%d\"] { %s}\n", i, r.decl)
		if r.marker != "" {
			fmt.Fprintf(&b, "[data-rs=\"%d\"]::marker { %s}\n", i, r.marker)
		}
	}
	b.WriteString("</style>")
	b.WriteString(w.out.String())
	return b.String()
}

func (w *doc) nodeType(i int) int {
	if i < len(w.d.Nodes.NodeType) {
		return w.d.Nodes.NodeType[i]
	}
	return 0
}

func (w *doc) name(i int) string {
	if i >= len(w.d.Nodes.NodeName) {
		return ""
	}
	return w.s.str(w.d.Nodes.NodeName[i])
}

func (w *doc) value(i int) string {
	if i >= len(w.d.Nodes.NodeValue) {
		return ""
	}
	return w.s.str(w.d.Nodes.NodeValue[i])
}

// styles is node i's computed style values, in properties' order, or nil
// when it has no layout (it is not rendered, or is display: contents).
func (w *doc) styles(i int) []string {
	li := w.layout[i]
	if li < 0 || w.d.Layout == nil || li >= len(w.d.Layout.Styles) {
		return nil
	}
	idx := w.d.Layout.Styles[li]
	out := make([]string, len(properties))
	for k := range out {
		if k < len(idx) {
			out[k] = w.s.str(idx[k])
		}
	}
	return out
}

// dropped elements: what runs, fetches or only describes the page.
var dropped = map[string]bool{"script": true, "style": true, "link": true, "noscript": true, "base": true,
	"meta": true, "template": true, "object": true, "embed": true, "param": true}

// void elements have no end tag.
var void = map[string]bool{"area": true, "br": true, "col": true, "hr": true, "img": true, "input": true,
	"source": true, "track": true, "wbr": true}

// node writes node i; parent is its parent's computed style (nil when the
// parent has none: the document, or an element without layout); hidden says
// an ancestor is not shown (what is inside needs no rule).
func (w *doc) node(i int, parent []string, hidden bool) {
	switch w.nodeType(i) {
	case 3: // text
		// Text with no layout under a rendered element is not shown (the
		// body of a closed details, white space between blocks).
		if parent != nil && w.layout[i] < 0 {
			return
		}
		w.out.WriteString(html.EscapeString(w.value(i)))
		return
	case 1:
	default:
		return // comments, processing instructions
	}
	raw := w.name(i)
	if strings.HasPrefix(raw, "::") {
		w.pseudo(i, raw, parent)
		return
	}
	name := raw
	htmlElement := raw == strings.ToUpper(raw)
	if htmlElement {
		name = strings.ToLower(raw)
	}
	if dropped[name] && (htmlElement || name == "script" || name == "style") {
		return // an SVG script or style too
	}
	if !validName.MatchString(name) { // no parser would make it: its content only
		for _, c := range w.children[i] {
			w.node(c, parent, hidden)
		}
		return
	}
	own := w.styles(i)
	w.out.WriteString("<" + name)
	w.attributes(i, name, htmlElement)
	if own != nil {
		e := element{name: name, html: htmlElement, typ: w.attribute(i, "type")}
		e.native = e.control() && w.nativeLook(own, e)
		if e.native {
			w.out.WriteString(` data-romaine-native=""`)
		}
		r := rule{decl: declarations(own, parent, e)}
		if m := w.marker(i, own); m != "" {
			r.marker = m
		}
		w.out.WriteString(` data-rs="` + strconv.Itoa(w.number(r)) + `"`)
	} else if !hidden {
		if r, none := w.hiddenRule(i, name, htmlElement); r >= 0 {
			w.out.WriteString(` data-rs="` + strconv.Itoa(r) + `"`)
			hidden = none
		}
	}
	w.out.WriteString(">")
	if void[name] && htmlElement {
		return
	}
	switch {
	case name == "textarea" && htmlElement:
		w.out.WriteString(html.EscapeString(w.rare.textValue[i]))
	case name == "iframe" || name == "frame":
	default:
		for _, c := range w.children[i] {
			w.node(c, own, hidden)
		}
	}
	w.out.WriteString("</" + name + ">")
}

// pseudo writes a ::before or ::after as a span with its text (a
// ::marker the browser draws again from list-style-type).
func (w *doc) pseudo(i int, name string, parent []string) {
	own := w.styles(i)
	if own == nil || (name != "::before" && name != "::after") {
		return
	}
	text := ""
	if li := w.layout[i]; li < len(w.d.Layout.Text) {
		text = w.s.str(w.d.Layout.Text[li])
	}
	for _, c := range w.children[i] { // generated text may be a child
		if w.nodeType(c) == 3 {
			text += w.value(c)
		}
	}
	decl := declarations(own, parent, element{name: "span", html: true})
	fmt.Fprintf(&w.out, `<span data-romaine-pseudo="%s" data-rs="%d">%s</span>`, name[2:], w.number(rule{decl: decl}), html.EscapeString(text))
}

// hiddenRule is the rule of an element with no layout: display: contents
// when something in it is laid out, else display: none (it was not shown).
// Where the browser hides an element by itself (head, a select's options),
// no rule is needed: -1. none says the rule hides it.
func (w *doc) hiddenRule(i int, name string, htmlElement bool) (number int, none bool) {
	if htmlElement && (name == "head" || name == "title" || name == "option" || name == "optgroup" || name == "datalist") {
		return -1, false
	}
	if w.laidOutInside(i) {
		// Its laid-out text takes the element's inherited style: a
		// display: contents element passes on what it inherited.
		for _, c := range w.children[i] {
			if w.nodeType(c) == 3 && w.layout[c] >= 0 {
				return w.number(rule{decl: "display: contents; " + inherited(w.styles(c))}), false
			}
		}
		return w.number(rule{decl: "display: contents; "}), false
	}
	return w.number(rule{decl: "display: none; "}), true
}

// laidOutInside reports whether something inside node i is laid out,
// asked once per node (display: contents nests).
func (w *doc) laidOutInside(i int) bool {
	if v, ok := w.inside[i]; ok {
		return v
	}
	v := false
	for _, c := range w.children[i] {
		if w.layout[c] >= 0 || w.laidOutInside(c) {
			v = true
			break
		}
	}
	w.inside[i] = v
	return v
}

// attributes writes element i's attributes, less what would run or fetch,
// with the state the page gave the element (a field's value, a box checked,
// an option chosen, scroll offsets).
func (w *doc) attributes(i int, name string, htmlElement bool) {
	var attrs []proto.DOMSnapshotStringIndex
	if i < len(w.d.Nodes.Attributes) {
		attrs = w.d.Nodes.Attributes[i]
	}
	field := htmlElement && name == "input"
	for k := 0; k+1 < len(attrs); k += 2 {
		a, v := w.s.str(attrs[k]), w.s.str(attrs[k+1])
		la := strings.ToLower(a)
		switch {
		case strings.HasPrefix(la, "on"), la == "style", la == "nonce", la == "integrity", la == "autofocus", la == "srcdoc",
			la == "data-rs", la == "data-romaine-scroll", la == "data-romaine-src", la == "data-romaine-frame":
			continue
		case field && (la == "value" || la == "checked"):
			continue
		case htmlElement && name == "option" && la == "selected":
			continue
		case name == "iframe" || name == "frame":
			if la == "src" {
				continue
			}
		case la == "src" || la == "srcset" || la == "poster" || (la == "href" || la == "xlink:href") && !htmlElement && !strings.HasPrefix(v, "#"):
			if !strings.HasPrefix(v, "data:") {
				a = "data-romaine-" + strings.ReplaceAll(la, ":", "-")
			}
		}
		w.attr(a, v)
	}
	if field {
		if v, ok := w.rare.inputValue[i]; ok {
			w.attr("value", v)
		}
		if w.rare.checked[i] {
			w.attr("checked", "")
		}
	}
	if htmlElement && name == "option" && w.rare.selected[i] {
		w.attr("selected", "")
	}
	if name == "iframe" || name == "frame" {
		w.frame(i, attrs)
	}
	if x, y := w.scrolled(i, name); x != 0 || y != 0 {
		w.attr("data-romaine-scroll", fmt.Sprintf("%g,%g", x, y))
	}
}

// validName is what an element or attribute name written may look like.
var validName = regexp.MustCompile(`^[A-Za-z_][-A-Za-z0-9_.:]*$`)

func (w *doc) attr(name, value string) {
	if !validName.MatchString(name) {
		return
	}
	w.out.WriteString(" " + name + `="` + html.EscapeString(value) + `"`)
}

// frame gives a frame element its document: a same-process frame's as a
// nested srcdoc; another process's (a cross-site frame) is only named.
func (w *doc) frame(i int, attrs []proto.DOMSnapshotStringIndex) {
	if di, ok := w.rare.content[i]; ok && di > 0 && di < len(w.s.docs) && w.depth < maxFrameDepth {
		w.attr("srcdoc", w.s.document(di, w.depth+1))
		return
	}
	src := ""
	for k := 0; k+1 < len(attrs); k += 2 {
		if strings.EqualFold(w.s.str(attrs[k]), "src") {
			src = w.s.str(attrs[k+1])
		}
	}
	w.attr("data-romaine-frame", src)
	w.attr("srcdoc", `<p style="font: 13px sans-serif; color: #666">A frame of another site (`+html.EscapeString(src)+`): not in the snapshot.</p>`)
}

// scrolled is how far element i (or, for html, the document) was scrolled.
func (w *doc) scrolled(i int, name string) (x, y float64) {
	if name == "html" {
		if w.d.ScrollOffsetX != nil {
			x = *w.d.ScrollOffsetX
		}
		if w.d.ScrollOffsetY != nil {
			y = *w.d.ScrollOffsetY
		}
		return x, y
	}
	li := w.layout[i]
	if li < 0 || w.d.Layout == nil || li >= len(w.d.Layout.ScrollRects) {
		return 0, 0
	}
	r := w.d.Layout.ScrollRects[li]
	if len(r) < 2 {
		return 0, 0
	}
	return r[0], r[1]
}

// rule is an element's declarations, and its list marker's.
type rule struct{ decl, marker string }

// number numbers a rule, the same number for the same rule.
func (w *doc) number(r rule) int {
	// Never end the style element.
	r.decl, r.marker = strings.ReplaceAll(r.decl, "</", `<\/`), strings.ReplaceAll(r.marker, "</", `<\/`)
	if n, ok := w.rules[r]; ok {
		return n
	}
	n := len(w.order)
	w.rules[r] = n
	w.order = append(w.order, r)
	return n
}

// marker is the declarations of element i's ::marker where they differ
// from the element's own (a list item's marker coloured apart).
func (w *doc) marker(i int, own []string) string {
	for _, c := range w.children[i] {
		if w.name(c) != "::marker" {
			continue
		}
		st := w.styles(c)
		if st == nil {
			return ""
		}
		var b strings.Builder
		for _, k := range markerProperties {
			if st[k] != own[k] {
				declare(&b, properties[k].name, st[k])
			}
		}
		return b.String()
	}
	return ""
}

// attribute is element i's attribute name, lower case, or "".
func (w *doc) attribute(i int, name string) string {
	if i >= len(w.d.Nodes.Attributes) {
		return ""
	}
	a := w.d.Nodes.Attributes[i]
	for k := 0; k+1 < len(a); k += 2 {
		if strings.EqualFold(w.s.str(a[k]), name) {
			return strings.ToLower(w.s.str(a[k+1]))
		}
	}
	return ""
}
