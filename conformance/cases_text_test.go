package conformance_test

// Text as a person reads it: whitespace, line breaks, hidden parts, text
// split over inline elements, text-transform, generated content, special
// spaces, closed <details>, what is not text at all.
var textCases = []tc{
	{
		name: "text/source-whitespace", page: "text/whitespace.html",
		reason: "indentation and newlines in the source read as single spaces",
		steps:  []step{see("Total: 42 items")},
	},
	{
		name: "text/br", page: "text/whitespace.html",
		reason: "lines broken by <br> read as words apart",
		steps:  []step{see("10 Downing Street London SW1A 2AA")},
	},
	{
		name: "text/pre", page: "text/whitespace.html",
		reason: "aligned text in a <pre>, matched by its words",
		steps:  []step{see("tea = green size = large")},
	},
	{
		name: "text/table-cells", page: "text/whitespace.html",
		reason: "a table row's cells read as words apart",
		steps:  []step{see("Tea $4 Scone $3")},
	},
	{
		name: "text/block-children", page: "text/whitespace.html",
		reason: "an inline and a block child read as two words",
		steps:  []step{see("First Second")},
	},
	{
		name: "text/display-none-part", page: "text/hidden-parts.html",
		reason: "a display: none part of a sentence is not read, and the sentence closes over it",
		steps:  []step{see("Price 10 euros"), notSee("secret discount")},
	},
	{
		name: "text/visibility-hidden-child", page: "text/hidden-parts.html",
		reason: "a visibility: hidden child of a visible paragraph is not read",
		steps:  []step{see("Order shipped"), notSee("#123")},
	},
	{
		name: "text/aria-hidden-is-seen", page: "text/hidden-parts.html",
		reason: "aria-hidden hides from screen readers, not from eyes: the stars are seen, and the visually hidden text too",
		steps:  []step{see("★★★★☆"), see("4 out of 5 stars")},
	},
	{
		name: "text/template-noscript", page: "text/hidden-parts.html",
		reason: "a <template>'s and a <noscript>'s content are not shown",
		steps:  []step{notSee("Row template"), notSee("Please enable JavaScript")},
	},
	{
		name: "text/revealed-later", page: "text/hidden-parts.html",
		reason: "text shown a moment later is waited for",
		steps:  []step{notSee("Your download is ready"), arm, see("Your download is ready")},
	},
	{
		name: "text/split-inline", page: "text/inline-split.html",
		reason: "a word split over inline elements reads whole",
		steps:  []step{see("Hello world!")},
	},
	{
		name: "text/sup-sub", page: "text/inline-split.html",
		reason: "superscripts and subscripts run on",
		steps:  []step{see("Flat of 50 m2, H2O included")},
	},
	{
		name: "text/wbr-shy-zwsp", page: "text/inline-split.html",
		reason: "<wbr>, soft hyphens and zero-width spaces are break hints, not characters a person reads",
		steps:  []step{see("Supercalifragilistic and supermarket and zerowidth")},
	},
	{
		name: "text/uppercase-as-shown", page: "text/transform.html",
		reason: "text-transform: uppercase is read as shown",
		steps:  []step{see("ORDER SUMMARY")},
	},
	{
		name: "text/uppercase-as-written", page: "text/transform.html",
		reason: "and as written: text-transform is presentation, and a feature written from the design reads the source case",
		steps:  []step{see("Order summary"), see("Shipping Address"), see("shipping address")},
	},
	{
		name: "text/uppercase-button", page: "text/transform.html",
		reason: "an upper-cased button is named exactly by its text as written",
		steps:  []step{click("Add to cart")}, log: []string{"add"},
	},
	{
		name: "text/generated-content", page: "text/generated.html",
		reason: "CSS generated content (a star, step counters) is decoration: the element's own text is what is read",
		steps:  []step{see("New Green tea"), see("Choose Pay")},
	},
	{
		name: "text/nbsp", page: "text/nbsp.html",
		reason: "non-breaking and narrow spaces read as spaces",
		steps:  []step{see("Total price: € 12,50"), see("Café ☕ – open 8 am")},
	},
	{
		name: "text/details-closed", page: "text/details.html",
		reason: "a closed <details> shows only its summary; opened, its content",
		steps:  []step{see("Why is tea green?"), notSee("Because it is not oxidised."), click("Why is tea green?"), see("Because it is not oxidised.")},
	},
	{
		name: "text/select-shows-its-choice", page: "text/select-options.html",
		reason: "a closed select shows its chosen option, not the others",
		steps:  []step{see("Medium"), notSee("Large")},
	},
	{
		name: "text/select-hides-its-other-options", page: "text/select-options.html",
		reason: "an option not chosen is not seen, though the page's text (innerText) holds it",
		steps:  []step{see("Large")},
		fail:   `timed out after 1s waiting to see "Large" (N attempts): last seen: visible text was: "Size Medium"`,
	},
	{
		name: "text/svg-text", page: "text/svg-text.html",
		reason: "text drawn in an SVG chart is read",
		steps:  []step{see("Revenue 2024")},
	},
	{
		name: "text/list-markers", page: "text/lists.html",
		reason: "list bullets are not text",
		steps:  []step{see("Apples Pears")},
	},
	{
		name: "text/within-region", page: "text/lists.html",
		reason: "text within a region named by aria-label, and not within it",
		steps:  []step{see("42 euros", "Cart"), notSee("12 euros", "Cart")},
	},
	{
		name: "text/content-visibility-auto", page: "layout/content-visibility.html",
		reason: "text in a section not rendered yet (content-visibility: auto) is on the page",
		steps:  []step{see("Text of chapter 9.")},
	},
	{
		name: "text/toast-fades-and-goes", page: "text/faded-toast.html",
		reason: "a toast that fades in, then out and is hidden (Bootstrap): seen, then not",
		steps:  []step{click("Save settings"), see("Settings saved"), notSee("Settings saved")},
	},
}
