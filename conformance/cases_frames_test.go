package conformance_test

// Frames: same-origin, srcdoc, nested, late, scrolled, bordered, named every
// way, navigating, transformed.
var frameCases = []tc{
	{
		name: "frames/fill-and-pay", page: "frames/same-origin.html",
		reason: "a payment form in a same-origin iframe named by its title",
		steps:  []step{inFrame(fill("Card number", "4242424242424242"), "Payment"), inFrame(click("Pay"), "Payment")}, log: []string{"pay 4242424242424242"},
	},
	{
		name: "frames/check-and-select", page: "frames/same-origin.html",
		reason: "a checkbox and a select in a frame",
		steps:  []step{inFrame(check("Save this card"), "Payment"), inFrame(pick("02", "Expiry month"), "Payment"), inFrame(value("Expiry month", "02"), "Payment")}, log: []string{"save card=true", "month=02"},
	},
	{
		name: "frames/by-name", page: "frames/same-origin.html",
		reason: "a frame named by its name attribute",
		steps:  []step{inFrame(click("Pay"), "backup-pay")}, log: []string{"pay "},
	},
	{
		name: "frames/see-inside", page: "frames/same-origin.html",
		reason: "text inside a frame is seen within the frame, and is not the page's",
		steps:  []step{inFrame(see("Secured by Example Pay."), "Payment"), notSee("Secured by Example Pay.")},
	},
	{
		name: "frames/srcdoc", page: "frames/srcdoc.html",
		reason: "an email preview in a srcdoc frame named by aria-label",
		steps:  []step{inFrame(see("Hello, Ann!"), "Email preview"), inFrame(click("Unsubscribe"), "Email preview")}, log: []string{"unsubscribe"},
	},
	{
		name: "frames/nested", page: "frames/nested.html",
		reason: "a toolbar frame inside an editor frame",
		steps:  []step{inFrame(click("Italic"), "Editor", "Toolbar")}, log: []string{"italic"},
	},
	{
		name: "frames/nested-fill", page: "frames/nested.html",
		reason: "a contenteditable in the outer of two nested frames",
		steps:  []step{inFrame(fill("Body", "Hello all"), "Editor"), inFrame(value("Body", "Hello all"), "Editor")},
	},
	{
		name: "frames/injected-later", page: "frames/late.html",
		reason: "a chat widget's frame injected a moment after load",
		steps:  []step{arm, inFrame(click("Start chat"), "Support chat")}, log: []string{"chat started"},
	},
	{
		name: "frames/below-the-fold", page: "frames/below-fold.html",
		reason: "a frame far below the fold is scrolled to",
		steps:  []step{inFrame(click("Start chat"), "Support")}, log: []string{"chat started"},
	},
	{
		name: "frames/border-and-padding", page: "frames/border-padding.html",
		reason: "a frame with a thick border and padding: the click lands inside at the right point",
		steps:  []step{inFrame(click("Pay"), "Payment")}, log: []string{"pay "},
	},
	{
		name: "frames/labelledby", page: "frames/names.html",
		reason: "a frame named by aria-labelledby",
		steps:  []step{inFrame(click("Start chat"), "Sponsored content")}, log: []string{"chat started"},
	},
	{
		name: "frames/by-id", page: "frames/names.html",
		reason: "a frame named by its id",
		steps:  []step{inFrame(fill("Card number", "1"), "checkout-frame"), inFrame(click("Pay"), "checkout-frame")}, log: []string{"pay 1"},
	},
	{
		name: "frames/navigates", page: "frames/navigating.html",
		reason: "a frame that moves to another page: the next step acts on the new one",
		steps:  []step{inFrame(click("View receipt"), "Order"), inFrame(click("Print"), "Order")}, log: []string{"print"},
	},
	{
		name: "frames/translated", page: "frames/transformed.html",
		reason: "a frame in a translated container",
		steps:  []step{inFrame(click("Start chat"), "Support")}, log: []string{"chat started"},
	},
	{
		name: "frames/in-a-scroller", page: "frames/in-scroller.html",
		reason: "a frame at the end of a scrolling panel",
		steps:  []step{inFrame(click("Start chat"), "Support")}, log: []string{"chat started"},
	},
	{
		name: "frames/no-such-frame", page: "frames/not-a-frame.html",
		reason: "a frame that is not there (a button is named so): the error says what names a frame",
		steps:  []step{inFrame(click("Start chat"), "Pay")},
		fail:   `timed out after 1s waiting to click "Start chat" within the frame "Pay" (N attempts): last seen: frame "Pay": no frame with title, name, aria-label or id "Pay"`,
	},
	{
		name: "frames/not-a-frame", page: "frames/not-a-frame.html",
		reason: "within the frame of something that is no frame: the error says so at once",
		steps:  []step{inFrame(click("Start chat"), "css=button")},
		fail:   `cannot click "Start chat" within the frame "css=button": frame "css=button": not a frame: button "Pay"; within the frame "..." names an <iframe> by title, name, aria-label, id or CSS`,
	},
	{
		name: "frames/fill-while-a-frame-has-focus", page: "frames/focus-in-frame.html",
		reason: "a field of the page filled after a click in a frame took the focus",
		steps:  []step{inFrame(click("Card number"), "Payment"), fill("Order note", "Gift"), value("Order note", "Gift")}, log: []string{"note=Gift"},
	},
	{
		name: "frames/partly-below-the-fold", page: "frames/partly-below.html",
		reason: "a frame whose top shows at the bottom of the window and whose button does not",
		steps:  []step{inFrame(click("Start chat"), "Support")}, log: []string{"chat started"},
	},
}
