package film

// The computed style properties a DOM snapshot keeps of each element: what
// decides how a page looks, not how it moves (no transitions, animations,
// pointer-events). Each is written only where it differs from what the
// element would have without it: an inherited property where it differs from
// the parent's, any other where it differs from its initial value (the
// snapshot's reset stylesheet unsets every property the page's styles set).
// TestInitialValues checks the initial values against Chromium's.
//
// Where a shorthand's computed value says what its longhands' would
// (margin, padding, the border's width, style, color and radius, inset,
// overflow, flex, gap, grid-area, background-position), the snapshot asks
// for the shorthand: Chromium serializes one value instead of four, and the
// snapshot of a page costs about a quarter less CPU (docs/performance.md).
// Left out, for the same reason, what a still picture of a page under test
// hardly ever shows: the cursor and the caret's color, hyphenation, table
// captions' side and empty cells' borders, bidi overrides, blending and
// isolation, how images fit their box (the page's images are not in the
// snapshot), list images, the outline's offset, the decoration line's style,
// small capitals and vertical writing.
type property struct {
	name      string
	inherited bool
	initial   string // the computed value of the property's initial value
}

// currentColor stands for an initial value of currentcolor: the element's own color.
const currentColor = "currentcolor"

var properties = []property{
	{"display", false, "inline"},
	{"position", false, "static"},
	{"inset", false, "auto"},
	{"z-index", false, "auto"},
	{"float", false, "none"},
	{"clear", false, "none"},
	{"box-sizing", false, "content-box"},
	{"width", false, "auto"},
	{"height", false, "auto"},
	{"min-width", false, "0px"},
	{"min-height", false, "0px"},
	{"max-width", false, "none"},
	{"max-height", false, "none"},
	{"margin", false, "0px"},
	{"padding", false, "0px"},
	{"border-width", false, "0px"},
	{"border-style", false, "none"},
	{"border-color", false, currentColor},
	{"border-radius", false, "0px"},
	{"overflow", false, "visible"},
	{"flex-direction", false, "row"},
	{"flex-wrap", false, "nowrap"},
	{"flex", false, "0 1 auto"},
	{"order", false, "0"},
	{"justify-content", false, "normal"},
	{"justify-items", false, "normal"},
	{"justify-self", false, "auto"},
	{"align-items", false, "normal"},
	{"align-self", false, "auto"},
	{"align-content", false, "normal"},
	{"gap", false, "normal"},
	{"grid-template-columns", false, "none"},
	{"grid-template-rows", false, "none"},
	{"grid-template-areas", false, "none"},
	{"grid-auto-flow", false, "row"},
	{"grid-auto-columns", false, "auto"},
	{"grid-auto-rows", false, "auto"},
	{"grid-area", false, "auto"},
	{"vertical-align", false, "baseline"},
	{"opacity", false, "1"},
	{"transform", false, "none"},
	{"transform-origin", false, "0px 0px"},
	{"background-color", false, "rgba(0, 0, 0, 0)"},
	{"background-image", false, "none"},
	{"background-size", false, "auto"},
	{"background-position", false, "0% 0%"},
	{"background-repeat", false, "repeat"},
	{"background-clip", false, "border-box"},
	{"background-origin", false, "padding-box"},
	{"box-shadow", false, "none"},
	{"outline-width", false, "3px"},
	{"outline-style", false, "none"},
	{"outline-color", false, currentColor},
	{"filter", false, "none"},
	{"backdrop-filter", false, "none"},
	{"clip-path", false, "none"},
	{"text-decoration-line", false, "none"},
	{"text-decoration-color", false, currentColor},
	{"text-overflow", false, "clip"},
	{"table-layout", false, "auto"},
	{"column-count", false, "auto"},
	{"appearance", false, "none"},
	{"content", false, "normal"},
	{"-webkit-line-clamp", false, "none"},
	{"visibility", true, "visible"},
	{"color", true, "rgb(0, 0, 0)"},
	{"font-family", true, `"Times New Roman"`},
	{"font-size", true, "16px"},
	{"font-weight", true, "400"},
	{"font-style", true, "normal"},
	{"font-stretch", true, "100%"},
	{"line-height", true, "normal"},
	{"text-align", true, "start"},
	{"text-indent", true, "0px"},
	{"text-transform", true, "none"},
	{"text-shadow", true, "none"},
	{"letter-spacing", true, "normal"},
	{"word-spacing", true, "0px"},
	{"white-space", true, "normal"},
	{"word-break", true, "normal"},
	{"overflow-wrap", true, "normal"},
	{"list-style-type", true, "disc"},
	{"list-style-position", true, "outside"},
	{"border-collapse", true, "separate"},
	{"border-spacing", true, "0px"},
	{"direction", true, "ltr"},
	{"accent-color", true, "auto"},
	{"fill", true, "rgb(0, 0, 0)"},
	{"stroke", true, "none"},
	{"stroke-width", true, "1px"},
	{"-webkit-text-fill-color", true, currentColor},
}
