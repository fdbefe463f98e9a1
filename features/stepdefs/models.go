// Package stepdefs is the demo store's own Go layer for the project's features:
// its factory models, named pages and the domain steps of the returns story. It
// is what a user of Romaine writes for their own app, on top of the library.
package stepdefs

import (
	"fmt"
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

// Factories defines the demo store's models.
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
	}, factories.Aliases("garment", "garments")))
	user := func(f *gofakeit.Faker, n int) User {
		name := f.FirstName()
		return User{Name: name, Email: fmt.Sprintf("%s.%d@example.com", strings.ToLower(name), n), Password: "secret-" + f.LetterN(6)}
	}
	must(factories.Define(r, "customer", user))
	must(factories.Define(r, "owner", user, factories.Plural("owners")))
	must(factories.Define(r, "order", func(f *gofakeit.Faker, n int) Order {
		return Order{Quantity: 1, Status: "delivered"}
	}))
	return r
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
