package conformance_test

import "github.com/romaine-bdd/romaine/support"

// Every way HTML and ARIA make a control.
var controlCases = []tc{
	{
		name: "controls/button", page: "controls/kinds.html",
		reason: "a <button>",
		steps:  []step{click("Save draft")}, log: []string{"button"},
	},
	{
		name: "controls/input-button", page: "controls/kinds.html",
		reason: "an <input type=button> named by its value",
		steps:  []step{click("Preview")}, log: []string{"input button"},
	},
	{
		name: "controls/link", page: "controls/kinds.html",
		reason: "an <a href>",
		steps:  []step{clickAs("Help", support.LinkKind)}, log: []string{"link"},
	},
	{
		name: "controls/role-button", page: "controls/kinds.html",
		reason: "a <div role=button> (design systems, older React apps)",
		steps:  []step{clickAs("Share", support.ButtonKind)}, log: []string{"role button"},
	},
	{
		name: "controls/role-link", page: "controls/kinds.html",
		reason: "a <span role=link>",
		steps:  []step{clickAs("Edit profile", support.LinkKind)}, log: []string{"role link"},
	},
	{
		name: "controls/anchor-without-href", page: "controls/kinds.html",
		reason: "an <a> with a click handler and no href: not a link, but text a person clicks",
		steps:  []step{click("Load more")}, log: []string{"anchor without href"},
	},
	{
		name: "controls/clickable-card", page: "controls/kinds.html",
		reason: "a card whose whole box takes the click, clicked by its heading",
		steps:  []step{click("Open card")}, log: []string{"card"},
	},
	{
		name: "controls/link-styled-as-button", page: "controls/kinds.html",
		reason: "Bootstrap's <a role=button href=#>",
		steps:  []step{clickAs("Download", support.ButtonKind)}, log: []string{"bootstrap link button"},
	},
	{
		name: "controls/submit-button", page: "controls/submit.html",
		reason: "a form submitted by its button",
		steps:  []step{fill("Username", "ann"), click("Sign in")}, log: []string{"submit user=ann"},
	},
	{
		name: "controls/submit-on-enter", page: "controls/submit.html",
		reason: "a form submitted by Enter in its field (implicit submission)",
		steps:  []step{fill("Username", "bob"), press("Enter")}, log: []string{"submit user=bob"},
	},
	{
		name: "controls/button-form-attribute", page: "controls/submit.html",
		reason: "a submit button outside its form, tied by form=ID (sticky footers)",
		steps:  []step{click("Save profile")}, log: []string{"profile saved"},
	},
	{
		name: "controls/link-navigates", page: "controls/link-nav.html",
		reason: "a link with a badge inside it navigates to its page",
		steps:  []step{click("Pricing"), onPath("/controls/landing.html?from=nav"), see("Plans for every team.")},
	},
	{
		name: "controls/checkbox-check-uncheck", page: "controls/checkbox.html",
		reason: "a checkbox in its label, checked and unchecked",
		steps:  []step{check("Subscribe to the newsletter"), checked("Subscribe to the newsletter"), uncheck("Subscribe to the newsletter"), unchecked("Subscribe to the newsletter")},
		log:    []string{"news=true", "news=false"},
	},
	{
		name: "controls/checkbox-already-checked", page: "controls/checkbox.html",
		reason: "checking a checked box does nothing (no click that would uncheck it)",
		steps:  []step{check("Keep me signed in"), checked("Keep me signed in")},
	},
	{
		name: "controls/custom-checkbox-opacity-0", page: "controls/custom-checkbox.html",
		reason: "a checkbox input at opacity 0 under a styled indicator (Bootstrap custom-control): its label is clicked",
		steps:  []step{check("Remember me"), checked("Remember me"), uncheck("Remember me")}, log: []string{"remember=true", "remember=false"},
	},
	{
		name: "controls/toggle-hidden-input", page: "controls/toggle-hidden-input.html",
		reason: "a hidden checkbox whose <label for> draws a toggle switch",
		steps:  []step{check("Dark theme"), checked("Dark theme")}, log: []string{"dark=true"},
	},
	{
		name: "controls/radio-cards", page: "controls/radio-cards.html",
		reason: "visually hidden radios inside label cards (pricing pages)",
		steps:  []step{choose("Yearly"), checked("Yearly"), unchecked("Monthly")}, log: []string{"period=yearly"},
	},
	{
		name: "controls/switch-labelledby", page: "controls/switch.html",
		reason: "an empty <button role=switch> labelled by a span",
		steps:  []step{check("Wi-Fi"), checked("Wi-Fi")}, log: []string{"wifi=true"},
	},
	{
		name: "controls/switch-uncheck", page: "controls/switch.html",
		reason: "a role=switch named by its text, switched off",
		steps:  []step{uncheck("Bluetooth"), unchecked("Bluetooth")}, log: []string{"bluetooth=false"},
	},
	{
		name: "controls/aria-checkbox", page: "controls/aria-checkbox.html",
		reason: "a <div role=checkbox aria-checked>",
		steps:  []step{check("Email me about orders"), checked("Email me about orders")}, log: []string{"email=true"},
	},
	{
		name: "controls/aria-radio", page: "controls/aria-checkbox.html",
		reason: "ARIA radios in a radiogroup, chosen within the group",
		steps:  []step{choose(L("M", "Size")), checked(L("M", "Size"))}, log: []string{"size=M"},
	},
	{
		name: "controls/contenteditable", page: "controls/contenteditable.html",
		reason: "a contenteditable comment box named by aria-label",
		steps:  []step{fill("Comment", "Looks good"), value("Comment", "Looks good")}, log: []string{"comment=Looks good"},
	},
	{
		name: "controls/role-textbox-replace", page: "controls/contenteditable.html",
		reason: "a rich role=textbox: a fill replaces what it held",
		steps:  []step{fill("Bio", "Tea lover"), value("Bio", "Tea lover"), notSee("Old bio")}, log: []string{"bio=Tea lover"},
	},
	{
		name: "controls/textarea-lines", page: "controls/textarea.html",
		reason: "a textarea takes several lines",
		steps:  []step{fill("Message", "Hello\nSee you"), click("Message"), moveOn}, log: []string{`msg="Hello\nSee you"`},
	},
	{
		name: "controls/input-number", page: "controls/input-types.html",
		reason: "a number input",
		steps:  []step{fill("Guests", "4"), value("Guests", "4"), moveOn}, log: []string{"guests=4"},
	},
	{
		name: "controls/input-date", page: "controls/input-types.html",
		reason: "a date input, set as its own picker would",
		steps:  []step{fill("Arrival", "2024-05-01"), value("Arrival", "2024-05-01")}, log: []string{"arrival=2024-05-01"},
	},
	{
		name: "controls/input-time", page: "controls/input-types.html",
		reason: "a time input",
		steps:  []step{fill("Check-in time", "13:45")}, log: []string{"time=13:45"},
	},
	{
		name: "controls/input-range", page: "controls/input-types.html",
		reason: "a range input",
		steps:  []step{fill("Budget", "30"), value("Budget", "30")}, log: []string{"budget=30"},
	},
	{
		name: "controls/input-color", page: "controls/input-types.html",
		reason: "a colour input",
		steps:  []step{fill("Colour", "#ff8800")}, log: []string{"colour=#ff8800"},
	},
	{
		name: "controls/input-tel-url", page: "controls/input-types.html",
		reason: "tel and url inputs take typing",
		steps:  []step{fill("Phone", "+33 1 23 45 67 89"), fill("Website", "https://example.com"), moveOn}, log: []string{"phone=+33 1 23 45 67 89", "site=https://example.com"},
	},
	{
		name: "controls/select-by-text", page: "controls/select.html",
		reason: "a native select, by the option's text",
		steps:  []step{pick("Medium", "Size"), value("Size", "Medium")}, log: []string{"size=m"},
	},
	{
		name: "controls/select-by-value", page: "controls/select.html",
		reason: "a native select, by the option's value",
		steps:  []step{pick("l", "Size"), value("Size", "Large")}, log: []string{"size=l"},
	},
	{
		name: "controls/select-optgroup", page: "controls/select.html",
		reason: "an option inside an optgroup",
		steps:  []step{pick("Lisbon", "City"), value("City", "Lisbon")}, log: []string{"city=Lisbon"},
	},
	{
		name: "controls/select-multiple", page: "controls/select.html",
		reason: "a multiple select: the option is added to what is selected",
		steps:  []step{pick("Blue", "Colours"), value("Colours", "Red, Blue")}, log: []string{"colours=Red+Blue"},
	},
	{
		name: "controls/select-disabled-option", page: "controls/select.html",
		reason: "a disabled option is not chosen: the error says so",
		steps:  []step{pick("Team (sold out)", "Plan")},
		fail:   `timed out after 1s waiting to select "Team (sold out)" from "Plan" (N attempts): last seen: option "Team (sold out)" is disabled`,
	},
	{
		name: "controls/select-disabled-optgroup", page: "controls/select.html",
		reason: "an option of a disabled optgroup is disabled though its own disabled is false",
		steps:  []step{pick("Pro", "Plan")},
		fail:   `timed out after 1s waiting to select "Pro" from "Plan" (N attempts): last seen: option "Pro" is disabled`,
	},
	{
		name: "controls/fieldset-disabled", page: "controls/fieldset-disabled.html",
		reason: "a button in a disabled fieldset is disabled",
		steps:  []step{click("Pay")},
		fail:   `timed out after 1s waiting to click "Pay" (N attempts): last seen: found but disabled: button "Pay"`,
	},
	{
		name: "controls/fieldset-legend-enables", page: "controls/fieldset-disabled.html",
		reason: "a control in a disabled fieldset's legend stays enabled, and here enables the fieldset",
		steps:  []step{disabled("CVC"), check("Use saved card"), enabled("CVC"), click("Pay")}, log: []string{"saved card=true", "pay"},
	},
	{
		name: "controls/fieldset-link-enabled", page: "controls/fieldset-disabled.html",
		reason: "a link in a disabled fieldset is no form control: it can be clicked",
		steps:  []step{click("Payment terms")}, log: []string{"terms"},
	},
	{
		name: "controls/aria-disabled-button", page: "controls/aria-disabled.html",
		reason: "aria-disabled=true: a person sees it greyed out and it is waited for",
		steps:  []step{click("Continue")},
		fail:   `timed out after 1s waiting to click "Continue" (N attempts): last seen: found but disabled: button.btn "Continue"`,
	},
	{
		name: "controls/aria-disabled-ancestor", page: "controls/aria-disabled.html",
		reason: "aria-disabled on a toolbar disables the buttons in it",
		steps:  []step{click("Bold")},
		fail:   `timed out after 1s waiting to click "Bold" (N attempts): last seen: found but disabled: button "Bold"`,
	},
	{
		name: "controls/aria-disabled-false-inside", page: "controls/aria-disabled.html",
		reason: "aria-disabled=false inside a disabled toolbar: that one is enabled",
		steps:  []step{click("Help")}, log: []string{"help"},
	},
	{
		name: "controls/aria-disabled-link", page: "controls/aria-disabled.html",
		reason: "a link marked aria-disabled (Bootstrap .disabled)",
		steps:  []step{disabled("Next")},
	},
	{
		name: "controls/enabled-after-validation", page: "controls/enabled-later.html",
		reason: "the order button is enabled a moment after the terms are agreed to: the click waits for it",
		steps:  []step{check("I agree to the terms"), click("Place order")}, log: []string{"order"},
	},
	{
		name: "controls/combobox-input", page: "controls/combobox-input.html",
		reason: "an autocomplete <input role=combobox> whose list opens on focus",
		steps:  []step{pick("Lyon", "City"), value("City", "Lyon")}, log: []string{"city=Lyon"},
	},
	{
		name: "controls/combobox-button-portal", page: "controls/combobox-button.html",
		reason: "a <button role=combobox> whose listbox is rendered in a portal at the end of <body> (Radix, Headless UI)",
		steps:  []step{pick("Banana", "Fruit"), value("Fruit", "Banana")}, log: []string{"fruit=Banana"},
	},
	{
		name: "controls/listbox-activedescendant", page: "controls/listbox-activedescendant.html",
		reason: "a listbox that moves aria-activedescendant",
		steps:  []step{pick("Kiwi", "Fruit basket"), value("Fruit basket", "Kiwi")}, log: []string{"basket=Kiwi"},
	},
	{
		name: "controls/readonly", page: "controls/readonly.html",
		reason: "a read-only field is not typed into: the error says so",
		steps:  []step{fill("Order number", "B-2")},
		fail:   `timed out after 1s waiting to fill in "Order number" (N attempts): last seen: found but read-only: input "A-1001"`,
	},
	{
		name: "controls/file", page: "controls/file.html",
		reason: "a file input",
		steps:  []step{attach("note.txt", "Attachment")}, log: []string{"file=note.txt"},
	},
	{
		name: "controls/double-click-to-edit", page: "controls/dblclick.html",
		reason: "TodoMVC's double-click to edit",
		steps:  []step{dblclick("Buy milk"), value(".edit", "Buy milk")}, log: []string{"editing"},
	},
	{
		name: "controls/hover-menu", page: "controls/hover-menu.html",
		reason: "a menu shown by CSS :hover: hover its title, then click an item",
		steps:  []step{hidden("Laptops"), hover("Products"), click("Laptops")}, log: []string{"laptops"},
	},
	{
		name: "controls/press-enter", page: "controls/type-keys.html",
		reason: "a search run by Enter, typed after a click",
		steps:  []step{click("Search"), typeText("green tea"), press("Enter")}, log: []string{"search=green tea"},
	},
	{
		name: "controls/zero-size-checkbox", page: "controls/zero-size-input.html",
		reason: "a checkbox of zero size is checked through its label",
		steps:  []step{check("Send me a copy"), checked("Send me a copy")}, log: []string{"zero=true"},
	},
	{
		name: "controls/hover-tooltip", page: "controls/tooltip.html",
		reason: "a tooltip shown a moment after the pointer rests on its button",
		steps:  []step{hover("Help"), see("Opens the manual in a new tab")}, log: []string{"tooltip"},
	},
	{
		name: "controls/input-mask", page: "controls/input-mask.html",
		reason: "a phone field reformatted on every input event (input-mask libraries)",
		steps:  []step{fill("Phone", "5551234567"), value("Phone", "(555) 123-4567"), moveOn}, log: []string{"phone=(555) 123-4567"},
	},
	{
		name: "controls/floating-label", page: "controls/floating-label.html",
		reason: "a Material-style label laid over its input",
		steps:  []step{fill("Email", "ann@example.com")}, log: []string{"email=ann@example.com"},
	},
	{
		name: "controls/fake-placeholder-over-input", page: "controls/floating-label.html",
		reason: "a styled placeholder laid over the input that hides when the input has focus: typing goes in by focus",
		steps:  []step{fill("City", "Lyon"), value("City", "Lyon")}, log: []string{"city=Lyon"},
	},
	{
		name: "controls/enhanced-select", page: "controls/enhanced-select.html",
		reason: "a native select kept, visually hidden, under a custom widget that mirrors it (Select2, Choices.js): it is chosen by its label",
		steps:  []step{pick("Portugal", "Country"), value("Country", "Portugal"), see("Portugal")}, log: []string{"country=pt"},
	},
	{
		name: "controls/form-get-navigates", page: "controls/form-get.html",
		reason: "a form whose button takes the browser to the results page",
		steps:  []step{fill("Plan", "team"), click("Compare"), onPath("/controls/landing.html?plan=team"), see("Plans for every team.")},
	},
}
