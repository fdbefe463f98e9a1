package demo

import (
	"context"
	"database/sql"
	"net/http"
)

// handleListProducts: GET /api/products → 200 [product].
func (s *Store) handleListProducts(w http.ResponseWriter, r *http.Request) {
	u, ok := s.requireUser(w, r)
	if !ok {
		return
	}
	if !can(u, actionRead, "Product") {
		forbidden(w, u, actionRead, "products")
		return
	}
	products, err := listProducts(r.Context(), s.db)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	views := []productJSON{}
	for _, p := range products {
		if can(u, actionRead, p) {
			views = append(views, p.view())
		}
	}
	writeJSON(w, http.StatusOK, views)
}

// handleGetProduct: GET /api/products/{id} → 200 product.
func (s *Store) handleGetProduct(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorizedProduct(w, r, actionRead)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, p.view())
}

// handleCreateProduct: POST /api/products {name, colour, size, price, stock}
// → 201 product. Name is required; the rest default to empty or zero.
func (s *Store) handleCreateProduct(w http.ResponseWriter, r *http.Request) {
	u, ok := s.requireUser(w, r)
	if !ok {
		return
	}
	if !can(u, actionCreate, "Product") {
		forbidden(w, u, actionCreate, "products")
		return
	}
	attrs, err := decodeAttributes(r)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	p := &Product{}
	if err := applyProductAttributes(p, attrs); err != nil {
		s.writeFailure(w, r, err)
		return
	}
	if p.Name == "" {
		writeError(w, http.StatusUnprocessableEntity, "name is required")
		return
	}
	if err := insertProduct(r.Context(), s.db, p); err != nil {
		s.writeFailure(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p.view())
}

// handleUpdateProduct: PATCH /api/products/{id} with any product fields,
// typically {stock} → 200 product.
func (s *Store) handleUpdateProduct(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorizedProduct(w, r, actionUpdate)
	if !ok {
		return
	}
	attrs, err := decodeAttributes(r)
	if err == nil {
		err = applyProductAttributes(p, attrs)
	}
	if err == nil && p.Name == "" {
		err = newAPIError(http.StatusUnprocessableEntity, "name must not be empty")
	}
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	_, err = s.db.ExecContext(r.Context(),
		"UPDATE products SET name = ?, colour = ?, size = ?, price = ?, stock = ? WHERE id = ?",
		p.Name, p.Colour, p.Size, p.PriceCents, p.Stock, p.ID)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p.view())
}

func (s *Store) productFromPath(r *http.Request) (*Product, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	p, err := findProduct(r.Context(), s.db, id)
	if err == errNotFound {
		return nil, newAPIError(http.StatusNotFound, "no product with id %d", id)
	}
	return p, err
}

// insertProduct stores p and sets its id.
func insertProduct(ctx context.Context, q dbtx, p *Product) error {
	res, err := q.ExecContext(ctx,
		"INSERT INTO products (name, colour, size, price, stock) VALUES (?, ?, ?, ?, ?)",
		p.Name, p.Colour, p.Size, p.PriceCents, p.Stock)
	if err != nil {
		return err
	}
	p.ID, err = res.LastInsertId()
	return err
}

var _ dbtx = (*sql.Tx)(nil) // transactions can run every query helper

// authorizedProduct finds the product of the request's path and checks that
// the signed-in user may do action to it, answering the request when not.
func (s *Store) authorizedProduct(w http.ResponseWriter, r *http.Request, action string) (*Product, bool) {
	u, ok := s.requireUser(w, r)
	if !ok {
		return nil, false
	}
	p, err := s.productFromPath(r)
	if err != nil {
		s.writeFailure(w, r, err)
		return nil, false
	}
	if !can(u, action, p) {
		forbidden(w, u, action, "product "+itoa(p.ID))
		return nil, false
	}
	return p, true
}
