package factories

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/brianvoe/gofakeit/v6"
)

// The shop models use every capability: traits (one with a hook), two
// associations, a transient attribute, after-build and after-create hooks.
type shopProduct struct {
	Name   string  `json:"name"`
	Colour string  `json:"colour"`
	Price  float64 `json:"price"`
	Stock  int     `json:"stock"`
}

type shopCustomer struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type shopOrder struct {
	CustomerID    int      `json:"customer_id,omitempty"`
	CustomerEmail string   `json:"customer_email,omitempty"`
	ProductID     int      `json:"product_id,omitempty"`
	Quantity      int      `json:"quantity"`
	Status        string   `json:"status"`
	RefundMethod  string   `json:"refund_method,omitempty"`
	Lines         []string `json:"lines"`
}

func newShopRegistry(t testing.TB) *Registry {
	t.Helper()
	r := NewRegistry()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(Define(r, "product", func(f *gofakeit.Faker, seq int) shopProduct {
		return shopProduct{Name: fmt.Sprintf("%s %d", f.ProductName(), seq), Colour: f.SafeColor(),
			Price: float64(f.Number(500, 9900)) / 100, Stock: f.Number(1, 20)}
	},
		Trait("sold out", map[string]string{"stock": "0"}),
		Trait("discounted", nil, func(r *Record) error {
			price, _ := r.Attrs["price"].(float64)
			r.Attrs["price"] = math.Round(price*80) / 100
			return nil
		})))
	must(Define(r, "customer", func(f *gofakeit.Faker, seq int) shopCustomer {
		return shopCustomer{Name: f.FirstName(), Email: fmt.Sprintf("customer%d@example.test", seq)}
	},
		Transient("order_count", "0"),
		AfterCreate(func(ctx context.Context, r *Record) error {
			n, err := r.TransientInt("order_count")
			if err != nil {
				return err
			}
			for range n {
				if _, err := r.Session().CreateSpec(ctx, "order", Spec{Records: map[string]Attrs{"customer": r.Attrs}}); err != nil {
					return err
				}
			}
			return nil
		})))
	must(Define(r, "order", func(f *gofakeit.Faker, seq int) shopOrder {
		return shopOrder{Quantity: 1, Status: "placed"}
	},
		Association("customer", "customer", map[string]string{"customer_id": "id"}, "customer_email"),
		Association("product", "product", map[string]string{"product_id": "id"}),
		Trait("delivered", map[string]string{"status": "delivered"}),
		Trait("refunded", map[string]string{"status": "refunded", "refund_method": "card"}),
		Trait("gift", map[string]string{"item_count": "2", "product.colour": "gold"}),
		Transient("item_count", "1"),
		AfterBuild(func(r *Record) error {
			n, err := r.TransientInt("item_count")
			if err != nil {
				return err
			}
			lines := make([]any, n)
			for i := range lines {
				lines[i] = fmt.Sprintf("item %d of %v", i+1, r.Associated["product"]["name"])
			}
			r.Attrs["lines"], r.Attrs["quantity"] = lines, n // an int: Build must still give float64
			return nil
		})))
	return r
}
