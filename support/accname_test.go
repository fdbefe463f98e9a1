package support_test

import (
	"testing"
)

// The accessible name (inpage/25-accname.js) of each element of a page, by
// id: the names a screen reader announces, which are further names of every
// candidate. Each row is a rule of accname 1.2 or HTML-AAM, or a choice the
// spec leaves (see the part's comment).
func TestAccessibleName(t *testing.T) {
	t.Parallel()
	p, _ := open(t, site{"/": `
<button id="text">Save <b>draft</b></button>
<button id="img"><img src="data:," alt="Delete"></button>
<button id="hidden-icon"><i aria-hidden="true">trash</i> Remove</button>
<button id="svg"><svg width="10" height="10"><title>Close</title></svg></button>
<button id="label-wins" aria-label="Close dialog">X</button>
<span id="l1">Billing</span><span id="l2" hidden>postcode</span>
<input id="chain" aria-labelledby="l1 l2">
<button id="self" aria-labelledby="self f1">Delete</button><span id="f1">notes.txt</span>
<label for="pw">Password <span hidden>8 characters or more</span></label><input id="pw" type="password">
<label>Show <select id="len"><option>10</option><option selected>25</option></select> entries</label>
<label>Quantity <input id="qty" value="3"> boxes</label>
<input id="gift" type="checkbox" aria-labelledby="gift-l"><span id="gift-l">Wrap <input value="2" aria-label="how many"> gifts</span>
<input id="submit" type="submit"><input id="reset" type="reset"><input id="image" type="image" src="data:," alt="Search">
<input id="ph" placeholder="Your email"><input id="titled" title="Postcode" placeholder="e.g. 75001">
<fieldset id="fs"><legend>Shipping <em>method</em></legend></fieldset>
<table id="tb"><caption>Open invoices</caption><tr><td>1</td></tr></table>
<figure id="fig"><figcaption>Sales by month</figcaption></figure>
<a id="blocks" href="#"><div>Pricing</div><div>Plans</div></a>
<a id="br" href="#">Line<br>break</a>
<button id="vis">Buy <span style="visibility:hidden">secret</span> now</button>
<button id="css" class="css"></button>
<button id="css-icon" class="css-icon">Settings</button>
<div role="button" id="role-title" title="Archive"></div>
<button id="shy">Super&shy;market</button>
<style>.css::after { content: "Next page" } .css-icon::before { content: "\e900 " }</style>
<x-named id="host"></x-named>
<script>customElements.define('x-named', class extends HTMLElement { connectedCallback() { if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).innerHTML = '<span>Slotted: <slot>fallback</slot></span>'; } });</script>
<a id="slotted" href="#"><x-named>Ann</x-named></a>`})
	want := map[string]string{
		"text":        "Save draft",
		"img":         "Delete",
		"hidden-icon": "Remove",
		"svg":         "Close",
		"label-wins":  "Close dialog",
		"chain":       "Billing postcode",
		"self":        "Delete notes.txt",
		"pw":          "Password",
		"len":         "Show entries",
		"qty":         "Quantity boxes",
		"gift":        "Wrap 2 gifts",
		"submit":      "Submit",
		"reset":       "Reset",
		"image":       "Search",
		"ph":          "Your email",
		"titled":      "Postcode",
		"fs":          "Shipping method",
		"tb":          "Open invoices",
		"fig":         "Sales by month",
		"blocks":      "Pricing Plans",
		"br":          "Line break",
		"vis":         "Buy now",
		"css":         "Next page",
		"css-icon":    "Settings",
		"role-title":  "Archive",
		"shy":         "Supermarket",
		"slotted":     "Slotted: Ann",
	}
	for id, name := range want {
		got := part(t, p, "accName", "", "[document.getElementById('"+id+"')]")
		if got != name {
			t.Errorf("#%s: accessible name %q, want %q", id, got, name)
		}
	}
}
