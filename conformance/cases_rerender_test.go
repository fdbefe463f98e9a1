package conformance_test

// Re-rendering: nodes replaced on every render, on a timer, on hover; targets
// that move; content and handlers that arrive late.
var rerenderCases = []tc{
	{
		name: "rerender/replace-on-render", page: "rerender/replace-on-render.html",
		reason: "a framework that rebuilds the buttons on every keystroke: the Add button typed next to is a new node",
		steps:  []step{fill("New todo", "Milk"), click("Add"), see("Milk"), value("New todo", "")}, log: []string{"add Milk"},
	},
	{
		name: "rerender/list-on-a-timer", page: "rerender/timer-list.html",
		reason: "a list rebuilt every 50 ms: the button is a new node at every frame, and is clicked once",
		steps:  []step{click("Pick banana")}, log: []string{"pick banana"},
	},
	{
		name: "rerender/replaced-on-hover", page: "rerender/replaced-on-hover.html",
		reason: "a button replaced by its hover render as the pointer arrives: the click lands on the new one",
		steps:  []step{click("Add to basket")}, log: []string{"added (hover render)"},
	},
	{
		name: "rerender/recycled-on-hover", page: "rerender/recycled-on-hover.html",
		reason: "a list that reorders when its first button is hovered: the button named is clicked, not the one that took its place",
		steps:  []step{click("First")}, log: []string{"clicked First"},
	},
	{
		name: "rerender/moves-after-load", page: "rerender/moves-after-load.html",
		reason: "a late banner pushes the button down just as it is clicked",
		steps:  []step{arm, click("Checkout")}, log: []string{"checkout"},
	},
	{
		name: "rerender/late-deferred-script", page: "rerender/late-defer.html",
		reason: "handlers attached by a slow deferred script, which the page's DOMContentLoaded waits for",
		steps:  []step{click("Start trial")}, log: []string{"late defer"},
	},
	{
		name: "rerender/hydration", page: "rerender/hydration.html",
		reason: "server-rendered buttons disabled until the page hydrates",
		steps:  []step{click("Add to cart")}, log: []string{"hydrated click"},
	},
	{
		name: "rerender/toggle-if", page: "rerender/toggle-if.html",
		reason: "content put in and taken out by a v-if, the toggle's text changing",
		steps:  []step{click("Show details"), see("Ships in 2 days."), click("Hide details"), notSee("Ships in 2 days.")},
	},
	{
		name: "rerender/controlled-input", page: "rerender/controlled-input.html",
		reason: "a controlled input that rewrites its value on every input",
		steps:  []step{fill("Voucher code", "spring24"), value("Voucher code", "SPRING24"), moveOn}, log: []string{"code=SPRING24"},
	},
	{
		name: "rerender/debounced-search", page: "rerender/debounced-search.html",
		reason: "results that appear 300 ms after the typing stops",
		steps:  []step{fill("Search teas", "tea"), see("3 results for tea"), count("#results li", 3)},
	},
	{
		name: "rerender/skeleton", page: "rerender/skeleton.html",
		reason: "a skeleton replaced by fetched content: the real button is waited for",
		steps:  []step{click("Oolong"), notSee("Loading...")}, log: []string{"tea Oolong"},
	},
	{
		name: "rerender/optimistic-toggle", page: "rerender/optimistic.html",
		reason: "a button whose text changes as it is clicked (Like, Unlike)",
		steps:  []step{click("Like"), click("Unlike"), visible("Like")}, log: []string{"like", "unlike"},
	},
	{
		name: "rerender/removed-on-pointerdown", page: "rerender/removed-on-press.html",
		reason: "a button that removes itself on pointerdown: the press was the action",
		steps:  []step{click("Dismiss on pointerdown"), hidden("Dismiss on pointerdown")}, log: []string{"down removed"},
	},
	{
		name: "rerender/removed-on-pointerup", page: "rerender/removed-on-press.html",
		reason: "a button that removes itself on pointerup",
		steps:  []step{click("Dismiss on pointerup"), hidden("Dismiss on pointerup")}, log: []string{"up removed"},
	},
	{
		name: "rerender/list-grows", page: "rerender/list-add.html",
		reason: "each click adds an item; the count is what a person counts",
		steps:  []step{click("Add item"), click("Add item"), click("Add item"), count("li.item", 3), see("Item 3")}, log: []string{"add", "add", "add"},
	},
	{
		name: "rerender/inserted-later", page: "rerender/inserted-later.html",
		reason: "a button that exists only once data arrives",
		steps:  []step{click("Download invoice")}, log: []string{"download"},
	},
	{
		name: "rerender/spa-route", page: "rerender/spa-route.html",
		reason: "a single-page app's link: the address changes by pushState and the view after",
		steps:  []step{click("About"), onPath("/rerender/spa-route.html?tab=about"), see("About us")},
	},
	{
		name: "rerender/status-text", page: "rerender/save-states.html",
		reason: "a status that goes Saving..., then Saved",
		steps:  []step{click("Save"), see("Saved"), notSee("Saving...")}, log: []string{"saved"},
	},
	{
		name: "rerender/reordered", page: "rerender/sorted.html",
		reason: "a list re-ordered just after a click: the next click finds the item where it went",
		steps:  []step{click("Sort by name"), click("Fig")}, log: []string{"open Fig"},
	},
	{
		name: "rerender/x-show", page: "rerender/x-show.html",
		reason: "a menu shown by an inline style (Alpine's x-show)",
		steps:  []step{hidden("Rename"), click("Options"), click("Duplicate")}, log: []string{"duplicate"},
	},
	{
		name: "rerender/select-swapped-options-late", page: "rerender/select-async.html",
		reason: "a select whose options arrive from the server in a new <select> put in its place",
		steps:  []step{pick("Rome", "City"), value("City", "Rome")}, log: []string{"city=Rome"},
	},
}
