package demo

import (
	"context"
	"database/sql"
	"fmt"
)

// SeedSampleData fills an empty store with an owner, two customers, a few
// products and orders, so a person can sign in and click around. A store
// that already has users is left alone, so restarting with the same -db
// file is harmless. It reports whether it added anything.
func (s *Store) SeedSampleData(ctx context.Context) (bool, error) {
	var users int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&users); err != nil {
		return false, err
	}
	if users > 0 {
		return false, nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, u := range []struct{ email, name, role string }{
			{"owner@example.com", "Olivia Owner", RoleOwner},
			{"customer@example.com", "Alice", RoleCustomer},
			{"bob@example.com", "Bob", RoleCustomer},
		} {
			if err := insertUser(ctx, tx, &User{Email: u.email, Name: u.name, Role: u.role}, "secret"); err != nil {
				return fmt.Errorf("seed user %s: %w", u.email, err)
			}
		}
		for _, p := range []Product{
			{Name: "sweater", Colour: "black", Size: "M", PriceCents: 3999, Stock: 3},
			{Name: "sweater", Colour: "blue", Size: "M", PriceCents: 3999, Stock: 2},
			{Name: "t-shirt", Colour: "white", Size: "L", PriceCents: 1500, Stock: 10},
			{Name: "scarf", Colour: "red", Size: "one size", PriceCents: 2250, Stock: 0},
		} {
			if err := insertProduct(ctx, tx, &p); err != nil {
				return fmt.Errorf("seed product %s: %w", p.Description(), err)
			}
		}
		// Users 2 and 3 are Alice and Bob; products 1-4 as above.
		for _, o := range []struct {
			customer, product, quantity int64
			status                      string
		}{
			{2, 1, 1, StatusDelivered},
			{2, 3, 2, StatusReturnRequested},
			{3, 4, 1, StatusDelivered},
			{3, 3, 1, StatusRefunded},
		} {
			_, err := tx.ExecContext(ctx, "INSERT INTO orders (customer_id, product_id, quantity, status) VALUES (?, ?, ?, ?)",
				o.customer, o.product, o.quantity, o.status)
			if err != nil {
				return fmt.Errorf("seed order: %w", err)
			}
		}
		return nil
	})
	return err == nil, err
}
