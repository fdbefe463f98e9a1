package factories_test

import (
	"fmt"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/romaine-bdd/romaine/factories"
)

type Product struct {
	SKU    string  `json:"sku"`
	Name   string  `json:"name"`
	Colour string  `json:"colour"`
	Price  float64 `json:"price"`
	Stock  int     `json:"stock"`
}

func Example() {
	// At suite start: define models once.
	reg := factories.NewRegistry()
	err := factories.Define(reg, "product", func(f *gofakeit.Faker, seq int) Product {
		return Product{
			SKU:    fmt.Sprintf("SKU-%04d", seq),
			Name:   f.ProductName(),
			Colour: f.SafeColor(),
			Price:  f.Price(5, 50),
			Stock:  f.IntRange(1, 20),
		}
	}, factories.Aliases("sweater"))
	if err != nil {
		panic(err)
	}

	// Per scenario: a session with a fixed seed always makes the same data.
	s := reg.NewSession(42, nil)
	for range 2 {
		p, err := s.Build("products", map[string]string{"colour": "black", "stock": "3"})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %q %s £%.2f stock %v\n", p["sku"], p["name"], p["colour"], p["price"], p["stock"])
	}
	fmt.Println("seed", s.Seed())
	// Output:
	// SKU-0001 "Headphones Robust Touchscreen" black £22.24 stock 3
	// SKU-0002 "Aqua Marble Printer" black £21.27 stock 3
	// seed 42
}
