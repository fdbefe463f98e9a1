package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// The /__test__/ endpoints let feature files arrange the world without
// clicking through it. They are only routed when Options.TestMode is set.

// handleReset: POST /__test__/reset → 204, every table empty, ids from 1.
func (s *Store) handleReset(w http.ResponseWriter, r *http.Request) {
	if err := s.resetDatabase(r.Context()); err != nil {
		s.writeFailure(w, r, err)
		return
	}
	s.shakes.reset()
	w.WriteHeader(http.StatusNoContent)
}

// handleFactory: POST /__test__/factories/{model} {attributes} → 201 record.
func (s *Store) handleFactory(w http.ResponseWriter, r *http.Request) {
	attrs, err := decodeAttributes(r)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	var created any
	model := r.PathValue("model")
	err = s.inTx(r.Context(), func(tx *sql.Tx) error {
		var err error
		switch model {
		case "product":
			created, err = createProduct(r.Context(), tx, attrs)
		case "user":
			created, err = createUser(r.Context(), tx, attrs, "")
		case RoleCustomer, RoleOwner:
			created, err = createUser(r.Context(), tx, attrs, model)
		case "order":
			created, err = createOrder(r.Context(), tx, attrs)
		default:
			err = newAPIError(http.StatusNotFound, "unknown factory %q; known: customer, order, owner, product, user", model)
		}
		return err
	})
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, created)
}

// nextID guesses the id the next row will get, to make default names
// unique and readable ("Product 3"). With one connection and a
// transaction, nobody can take it in between.
func nextID(ctx context.Context, tx dbtx, table string) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM "+table).Scan(&n)
	return n, err
}

func createProduct(ctx context.Context, tx dbtx, attrs attributes) (productJSON, error) {
	n, err := nextID(ctx, tx, "products")
	if err != nil {
		return productJSON{}, err
	}
	p := &Product{Name: fmt.Sprintf("Product %d", n), Colour: "black", Size: "M", PriceCents: 1000}
	if err := applyProductAttributes(p, attrs); err != nil {
		return productJSON{}, err
	}
	if err := insertProduct(ctx, tx, p); err != nil {
		return productJSON{}, err
	}
	return p.view(), nil
}

// createdUser is a user as the factory reports it: with the plain password
// that was set, so a test can sign in as them, and never the hash.
type createdUser struct {
	*User
	Password string `json:"password"`
}

// createUser makes a user; role is fixed for the customer and owner
// factories and an attribute (default customer) for the user factory.
func createUser(ctx context.Context, tx dbtx, attrs attributes, role string) (createdUser, error) {
	known := []string{"email", "name", "password"}
	model := role
	if role == "" {
		known, model = append(known, "role"), "user"
	}
	if err := attrs.checkKnown(model, known...); err != nil {
		return createdUser{}, err
	}
	n, err := nextID(ctx, tx, "users")
	if err != nil {
		return createdUser{}, err
	}
	if role == "" {
		if role, err = attrs.text("role", RoleCustomer); err != nil {
			return createdUser{}, err
		}
		if role != RoleCustomer && role != RoleOwner {
			return createdUser{}, newAPIError(http.StatusUnprocessableEntity, "role must be %q or %q, got %q", RoleOwner, RoleCustomer, role)
		}
	}
	title := strings.ToUpper(role[:1]) + role[1:]
	u := &User{Role: role}
	if u.Email, err = attrs.text("email", fmt.Sprintf("%s%d@example.com", role, n)); err != nil {
		return createdUser{}, err
	}
	if u.Name, err = attrs.text("name", fmt.Sprintf("%s %d", title, n)); err != nil {
		return createdUser{}, err
	}
	password, err := attrs.text("password", "secret")
	if err != nil {
		return createdUser{}, err
	}
	if err := insertUser(ctx, tx, u, password); err != nil {
		return createdUser{}, err
	}
	return createdUser{User: u, Password: password}, nil
}

func insertUser(ctx context.Context, tx dbtx, u *User, password string) error {
	if u.Email == "" {
		return newAPIError(http.StatusUnprocessableEntity, "email must not be empty")
	}
	if _, err := findUser(ctx, tx, "email = ? COLLATE NOCASE", u.Email); err == nil {
		return newAPIError(http.StatusUnprocessableEntity, "email %q is already taken", u.Email)
	} else if !errors.Is(err, errNotFound) {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO users (email, name, password, role) VALUES (?, ?, ?, ?)",
		u.Email, u.Name, hash, u.Role)
	if err != nil {
		return err
	}
	u.ID, err = res.LastInsertId()
	return err
}
