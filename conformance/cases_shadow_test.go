package conformance_test

import "github.com/romaine-bdd/romaine/support"

// Open shadow roots with slots: slotted text in buttons and links, nested
// hosts, named slots, fallback content, fields in components, declarative
// shadow DOM.
var shadowCases = []tc{
	{
		name: "shadow/button-slotted-text", page: "shadow/buttons.html",
		reason: "a component button whose label is its slotted text",
		steps:  []step{click("Save changes")}, log: []string{"click save"},
	},
	{
		name: "shadow/button-icon-slot", page: "shadow/buttons.html",
		reason: "a component button with an icon in a named slot and its text in the default one",
		steps:  []step{clickAs("Upload file", support.ButtonKind)}, log: []string{"click upload"},
	},
	{
		name: "shadow/slot-fallback", page: "shadow/buttons.html",
		reason: "a component button with nothing slotted shows its fallback text",
		steps:  []step{click("Submit")}, log: []string{"click fallback"},
	},
	{
		name: "shadow/link-slotted-text", page: "shadow/buttons.html",
		reason: "a component link: an <a href><span><slot> in the shadow tree, the text slotted",
		steps:  []step{clickAs("Documentation", support.LinkKind)}, log: []string{"click docs"},
	},
	{
		name: "shadow/icon-button-aria-label", page: "shadow/buttons.html",
		reason: "an icon-only component button named by aria-label inside its shadow tree",
		steps:  []step{click("Close panel")}, log: []string{"click close"},
	},
	{
		name: "shadow/nested-hosts", page: "shadow/nested.html",
		reason: "a button component inside a toolbar component's shadow tree",
		steps:  []step{click("Italic")}, log: []string{"click italic"},
	},
	{
		name: "shadow/named-slots-scope", page: "shadow/cards.html",
		reason: "the Choose button of the card whose title slot says Team plan",
		steps:  []step{click(support.Loc("Choose", support.WithinContaining("ds-card", "Team plan")))}, log: []string{"click choose team"},
	},
	{
		name: "shadow/named-slot-fallback", page: "shadow/cards.html",
		reason: "a named slot with nothing slotted shows its fallback text",
		steps:  []step{see("Untitled A card with no title.")},
	},
	{
		name: "shadow/field-label-in-shadow", page: "shadow/fields.html",
		reason: "a text field whose label and input both live in the component's shadow tree",
		steps:  []step{fill("Email", "ann@example.com"), value("Email", "ann@example.com"), moveOn}, log: []string{"email=ann@example.com"},
	},
	{
		name: "shadow/field-host-labelledby", page: "shadow/fields.html",
		reason: "a component field labelled from the page by aria-labelledby on its host",
		steps:  []step{fill("Phone", "555 0100"), moveOn}, log: []string{"phone=555 0100"},
	},
	{
		name: "shadow/checkbox-slotted-label", page: "shadow/fields.html",
		reason: "a checkbox component whose label is slotted text",
		steps:  []step{check("Accept cookies"), checked("Accept cookies")}, log: []string{"checkbox=true"},
	},
	{
		name: "shadow/select-in-shadow", page: "shadow/fields.html",
		reason: "a native select inside a component",
		steps:  []step{pick("GBP", "Currency"), value("Currency", "GBP")}, log: []string{"select=GBP"},
	},
	{
		name: "shadow/listbox-slotted-options", page: "shadow/listbox.html",
		reason: "a listbox component whose options are the host's children, slotted into it",
		steps:  []step{pick("Pro", "Plan")}, log: []string{"option=Pro"},
	},
	{
		name: "shadow/listbox-no-option", page: "shadow/listbox.html",
		reason: "a missing option: the error lists the slotted options",
		steps:  []step{pick("Gold", "Plan")},
		fail:   `timed out after 1s waiting to select "Gold" from "Plan" (N attempts): last seen: no option "Gold" in "Plan"; options: "Free", "Pro", "Enterprise"`,
	},
	{
		name: "shadow/text-across-slot", page: "shadow/text.html",
		reason: "a sentence whose middle is slotted from the page",
		steps:  []step{see("Welcome back, Ann. You have mail.")},
	},
	{
		name: "shadow/hidden-host", page: "shadow/text.html",
		reason: "a dialog component hidden by :host([hidden]) shows nothing",
		steps:  []step{notSee("Delete everything?"), hidden("Confirm")},
	},
	{
		name: "shadow/declarative", page: "shadow/declarative.html",
		reason: "a server-rendered declarative shadow root (<template shadowrootmode>)",
		steps:  []step{see("Green tea"), click("Buy now")}, log: []string{"click buy"},
	},
	{
		name: "shadow/link-title-in-card", page: "shadow/link-in-shadow-card.html",
		reason: "a component link with bold text, slotted as a card's title",
		steps:  []step{clickAs("Ten teas to try", support.LinkKind)}, log: []string{"click article"},
	},
	{
		name: "shadow/closed-root", page: "shadow/closed.html",
		reason: "a closed shadow root stays closed, as it does for assistive tools: the error says nothing is found",
		steps:  []step{click("Subscribe")},
		fail:   `timed out after 1s waiting to click "Subscribe" (N attempts): last seen: no button, link, field or visible text "Subscribe"`,
	},
}
