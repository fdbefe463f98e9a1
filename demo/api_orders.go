package demo

import (
	"context"
	"database/sql"
	"net/http"
)

// handleListOrders: GET /api/orders → 200 [order]. The owner gets every
// order, a customer only their own: the filter is can(), not a WHERE clause,
// so the rule lives in one place.
func (s *Store) handleListOrders(w http.ResponseWriter, r *http.Request) {
	u, ok := s.requireUser(w, r)
	if !ok {
		return
	}
	if !can(u, actionRead, "Order") {
		forbidden(w, u, actionRead, "orders")
		return
	}
	orders, err := listOrders(r.Context(), s.db)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	views := []orderJSON{}
	for _, o := range orders {
		if can(u, actionRead, o) {
			views = append(views, o.view(u))
		}
	}
	writeJSON(w, http.StatusOK, views)
}

// handleGetOrder: GET /api/orders/{id} → 200 order.
func (s *Store) handleGetOrder(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, actionRead, func(u *User, o *Order) {
		writeJSON(w, http.StatusOK, o.view(u))
	})
}

// handleRequestReturn: POST /api/orders/{id}/return-request → 200 order
// with status return_requested.
func (s *Store) handleRequestReturn(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, actionRequestReturn, func(u *User, o *Order) {
		s.respondWithChange(w, r, u, o.ID, func(tx *sql.Tx, o *Order) error {
			if !o.allows(actionRequestReturn) {
				return newAPIError(http.StatusConflict, "order %d is %s; only a delivered order can be returned", o.ID, o.Status)
			}
			return setStatus(r.Context(), tx, o.ID, StatusReturnRequested, sql.NullInt64{})
		})
	})
}

// handleRefund: POST /api/orders/{id}/refund {refund_method} → 200 order
// with status refunded. The returned goods go back to stock. refund_method
// is "card" (the default, also when there is no body) or "store_credit".
// Other keys are ignored, as they always were: callers that send the same
// body to refund and replace keep working.
func (s *Store) handleRefund(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, actionRefund, func(u *User, o *Order) {
		attrs, err := decodeAttributes(r)
		var method string
		if err == nil {
			method, err = refundMethod(attrs)
		}
		if err != nil {
			s.writeFailure(w, r, err)
			return
		}
		s.respondWithChange(w, r, u, o.ID, func(tx *sql.Tx, o *Order) error {
			if !o.allows(actionRefund) {
				return newAPIError(http.StatusConflict, "order %d is already %s", o.ID, o.Status)
			}
			if err := addStock(r.Context(), tx, o.ProductID, o.Quantity); err != nil {
				return err
			}
			if err := setStatus(r.Context(), tx, o.ID, StatusRefunded, sql.NullInt64{}); err != nil {
				return err
			}
			_, err := tx.ExecContext(r.Context(), "UPDATE orders SET refund_method = ? WHERE id = ?", method, o.ID)
			return err
		})
	})
}

// refundMethod reads refund_method, "card" when it is missing.
func refundMethod(attrs attributes) (string, error) {
	method, err := attrs.text("refund_method", RefundToCard)
	if err != nil {
		return "", err
	}
	if method != RefundToCard && method != RefundStoreCredit {
		return "", newAPIError(http.StatusUnprocessableEntity, "refund_method must be %q or %q, got %q",
			RefundToCard, RefundStoreCredit, method)
	}
	return method, nil
}

// handleReplace: POST /api/orders/{id}/replace {product_id} → 200 order
// with status replaced. The returned goods go back to stock and the
// replacement comes out of it; 409 if there is not enough replacement.
func (s *Store) handleReplace(w http.ResponseWriter, r *http.Request) {
	s.withOrder(w, r, actionReplace, func(u *User, o *Order) {
		attrs, err := decodeAttributes(r)
		if err == nil {
			err = attrs.checkKnown("replace", "product_id")
		}
		var replacementID int64
		if err == nil {
			replacementID, err = attrs.integer("product_id", 0)
		}
		if err == nil && replacementID == 0 {
			err = newAPIError(http.StatusUnprocessableEntity, "product_id of the replacement is required")
		}
		if err != nil {
			s.writeFailure(w, r, err)
			return
		}
		s.respondWithChange(w, r, u, o.ID, func(tx *sql.Tx, o *Order) error {
			if !o.allows(actionReplace) {
				return newAPIError(http.StatusConflict, "order %d is already %s", o.ID, o.Status)
			}
			// Return first, then take: replacing with the same product works.
			if err := addStock(r.Context(), tx, o.ProductID, o.Quantity); err != nil {
				return err
			}
			replacement, err := findProduct(r.Context(), tx, replacementID)
			if err == errNotFound {
				return newAPIError(http.StatusUnprocessableEntity, "no product with id %d to replace with", replacementID)
			}
			if err != nil {
				return err
			}
			if replacement.Stock < o.Quantity {
				return newAPIError(http.StatusConflict, "not enough %s in stock: %d left, %d needed",
					replacement.Description(), replacement.Stock, o.Quantity)
			}
			if err := addStock(r.Context(), tx, replacement.ID, -o.Quantity); err != nil {
				return err
			}
			return setStatus(r.Context(), tx, o.ID, StatusReplaced, sql.NullInt64{Int64: replacement.ID, Valid: true})
		})
	})
}

// withOrder loads the order named in the path and checks can(user, action,
// order) before handing it to fn: 401 signed out, 404 missing, 403 refused.
func (s *Store) withOrder(w http.ResponseWriter, r *http.Request, action string, fn func(*User, *Order)) {
	u, ok := s.requireUser(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	o, err := findOrder(r.Context(), s.db, id)
	if err == errNotFound {
		writeError(w, http.StatusNotFound, "no order with id "+itoa(id))
		return
	}
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	if !can(u, action, o) {
		forbidden(w, u, action, "order "+itoa(id))
		return
	}
	fn(u, o)
}

// respondWithChange re-reads the order inside a transaction, so the state
// checks in change see what is committed now rather than what was there
// before the chaos delay, and answers with the order as it ends up.
func (s *Store) respondWithChange(w http.ResponseWriter, r *http.Request, u *User, id int64, change func(*sql.Tx, *Order) error) {
	var updated *Order
	err := s.inTx(r.Context(), func(tx *sql.Tx) error {
		o, err := findOrder(r.Context(), tx, id)
		if err != nil {
			return err
		}
		if err := change(tx, o); err != nil {
			return err
		}
		updated, err = findOrder(r.Context(), tx, id)
		return err
	})
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, updated.view(u))
}

func addStock(ctx context.Context, tx dbtx, productID, delta int64) error {
	_, err := tx.ExecContext(ctx, "UPDATE products SET stock = stock + ? WHERE id = ?", delta, productID)
	return err
}

func setStatus(ctx context.Context, tx dbtx, orderID int64, status string, replacement sql.NullInt64) error {
	_, err := tx.ExecContext(ctx, "UPDATE orders SET status = ?, replacement_product_id = ? WHERE id = ?",
		status, replacement, orderID)
	return err
}
