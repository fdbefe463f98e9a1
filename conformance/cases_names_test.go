package conformance_test

import "github.com/romaine-bdd/romaine/support"

// Names of controls: today's names (text, label, placeholder, aria-label,
// title, name, id) and the accessible name (accname 1.2) as a further one.
var nameCases = []tc{
	{
		name: "names/text-hidden-between-letters", page: "names/text-shapes.html",
		reason: "a button whose word is split around a hidden badge reads as shown: \"Archive\"",
		steps:  []step{clickAs("Archive", support.ButtonKind)}, log: []string{"archive"},
	},
	{
		name: "names/text-css-capitals", page: "names/text-shapes.html",
		reason: "a button in CSS capitals is named as shown, \"PUBLISH NOW\", and as written",
		steps:  []step{clickAs("PUBLISH NOW", support.ButtonKind), clickAs("Publish now", support.ButtonKind)}, log: []string{"publish", "publish"},
	},
	{
		name: "names/text-css-capitals-non-ascii", page: "names/text-shapes.html",
		reason: "CSS capitals of \"Straße\" read \"STRASSE\": one letter shown as two",
		steps:  []step{clickAs("STRASSE", support.ButtonKind)}, log: []string{"strasse"},
	},
	{
		name: "names/text-two-lines", page: "names/text-shapes.html",
		reason: "a button of two block lines reads them with a space between",
		steps:  []step{clickAs("Edit row 7", support.ButtonKind)}, log: []string{"edit"},
	},
	{
		name: "names/label-hidden-between-words", page: "names/text-shapes.html",
		reason: "a label with a hidden note between its words and a required marker names its field by what shows",
		steps:  []step{fill("Email address", "ann@example.com")}, log: []string{"mail=ann@example.com"},
	},
	{
		name: "names/closest-as-shown", page: "names/text-shapes.html",
		reason: "a name mistyped: the error offers the closest as the page shows it",
		steps:  []step{clickAs("Publsh now", support.ButtonKind)},
		fail:   `timed out after 1s waiting to click "Publsh now" (N attempts): last seen: no button with text, value, aria-label, title or id "Publsh now"; closest: "PUBLISH NOW"`,
	},
	{
		name: "names/icon-alt", page: "names/icon-alt.html",
		reason: "an icon button whose only name is its image's alt (toolbars, editors)",
		steps:  []step{clickAs("Archive", support.ButtonKind)}, log: []string{"archive"},
	},
	{
		name: "names/link-logo-alt", page: "names/link-img-alt.html",
		reason: "the site logo is a link named by the logo's alt",
		steps:  []step{click("Acme")}, log: []string{"home"},
	},
	{
		name: "names/link-decorative-img", page: "names/link-img-alt.html",
		reason: "an image with alt=\"\" is decoration: the link is named by its text",
		steps:  []step{clickAs("Shop", support.LinkKind)}, log: []string{"shop"},
	},
	{
		name: "names/svg-title", page: "names/svg-title.html",
		reason: "an SVG icon's <title> names the button around it (close buttons of alerts)",
		steps:  []step{click("Dismiss")}, log: []string{"close"},
	},
	{
		name: "names/aria-hidden-icon-exact", page: "names/aria-hidden-icon.html",
		reason: "an icon-font ligature marked aria-hidden is not part of the name: \"Remove\" is the button named exactly so, not also \"Remove all\"",
		steps:  []step{click("Remove")}, log: []string{"remove"},
	},
	{
		name: "names/input-image-alt", page: "names/input-image.html",
		reason: "<input type=image> is named by its alt",
		steps:  []step{fill("Query", "tea"), click("Search")}, log: []string{"search:tea"},
	},
	{
		name: "names/input-submit-default", page: "names/input-default-labels.html",
		reason: "<input type=submit> without a value shows and is named \"Submit\"",
		steps:  []step{click("Submit")}, log: []string{"submit"},
	},
	{
		name: "names/input-reset-default", page: "names/input-default-labels.html",
		reason: "<input type=reset> without a value shows and is named \"Reset\"",
		steps:  []step{click("Reset")}, log: []string{"reset"},
	},
	{
		name: "names/label-nested-markup", page: "names/label-nested.html",
		reason: "a wrapping label whose text sits in nested spans with a required marker",
		steps:  []step{fill("Email", "ann@example.com"), value("Email", "ann@example.com")}, log: []string{"email=ann@example.com"},
	},
	{
		name: "names/label-hidden-hint", page: "names/label-hidden-hint.html",
		reason: "a hidden hint inside a label is not part of its name: \"Password\" is that field exactly, not also \"Confirm password\"",
		steps:  []step{fill("Password", "s3cret")}, log: []string{"pw=s3cret"},
	},
	{
		name: "names/labelledby-chain", page: "names/labelledby-chain.html",
		reason: "aria-labelledby joins a section heading and a field label, in order",
		steps:  []step{fill("Billing Postcode", "75001")}, log: []string{"bill=75001"},
	},
	{
		name: "names/labelledby-hidden-target", page: "names/labelledby-hidden.html",
		reason: "aria-labelledby may point at a hidden element: its text still names the field",
		steps:  []step{fill("Search the catalogue", "oolong")}, log: []string{"q=oolong"},
	},
	{
		name: "names/labelledby-self-and-row", page: "names/labelledby-self.html",
		reason: "a row's Delete button labelled by itself and the row's file name (the accessible-table pattern)",
		steps:  []step{click("Delete notes.txt")}, log: []string{"delete notes.txt"},
	},
	{
		name: "names/labelledby-self-ambiguous", page: "names/labelledby-self.html",
		reason: "the visible text alone is two buttons: the error lists both, where each is",
		steps:  []step{click("Delete")},
		fail:   `timed out after 1s waiting to click "Delete" (N attempts): last seen: ambiguous: 2 candidates: button#d1 "Delete", button#d2 "Delete"; narrow it with within "..." or a selector`,
	},
	{
		name: "names/role-button-tooltip", page: "names/role-button-tooltip.html",
		reason: "an icon-only role=button named by its (hidden) tooltip through aria-labelledby",
		steps:  []step{click("Archive conversation")}, log: []string{"archive"},
	},
	{
		name: "names/aria-label-over-text", page: "names/aria-label-links.html",
		reason: "\"Read more\" links told apart by their aria-label",
		steps:  []step{click("Read more about our new office")}, log: []string{"office"},
	},
	{
		name: "names/same-text-ambiguous", page: "names/aria-label-links.html",
		reason: "two links read the same: an error that lists them rather than a guess",
		steps:  []step{click("Read more")},
		fail:   `timed out after 1s waiting to click "Read more" (N attempts): last seen: ambiguous: 2 candidates: a "Read more" in article "Pricing changes What changes in May. ...", a "Read more" in article "New office We moved. Read more"; narrow it with within "..." or a selector`,
	},
	{
		name: "names/summary", page: "names/summary.html",
		reason: "a <summary> is clicked by its text and opens its <details>",
		steps:  []step{notSee("Delivered in 3 days"), click("Shipping details"), see("Delivered in 3 days")},
	},
	{
		name: "names/scope-fieldset-legend", page: "names/scope-legend.html",
		reason: "within a fieldset named by its legend: the same radio label in two groups",
		steps:  []step{choose(L("Express", "Billing")), checked(L("Express", "Billing")), unchecked(L("Express", "Shipping method"))}, log: []string{"bill=express"},
	},
	{
		name: "names/scope-radiogroup", page: "names/scope-legend.html",
		reason: "within an ARIA radiogroup labelled by a span",
		steps:  []step{choose(L("Yes", "Gift wrap"))}, log: []string{"gift=yes"},
	},
	{
		name: "names/scope-table-caption", page: "names/scope-caption.html",
		reason: "within a table named by its caption",
		steps:  []step{click(L("Edit", "Paid invoices"))}, log: []string{"edit 0999"},
	},
	{
		name: "names/scope-figcaption", page: "names/scope-figcaption.html",
		reason: "within a figure named by its figcaption",
		steps:  []step{click(L("Download", "Visitors by country"))}, log: []string{"download visitors"},
	},
	{
		name: "names/scope-dialog", page: "names/scope-dialog.html",
		reason: "within a dialog labelled by its heading",
		steps:  []step{click(L("Delete", "Delete file?"))}, log: []string{"dialog delete"},
	},
	{
		name: "names/scope-region-aria-label", page: "names/scope-region.html",
		reason: "within a section named by aria-label",
		steps:  []step{fill(L("Email", "Newsletter"), "ann@example.com"), click(L("Send", "Newsletter"))}, log: []string{"news=ann@example.com", "news send"},
	},
	{
		name: "names/scope-region-labelledby", page: "names/scope-region.html",
		reason: "within a section labelled by its heading",
		steps:  []step{click(L("Send", "Contact us"))}, log: []string{"contact send"},
	},
	{
		name: "names/scope-details-summary", page: "names/scope-details.html",
		reason: "within a <details> named by its summary",
		steps:  []step{click(L("Apply", "Sort"))}, log: []string{"apply sort"},
	},
	{
		name: "names/content-through-nested", page: "names/nested-content.html",
		reason: "name from content through nested inline elements, an aria-hidden icon left out",
		steps:  []step{click("Add to cart")}, log: []string{"add"},
	},
	{
		name: "names/img-alt-and-text", page: "names/img-and-text-link.html",
		reason: "a link of a logo and a word is named by both",
		steps:  []step{click("Acme Store")}, log: []string{"brand"},
	},
	{
		name: "names/select-label-markup", page: "names/select-label-markup.html",
		reason: "a select labelled with a required marker",
		steps:  []step{pick("France", "Country"), value("Country", "France")}, log: []string{"country=fr"},
	},
	{
		name: "names/title-icon-button", page: "names/title-icon.html",
		reason: "an icon button named by its title",
		steps:  []step{click("Settings")}, log: []string{"settings"},
	},
	{
		name: "names/label-around-select", page: "names/embedded-select.html",
		reason: "\"Show [25] entries\": the label around a select names it, its options do not",
		steps:  []step{pick("50", "Show entries")}, log: []string{"length=50"},
	},
	{
		name: "names/checkbox-label-with-link", page: "names/checkbox-label-link.html",
		reason: "a checkbox whose label holds a link: checking it does not follow the link",
		steps:  []step{check("I accept the terms of service"), checked("I accept the terms of service")}, log: []string{"accept=true"},
	},
	{
		name: "names/svg-role-img", page: "names/svg-role-img.html",
		reason: "social icon links: an <svg role=img aria-label> names its link",
		steps:  []step{click("Mastodon")}, log: []string{"mastodon"},
	},
	{
		name: "names/sr-only-text", page: "names/sr-only.html",
		reason: "visually hidden text (the .sr-only pattern) still names the button",
		steps:  []step{click("Open menu")}, log: []string{"menu"},
	},
	{
		name: "names/css-content-nameless", page: "names/css-content.html",
		reason: "a button with no content but CSS ::after text is named by it",
		steps:  []step{click("Next page")}, log: []string{"next"},
	},
	{
		name: "names/css-icon-font-title", page: "names/css-content.html",
		reason: "an icon-font glyph drawn by ::before is no name; the title is",
		steps:  []step{click("Settings")}, log: []string{"settings"},
	},
	{
		name: "names/option-aria-label", page: "names/option-aria-label.html",
		reason: "an ARIA option named by aria-label, its text showing the price",
		steps:  []step{pick("Pro plan", "Plan")}, log: []string{"plan=pro"},
	},
	{
		name: "names/two-labels", page: "names/multiple-labels.html",
		reason: "a field with two <label for>: either names it",
		steps:  []step{fill("Quantity", "3"), fill("(at most 10)", "4")}, log: []string{"qty=3", "qty=4"},
	},
	{
		name: "names/label-for-button", page: "names/label-for-button.html",
		reason: "a <label for> a button names it too",
		steps:  []step{click("Run the report")}, log: []string{"run"},
	},
	{
		name: "names/icon-title-in-link", page: "names/icon-title-label.html",
		reason: "an icon-font <i title> is the only name of its link (admin tables)",
		steps:  []step{click("Edit row")}, log: []string{"edit"},
	},
	{
		name: "names/icon-aria-label-in-button", page: "names/icon-title-label.html",
		reason: "a role=img icon with aria-label names its button",
		steps:  []step{click("Add to favourites")}, log: []string{"star"},
	},
}
