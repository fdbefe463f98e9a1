// Package stepdefs is the demo store's own Go layer for the project's features:
// its factory models, named pages and the domain steps of the returns story. It
// is what a user of Romaine writes for their own app, on top of the library.
package stepdefs

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/romaine-bdd/romaine/factories"
	"github.com/romaine-bdd/romaine/terrain"
)

// Product is the demo store's product as its factory endpoint takes it.
type Product struct {
	Name   string  `json:"name"`
	Colour string  `json:"colour"`
	Size   string  `json:"size"`
	Price  float64 `json:"price"`
	Stock  int     `json:"stock"`
}

// User is a customer or the store owner.
type User struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Password string `json:"password"`
}

// Account is a user of either role, for the "user" factory.
type Account struct {
	User
	Role string `json:"role"`
}

// Order is a customer's order of a product.
type Order struct {
	CustomerID    int    `json:"customer_id,omitempty"`
	ProductID     int    `json:"product_id,omitempty"`
	CustomerEmail string `json:"customer_email,omitempty"`
	ProductName   string `json:"product_name,omitempty"`
	ProductColour string `json:"product_colour,omitempty"` // with product_name, when several share it
	Quantity      int    `json:"quantity"`
	Status        string `json:"status"`
	RefundMethod  string `json:"refund_method,omitempty"` // card or store_credit, for a refunded order
}

// Factories defines the demo store's models. Between them they use every
// capability of the factories package, as the feature
// features/factories.feature shows.
func Factories() *factories.Registry {
	r := factories.NewRegistry()
	must(factories.Define(r, "product", func(f *gofakeit.Faker, n int) Product {
		return Product{
			Name:   strings.ToLower(f.RandomString([]string{"sweater", "scarf", "jacket", "hat", "sock"})) + fmt.Sprintf(" %d", n),
			Colour: f.SafeColor(),
			Size:   f.RandomString([]string{"S", "M", "L", "XL"}),
			Price:  float64(f.Number(500, 9900)) / 100,
			Stock:  f.Number(1, 20),
		}
	},
		factories.Aliases("garment", "garments"),
		factories.Trait("sold out", map[string]string{"stock": "0"}),
		factories.Trait("discounted", nil, discount(20))))
	must(factories.Define(r, "customer", user,
		// order_count makes that many delivered orders of the customer once stored.
		factories.Transient("order_count", "0"),
		factories.AfterCreate(ordersOfCustomer)))
	must(factories.Define(r, "owner", user, factories.Plural("owners")))
	must(factories.Define(r, "user", func(f *gofakeit.Faker, n int) Account {
		// Numbered per run: unique even in an app that is not reset between scenarios.
		return Account{User: User{Name: f.FirstName(), Email: fmt.Sprintf("user%d@example.com", n), Password: "secret-" + f.LetterN(6)}, Role: "customer"}
	},
		factories.PerRunSequence(),
		factories.Trait("owner", map[string]string{"role": "owner"}),
		factories.Trait("customer", map[string]string{"role": "customer"})))
	must(factories.Define(r, "order", func(f *gofakeit.Faker, n int) Order {
		return Order{Quantity: 1, Status: "delivered"}
	},
		// The demo also accepts customer_email and product_name(+colour) to
		// name them; given those, nothing is made.
		factories.Association("customer", "customer", map[string]string{"customer_id": "id"}, "customer_email"),
		factories.Association("product", "product", map[string]string{"product_id": "id"}, "product_name", "product_colour"),
		factories.Trait("delivered", map[string]string{"status": "delivered"}),
		factories.Trait("return requested", map[string]string{"status": "return_requested"}),
		factories.Trait("refunded", map[string]string{"status": "refunded"}),
		factories.Trait("refunded as store credit", map[string]string{"status": "refunded", "refund_method": "store_credit"}),
		// item_count is how many of the product the order is for.
		factories.Transient("item_count", "1"),
		factories.AfterBuild(func(r *factories.Record) error {
			n, err := r.TransientInt("item_count")
			if err != nil {
				return err
			}
			r.Attrs["quantity"] = n
			return nil
		})))
	return r
}

func user(f *gofakeit.Faker, n int) User {
	name := f.FirstName()
	return User{Name: name, Email: fmt.Sprintf("%s.%d@example.com", strings.ToLower(name), n), Password: "secret-" + f.LetterN(6)}
}

// discount takes percent off the built price, whatever it is, to the cent.
func discount(percent float64) func(*factories.Record) error {
	return func(r *factories.Record) error {
		price, ok := r.Attrs["price"].(float64)
		if !ok {
			return fmt.Errorf("discounted: price is %v, not a number", r.Attrs["price"])
		}
		r.Attrs["price"] = math.Round(price*(100-percent)) / 100
		return nil
	}
}

// ordersOfCustomer makes the customer's order_count delivered orders.
func ordersOfCustomer(ctx context.Context, r *factories.Record) error {
	n, err := r.TransientInt("order_count")
	if err != nil {
		return err
	}
	for range n {
		spec := factories.Spec{Traits: []string{"delivered"}, Records: map[string]factories.Attrs{"customer": r.Attrs}}
		if _, err := r.Session().CreateSpec(ctx, "order", spec); err != nil {
			return err
		}
	}
	return nil
}

// Pages are the named pages of  Given I am on the NAME page .
func Pages() []terrain.Option {
	return []terrain.Option{
		terrain.WithPage("sign in", "/sign-in"),
		terrain.WithPage("inventory", "/inventory"),
		terrain.WithPage("orders", "/orders"),
		terrain.WithPage("returns", "/returns"),
	}
}

func must(err error) {
	if err != nil {
		panic(err) // a definition error is a programming error at suite start
	}
}
