package factories_test

import (
	"context"
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

type Customer struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type Order struct {
	CustomerID int    `json:"customer_id"`
	Quantity   int    `json:"quantity"`
	Status     string `json:"status"`
}

// An order makes its customer first, with the traits and nested attributes
// the step gives; the Go function store stands in for the app.
func Example_traitsAndAssociations() {
	reg := factories.NewRegistry()
	_ = factories.Define(reg, "customer", func(f *gofakeit.Faker, seq int) Customer {
		return Customer{Name: f.FirstName(), Email: fmt.Sprintf("customer%d@example.com", seq)}
	})
	_ = factories.Define(reg, "order", func(f *gofakeit.Faker, seq int) Order {
		return Order{Quantity: 1, Status: "placed"}
	},
		factories.Association("customer", "customer", map[string]string{"customer_id": "id"}),
		factories.Trait("delivered", map[string]string{"status": "delivered"}),
		factories.Transient("item_count", "1"),
		factories.AfterBuild(func(r *factories.Record) error {
			n, err := r.TransientInt("item_count")
			r.Attrs["quantity"] = n
			return err
		}))

	ids := 0
	store := factories.StoreFunc(func(_ context.Context, model string, attrs factories.Attrs) (factories.Attrs, error) {
		ids++
		fmt.Println("stored", model, "as", ids)
		return factories.Attrs{"id": float64(ids)}, nil
	})
	s := reg.NewSession(42, store)
	order, err := s.CreateSpec(context.Background(), "order", factories.Spec{
		Traits:    []string{"delivered"},
		Overrides: map[string]string{"customer.name": "Alice", "item_count": "3"},
	})
	if err != nil {
		panic(err)
	}
	customer := order["customer"].(factories.Attrs)
	fmt.Println(order["status"], order["quantity"], "for customer", order["customer_id"], customer["name"], customer["email"])
	// Output:
	// stored customer as 1
	// stored order as 2
	// delivered 3 for customer 1 Alice customer1@example.com
}
