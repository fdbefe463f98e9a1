package coverage_test

import (
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/coverage"
)

// A text profile as go test -coverprofile writes it; the same block listed
// twice (two profiles concatenated) counts once, its counts added.
const profile = `mode: count
example.com/shop/cart.go:10.2,12.16 2 3
example.com/shop/cart.go:12.16,14.3 1 0
example.com/shop/cart.go:10.2,12.16 2 1
example.com/shop/api/orders.go:5.30,9.2 4 0
example.com/shop/api/orders.go:9.2,11.2 2 5
mode: count
`

func TestGoProfile(t *testing.T) {
	p, err := coverage.ReadGoProfile(strings.NewReader(profile))
	if err != nil {
		t.Fatal(err)
	}
	files := p.Files()
	if got := files["example.com/shop/cart.go"]; got != (coverage.Ratio{Covered: 2, Total: 3}) {
		t.Errorf("cart.go: %+v, want 2 of 3 statements (a block listed twice counts once)", got)
	}
	if got := p.Total(); got != (coverage.Ratio{Covered: 4, Total: 9}) {
		t.Errorf("total %+v, want 4 of 9", got)
	}
	var sum strings.Builder
	if err := p.WriteSummary(&sum, "test"); err != nil {
		t.Fatal(err)
	}
	want := `Go statements covered, by package (test):
    66.7%       2 of 3       example.com/shop
    33.3%       2 of 6       example.com/shop/api
    44.4%       4 of 9       total
`
	if sum.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", sum.String(), want)
	}
	for _, bad := range []string{"mode: set\ncart.go:1.1,2.2 x 1\n", "cart.go:1.1,2.2 1 1\n", "mode: set\nnot a block\n"} {
		if _, err := coverage.ReadGoProfile(strings.NewReader(bad)); err == nil {
			t.Errorf("%q read without an error", bad)
		}
	}
}
