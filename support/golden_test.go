package support_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

var update = flag.Bool("update", false, "rewrite support/testdata/*.golden from the messages of this run")

// The messages of failed waits are part of the product: a person reads them to
// fix a scenario. Each case renders one, with what varies from run to run (the
// attempt count, coordinates) replaced, and compares it with its golden file.
var goldenCases = []struct {
	name   string
	body   string
	do     func(context.Context, *support.Page) error
	reason string
}{
	{
		name: "missing_field_closest",
		body: `<label for="e">Email</label><input id="e"><label for="p">Password</label><input id="p" type="password">`,
		do: func(ctx context.Context, p *support.Page) error {
			return p.Fill(ctx, support.Loc("Emial"), "ada@example.com")
		},
		reason: "a typo: say what is looked for and the closest name there is",
	},
	{
		name:   "ambiguous",
		body:   `<ul><li>Pen <button>Delete</button></li><li>Ink <button>Delete</button></li></ul>`,
		do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Delete")) },
		reason: "two matches: list them and say how to choose",
	},
	{
		name:   "hidden",
		body:   `<button style="display:none">Checkout</button>`,
		do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Checkout")) },
		reason: "the element exists but is not shown",
	},
	{
		name:   "disabled",
		body:   `<button id="pay" disabled>Pay now</button>`,
		do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Pay now")) },
		reason: "the button never became enabled",
	},
	{
		name:   "covered",
		body:   `<button>Pay now</button><div class="overlay cookie-banner" style="position:fixed;inset:0">We use cookies</div>`,
		do:     func(ctx context.Context, p *support.Page) error { return p.Click(ctx, support.Loc("Pay now")) },
		reason: "something else would get the click: name it",
	},
	{
		name:   "text_not_seen",
		body:   `<h1>Sign in</h1><p>Your session has expired.</p>`,
		do:     func(ctx context.Context, p *support.Page) error { return p.ExpectText(ctx, "Welcome back") },
		reason: "show the text that was there instead",
	},
	{
		name: "scope_not_found",
		body: `<ul><li>Pen <button>Delete</button></li></ul>`,
		do: func(ctx context.Context, p *support.Page) error {
			return p.Click(ctx, support.Loc("Delete", support.WithinContaining("li", "Ink")))
		},
		reason: "the scope is what is missing, not the button",
	},
	{
		name:   "missing_option",
		body:   `<label>Size <select><option>Small</option><option>Large</option></select></label>`,
		do:     func(ctx context.Context, p *support.Page) error { return p.Select(ctx, support.Loc("Size"), "Medium") },
		reason: "list the options there are",
	},
}

var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\(\d+ attempts?\)`), "(<N> attempts)"},
	{regexp.MustCompile(`at \(\d+,\d+\)`), "at (<X>,<Y>)"},
}

func TestErrorMessagesGolden(t *testing.T) {
	t.Parallel()
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": c.body})
			err := c.do(ctx, p)
			if err == nil {
				t.Fatalf("%s: the operation passed", c.reason)
			}
			got := err.Error()
			for _, v := range volatile {
				got = v.re.ReplaceAllString(got, v.with)
			}
			got += "\n"
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./support/ -run Golden -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s: the message changed (run with -update if that is intended)\n got: %s\nwant: %s", c.reason, got, want)
			}
		})
	}
}
