package conformance_test

// Everything a layout can do to a box: scrolling, fixed and sticky elements,
// positioning, transforms, transitions and animations, overlays, modals,
// boxes of no size, display: contents, wrapping, the window's edges.
var layoutCases = []tc{
	{
		name: "layout/scroll-container", page: "layout/scroll-container.html",
		reason: "a button at the end of a scrolling message list, below what the list shows",
		steps:  []step{click("Load older messages")}, log: []string{"older"},
	},
	{
		name: "layout/scroll-container-in-viewport", page: "layout/scroll-container.html",
		reason: "a button scrolled out of its short list but still inside the window: the list is scrolled, not the window",
		steps:  []step{click("Archive all")}, log: []string{"archive all"},
	},
	{
		name: "layout/nested-scroll", page: "layout/nested-scroll.html",
		reason: "a button at the bottom of a scrolling table, itself below the fold of a long page",
		steps:  []step{click("Export orders")}, log: []string{"export"},
	},
	{
		name: "layout/horizontal-scroll", page: "layout/horizontal-scroll.html",
		reason: "a card far to the right in a carousel that scrolls sideways",
		steps:  []step{click("Open card 18")}, log: []string{"card 18"},
	},
	{
		name: "layout/sticky-header-covers", page: "layout/sticky-header.html",
		reason: "a page opened at a section leaves its button under the sticky header: scroll it out from under",
		steps:  []step{click("Edit section 3")}, log: []string{"edit 3"},
	},
	{
		name: "layout/fixed-header-covers", page: "layout/fixed-header.html",
		reason: "a button scrolled to the top of the window lies under a fixed header",
		steps:  []step{click("Write a review")}, log: []string{"write review"},
	},
	{
		name: "layout/fixed-footer-covers", page: "layout/fixed-footer.html",
		reason: "a button at the bottom of the window lies under a cookie bar",
		steps:  []step{click("Buy now")}, log: []string{"buy"},
	},
	{
		name: "layout/absolute-dropdown", page: "layout/absolute.html",
		reason: "an absolutely positioned dropdown opened over the content",
		steps:  []step{click("Account"), click("Orders")}, log: []string{"orders"},
	},
	{
		name: "layout/covered-by-dropdown", page: "layout/absolute.html",
		reason: "a button under an open dropdown: the error names what would get the click",
		steps:  []step{click("Account"), click("Under the menu")},
		fail:   `timed out after 1s waiting to click "Under the menu" (N attempts): last seen: covered by a "Orders" at (x,y): button "Under the menu"`,
	},
	{
		name: "layout/rotated", page: "layout/transforms.html",
		reason: "a rotated button",
		steps:  []step{click("Rotated")}, log: []string{"rotated"},
	},
	{
		name: "layout/scaled", page: "layout/transforms.html",
		reason: "a button in a container scaled to half size",
		steps:  []step{click("Scaled down")}, log: []string{"scaled"},
	},
	{
		name: "layout/translated", page: "layout/transforms.html",
		reason: "a button moved by translate",
		steps:  []step{click("Translated")}, log: []string{"translated"},
	},
	{
		name: "layout/3d-transform", page: "layout/transforms.html",
		reason: "a button turned in 3D under a perspective",
		steps:  []step{click("Skewed 3D")}, log: []string{"skewed"},
	},
	{
		name: "layout/drawer-transition", page: "layout/drawer-transition.html",
		reason: "a drawer sliding in by a CSS transition: the link is clicked where it stops",
		steps:  []step{click("Menu"), click("Settings")}, log: []string{"settings"},
	},
	{
		name: "layout/toast-animation", page: "layout/toast-animation.html",
		reason: "a toast rising in by a CSS animation",
		steps:  []step{click("Delete message"), click("Undo")}, log: []string{"undo"},
	},
	{
		name: "layout/spinner-beside", page: "layout/infinite-animations.html",
		reason: "an endless spinner next to the button does not hold the click",
		steps:  []step{click("Retry")}, log: []string{"retry"},
	},
	{
		name: "layout/pulsing-button", page: "layout/infinite-animations.html",
		reason: "a button whose opacity pulses for ever stands still: it is clicked",
		steps:  []step{click("Buy now")}, log: []string{"buy"},
	},
	{
		name: "layout/overlay-comes-and-goes", page: "layout/loading-overlay.html",
		reason: "a loading overlay covers the page for a moment after saving: the next click waits for it to go",
		steps:  []step{click("Save"), click("Close")}, log: []string{"save", "close"},
	},
	{
		name: "layout/fill-waits-for-overlay", page: "layout/loading-overlay.html",
		reason: "typing waits for a loading overlay over the form to go, though focus alone would reach the field",
		steps:  []step{click("Save"), fill("Title", "Draft")}, log: []string{"save", "title=Draft"},
	},
	{
		name: "layout/modal-dialog", page: "layout/modal-dialog.html",
		reason: "a button inside a native modal <dialog>",
		steps:  []step{click("Delete account"), click("Yes, delete"), hidden("Are you sure?")}, log: []string{"confirm"},
	},
	{
		name: "layout/behind-modal-dialog", page: "layout/modal-dialog.html",
		reason: "a button behind an open modal <dialog> cannot be clicked",
		steps:  []step{click("Delete account"), click("Export data")},
		fail:   `timed out after 1s waiting to click "Export data" (N attempts): last seen: covered by dialog#dlg "Are you sure? Cancel Yes, delete" at (x,y): button "Export data"`,
	},
	{
		name: "layout/modal-backdrop", page: "layout/modal-backdrop.html",
		reason: "a custom modal over a backdrop: its button works, and once it is closed, the page's",
		steps:  []step{click("No thanks"), click("Export data")}, log: []string{"no thanks", "behind"},
	},
	{
		name: "layout/behind-backdrop", page: "layout/modal-backdrop.html",
		reason: "a button behind a modal's backdrop: the error names the backdrop",
		steps:  []step{click("Export data")},
		fail:   `timed out after 1s waiting to click "Export data" (N attempts): last seen: covered by div.modal-backdrop at (x,y): button "Export data"`,
	},
	{
		name: "layout/zero-size-link", page: "layout/zero-size-wrapper.html",
		reason: "a link of no size whose text is absolutely positioned over its card (the stretched-link pattern)",
		steps:  []step{click("Open Q1 report")}, log: []string{"q1"},
	},
	{
		name: "layout/zero-size-wrapper", page: "layout/zero-size-wrapper.html",
		reason: "a button inside a box of no size that lets it overflow",
		steps:  []step{click("Inside a zero-size box")}, log: []string{"inside zero"},
	},
	{
		name: "layout/display-contents-button", page: "layout/display-contents.html",
		reason: "a role=button with display: contents has no box: its content is clicked",
		steps:  []step{clickAs("Refresh", "button")}, log: []string{"refresh"},
	},
	{
		name: "layout/display-contents-parent", page: "layout/display-contents.html",
		reason: "a link in a list item with display: contents",
		steps:  []step{click("Account")}, log: []string{"account"},
	},
	{
		name: "layout/inline-wrapping-link", page: "layout/inline-wrap.html",
		reason: "a link that wraps over two lines",
		steps:  []step{click("terms and conditions of sale and delivery")}, log: []string{"terms"},
	},
	{
		name: "layout/partly-offscreen-right", page: "layout/partly-offscreen.html",
		reason: "a fixed feedback tab half outside the window's right edge",
		steps:  []step{click("Feedback")}, log: []string{"right"},
	},
	{
		name: "layout/partly-offscreen-top", page: "layout/partly-offscreen.html",
		reason: "a button whose top is above the page's top",
		steps:  []step{click("Back to top")}, log: []string{"top"},
	},
	{
		name: "layout/far-below-smooth-scroll", page: "layout/far-below.html",
		reason: "a button far down a page whose root scrolls smoothly",
		steps:  []step{click("Subscribe")}, log: []string{"subscribe"},
	},
	{
		name: "layout/pointer-events-none-overlay", page: "layout/pointer-events.html",
		reason: "a decorative overlay with pointer-events: none lets the click through",
		steps:  []step{click("Get started")}, log: []string{"start"},
	},
	{
		name: "layout/pointer-events-none-target", page: "layout/pointer-events.html",
		reason: "a button with pointer-events: none takes no click: the error says why",
		steps:  []step{click("Continue")},
		fail:   `timed out after 1s waiting to click "Continue" (N attempts): last seen: does not take pointer events (pointer-events: none): button.not-yet "Continue"`,
	},
	{
		name: "layout/clipped-by-collapsed-panel", page: "layout/clipped.html",
		reason: "a button in a collapsed accordion panel is not seen: the error says it is clipped",
		steps:  []step{click("Choose express")},
		fail:   `timed out after 1s waiting to click "Choose express" (N attempts): last seen: clipped by the overflow of div.accordion__panel "Standard or express.Choose express": button "Choose express"`,
	},
	{
		name: "layout/accordion-opened", page: "layout/clipped.html",
		reason: "the same button once the accordion is opened",
		steps:  []step{click("Delivery options"), click("Choose express")}, log: []string{"express"},
	},
	{
		name: "layout/content-visibility-auto", page: "layout/content-visibility.html",
		reason: "a button in a section not rendered yet (content-visibility: auto)",
		steps:  []step{click("Bookmark chapter 9")}, log: []string{"bookmark"},
	},
	{
		name: "layout/fixed-widget", page: "layout/fixed-widget.html",
		reason: "a fixed chat button in the window's corner",
		steps:  []step{click("Chat with us")}, log: []string{"chat"},
	},
	{
		name: "layout/scroll-inside-fixed-modal", page: "layout/modal-scroll.html",
		reason: "a button at the end of a fixed modal's own scroll",
		steps:  []step{click("I accept")}, log: []string{"accept"},
	},
	{
		name: "layout/visibility-later", page: "layout/appear-later.html",
		reason: "a button shown a moment later by visibility",
		steps:  []step{arm, click("Shown by visibility")}, log: []string{"visibility"},
	},
	{
		name: "layout/fade-in-later", page: "layout/appear-later.html",
		reason: "a button fading in from opacity 0",
		steps:  []step{arm, click("Faded in")}, log: []string{"fade"},
	},
	{
		name: "layout/dropdown-closed-then-click", page: "layout/dropdown-covers.html",
		reason: "a dropdown item chosen, the menu closes, and the button it covered is clicked",
		steps:  []step{click("Sort by"), click("Price"), click("Filter")}, log: []string{"price", "filter"},
	},
	{
		name: "layout/badge-over-corner", page: "layout/partly-covered.html",
		reason: "a badge over a button's corner leaves its centre to click",
		steps:  []step{click("Cart")}, log: []string{"cart"},
	},
	{
		name: "layout/taller-than-window", page: "layout/partly-covered.html",
		reason: "a drop zone taller than the window is clicked inside the window",
		steps:  []step{click("Drop files here")}, log: []string{"drop"},
	},
	{
		name: "layout/svg-shape", page: "layout/svg-shapes.html",
		reason: "a point of an SVG chart, by selector",
		steps:  []step{click("css=#chart circle.dot")}, log: []string{"point 3"},
	},
	{
		name: "layout/svg-link", page: "layout/svg-shapes.html",
		reason: "a link inside an SVG, by its text",
		steps:  []step{click("Q4")}, log: []string{"q4"},
	},
	{
		name: "layout/during-smooth-scroll", page: "layout/smooth-anchor.html",
		reason: "a click while the page still scrolls smoothly to an anchor",
		steps:  []step{click("Jump to FAQ"), click("Contact support")}, log: []string{"contact"},
	},
}
