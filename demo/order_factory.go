package demo

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
)

var orderAttributes = []string{"customer_email", "customer_id", "product_colour", "product_id",
	"product_name", "quantity", "refund_method", "replacement_product_id", "status"}

// createOrder makes an order. The customer comes from customer_id or
// customer_email, the product from product_id or product_name (plus
// product_colour when several products share a name, as a black and a
// blue sweater do).
func createOrder(ctx context.Context, tx dbtx, attrs attributes) (orderJSON, error) {
	if err := attrs.checkKnown("order", orderAttributes...); err != nil {
		return orderJSON{}, err
	}
	customerID, err := orderCustomer(ctx, tx, attrs)
	if err != nil {
		return orderJSON{}, err
	}
	productID, err := orderProduct(ctx, tx, attrs)
	if err != nil {
		return orderJSON{}, err
	}
	quantity, err := attrs.integer("quantity", 1)
	if err != nil {
		return orderJSON{}, err
	}
	if quantity < 1 {
		return orderJSON{}, newAPIError(http.StatusUnprocessableEntity, "quantity must be at least 1, got %d", quantity)
	}
	status, err := orderStatus(attrs)
	if err != nil {
		return orderJSON{}, err
	}
	method, err := orderRefundMethod(attrs, status)
	if err != nil {
		return orderJSON{}, err
	}
	replacement, err := orderReplacement(ctx, tx, attrs)
	if err != nil {
		return orderJSON{}, err
	}
	res, err := tx.ExecContext(ctx,
		"INSERT INTO orders (customer_id, product_id, quantity, status, replacement_product_id, refund_method) VALUES (?, ?, ?, ?, ?, ?)",
		customerID, productID, quantity, status, replacement, method)
	if err != nil {
		return orderJSON{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return orderJSON{}, err
	}
	o, err := findOrder(ctx, tx, id)
	if err != nil {
		return orderJSON{}, err
	}
	// No viewer: a factory answer lists no actions.
	return o.view(nil), nil
}

// orderStatus is the status attribute (default delivered), one the
// order lifecycle knows.
func orderStatus(attrs attributes) (string, error) {
	status, err := attrs.text("status", StatusDelivered)
	if err != nil {
		return "", err
	}
	switch status {
	case StatusDelivered, StatusReturnRequested, StatusRefunded, StatusReplaced:
		return status, nil
	}
	return "", newAPIError(http.StatusUnprocessableEntity,
		"status must be one of delivered, return_requested, refunded, replaced; got %q", status)
}

// orderRefundMethod is refund_method, which only a refunded order has.
func orderRefundMethod(attrs attributes, status string) (sql.NullString, error) {
	if !attrs.has("refund_method") {
		return sql.NullString{}, nil
	}
	if status != StatusRefunded {
		return sql.NullString{}, newAPIError(http.StatusUnprocessableEntity,
			"refund_method is for a refunded order; this one is %s", status)
	}
	m, err := refundMethod(attrs)
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: m, Valid: true}, nil
}

// orderReplacement is replacement_product_id, checked to be a product.
func orderReplacement(ctx context.Context, tx dbtx, attrs attributes) (sql.NullInt64, error) {
	if !attrs.has("replacement_product_id") {
		return sql.NullInt64{}, nil
	}
	id, err := attrs.integer("replacement_product_id", 0)
	if err != nil {
		return sql.NullInt64{}, err
	}
	if _, err := findProduct(ctx, tx, id); err != nil {
		return sql.NullInt64{}, lookupError(err, "no product with id %d to be the replacement", id)
	}
	return sql.NullInt64{Int64: id, Valid: true}, nil
}

func orderCustomer(ctx context.Context, tx dbtx, attrs attributes) (int64, error) {
	switch {
	case attrs.has("customer_id"):
		id, err := attrs.integer("customer_id", 0)
		if err != nil {
			return 0, err
		}
		u, err := findUser(ctx, tx, "id = ?", id)
		if err != nil {
			return 0, lookupError(err, "no user with id %d to be the customer", id)
		}
		return u.ID, nil
	case attrs.has("customer_email"):
		email, err := attrs.text("customer_email", "")
		if err != nil {
			return 0, err
		}
		u, err := findUser(ctx, tx, "email = ? COLLATE NOCASE", email)
		if err != nil {
			return 0, lookupError(err, "no user with email %q to be the customer", email)
		}
		return u.ID, nil
	}
	return 0, newAPIError(http.StatusUnprocessableEntity, "an order needs customer_id or customer_email")
}

func orderProduct(ctx context.Context, tx dbtx, attrs attributes) (int64, error) {
	if attrs.has("product_id") {
		id, err := attrs.integer("product_id", 0)
		if err != nil {
			return 0, err
		}
		if _, err := findProduct(ctx, tx, id); err != nil {
			return 0, lookupError(err, "no product with id %d", id)
		}
		return id, nil
	}
	if !attrs.has("product_name") {
		return 0, newAPIError(http.StatusUnprocessableEntity, "an order needs product_id or product_name")
	}
	name, err := attrs.text("product_name", "")
	if err != nil {
		return 0, err
	}
	colour, err := attrs.text("product_colour", "")
	if err != nil {
		return 0, err
	}
	query, args := "SELECT id FROM products WHERE name = ?", []any{name}
	if colour != "" {
		query, args = query+" AND colour = ?", append(args, colour)
	}
	rows, err := tx.QueryContext(ctx, query+" ORDER BY id LIMIT 2", args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	switch {
	case len(ids) == 0 && colour != "":
		return 0, newAPIError(http.StatusUnprocessableEntity, "no %s product named %q", colour, name)
	case len(ids) == 0:
		return 0, newAPIError(http.StatusUnprocessableEntity, "no product named %q", name)
	case len(ids) > 1:
		return 0, newAPIError(http.StatusUnprocessableEntity,
			"more than one product named %q; add product_colour or use product_id", name)
	}
	return ids[0], nil
}

// lookupError turns "not found" into a 422 saying what was looked for.
func lookupError(err error, format string, args ...any) error {
	if errors.Is(err, errNotFound) {
		return newAPIError(http.StatusUnprocessableEntity, format, args...)
	}
	return err
}
