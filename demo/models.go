package demo

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Roles a user can have.
const (
	RoleOwner    = "owner"
	RoleCustomer = "customer"
)

// Order statuses, in the order an order can move through them.
const (
	StatusDelivered       = "delivered"
	StatusReturnRequested = "return_requested"
	StatusRefunded        = "refunded"
	StatusReplaced        = "replaced"
)

// How a refund is paid: back to the card the customer paid with (the
// default), or as credit to spend in the store.
const (
	RefundToCard      = "card"
	RefundStoreCredit = "store_credit"
)

var errNotFound = errors.New("not found")

// User is a shop account. The password hash never leaves this package.
type User struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	passwordHash string
}

// Product is something the shop sells. Price is in cents.
type Product struct {
	ID         int64
	Name       string
	Colour     string
	Size       string
	PriceCents int64
	Stock      int64
	PhotoName  string // file name of the uploaded photo; "" when there is none
	PhotoVer   int64  // goes up on every upload
}

// Description is how people name a product: "black sweater".
func (p *Product) Description() string {
	return strings.TrimSpace(p.Colour + " " + p.Name)
}

// productJSON is the API shape: price as a decimal number like 39.99.
type productJSON struct {
	ID     int64   `json:"id"`
	Name   string  `json:"name"`
	Colour string  `json:"colour"`
	Size   string  `json:"size"`
	Price  float64 `json:"price"`
	Stock  int64   `json:"stock"`
	// Photo is null until the owner uploads one.
	Photo *photoJSON `json:"photo"`
}

// photoJSON names the photo and where the page loads it from; the version
// in the URL changes with every upload, so a browser never shows an old one.
type photoJSON struct {
	FileName string `json:"file_name"`
	URL      string `json:"url"`
}

func (p *Product) view() productJSON {
	v := productJSON{ID: p.ID, Name: p.Name, Colour: p.Colour, Size: p.Size,
		Price: float64(p.PriceCents) / 100, Stock: p.Stock}
	if p.PhotoName != "" {
		v.Photo = &photoJSON{FileName: p.PhotoName,
			URL: "/api/products/" + itoa(p.ID) + "/photo?v=" + itoa(p.PhotoVer)}
	}
	return v
}

// Order is one customer buying one product, joined with the names the
// pages need so they do not have to fetch users and products separately.
type Order struct {
	ID                   int64
	CustomerID           int64
	CustomerName         string
	CustomerEmail        string
	ProductID            int64
	Product              Product
	Quantity             int64
	Status               string
	ReplacementProductID sql.NullInt64
	Replacement          Product        // zero unless ReplacementProductID is valid
	RefundMethod         sql.NullString // RefundToCard or RefundStoreCredit once refunded
}

// StatusText is the status as the pages show it.
func (o *Order) StatusText() string {
	switch o.Status {
	case StatusDelivered:
		return "Delivered"
	case StatusReturnRequested:
		return "Return requested"
	case StatusRefunded:
		if o.RefundMethod.String == RefundStoreCredit {
			return "Refunded as store credit"
		}
		return "Refunded"
	case StatusReplaced:
		if o.ReplacementProductID.Valid {
			return "Replaced with " + o.Replacement.Description()
		}
		return "Replaced"
	}
	return o.Status
}

// Summary is the sentence on the Returns page: "Alice bought 1 black sweater".
func (o *Order) Summary() string {
	return o.CustomerName + " bought " + itoa(o.Quantity) + " " + o.Product.Description()
}

type orderJSON struct {
	ID                       int64    `json:"id"`
	CustomerID               int64    `json:"customer_id"`
	CustomerName             string   `json:"customer_name"`
	CustomerEmail            string   `json:"customer_email"`
	ProductID                int64    `json:"product_id"`
	ProductName              string   `json:"product_name"`
	ProductColour            string   `json:"product_colour"`
	ProductSize              string   `json:"product_size"`
	ProductDescription       string   `json:"product_description"`
	Quantity                 int64    `json:"quantity"`
	Status                   string   `json:"status"`
	StatusText               string   `json:"status_text"`
	Summary                  string   `json:"summary"`
	ReplacementProductID     *int64   `json:"replacement_product_id"`
	ReplacementProductName   string   `json:"replacement_product_name,omitempty"`
	ReplacementProductColour string   `json:"replacement_product_colour,omitempty"`
	RefundMethod             *string  `json:"refund_method"` // null unless refunded
	Actions                  []string `json:"actions"`
}

// view renders the order for the API. Actions lists what this user may do
// to it right now, so the page shows exactly the buttons can() allows.
func (o *Order) view(u *User) orderJSON {
	v := orderJSON{ID: o.ID, CustomerID: o.CustomerID, CustomerName: o.CustomerName,
		CustomerEmail: o.CustomerEmail, ProductID: o.ProductID, ProductName: o.Product.Name,
		ProductColour: o.Product.Colour, ProductSize: o.Product.Size,
		ProductDescription: o.Product.Description(), Quantity: o.Quantity, Status: o.Status,
		StatusText: o.StatusText(), Summary: o.Summary(), Actions: []string{}}
	if o.ReplacementProductID.Valid {
		id := o.ReplacementProductID.Int64
		v.ReplacementProductID = &id
		v.ReplacementProductName = o.Replacement.Name
		v.ReplacementProductColour = o.Replacement.Colour
	}
	if o.RefundMethod.Valid {
		method := o.RefundMethod.String
		v.RefundMethod = &method
	}
	for _, action := range []string{"request_return", "refund", "replace"} {
		if o.allows(action) && can(u, action, o) {
			v.Actions = append(v.Actions, action)
		}
	}
	return v
}

// allows says whether the order's state permits an action, whoever asks.
// Who may ask is can()'s business; this is only the order's lifecycle.
func (o *Order) allows(action string) bool {
	switch action {
	case "request_return":
		return o.Status == StatusDelivered
	case "refund", "replace":
		return o.Status == StatusDelivered || o.Status == StatusReturnRequested
	}
	return true
}

// productQuery reads a product with the name of its photo, if it has one;
// the photo's bytes are read only when the photo itself is asked for.
const productQuery = `
SELECT p.id, p.name, p.colour, p.size, p.price, p.stock,
       COALESCE(ph.file_name, ''), COALESCE(ph.version, 0)
FROM products p
LEFT JOIN product_photos ph ON ph.product_id = p.id`

func scanProduct(row interface{ Scan(...any) error }) (*Product, error) {
	p := &Product{}
	err := row.Scan(&p.ID, &p.Name, &p.Colour, &p.Size, &p.PriceCents, &p.Stock, &p.PhotoName, &p.PhotoVer)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return p, err
}

func findProduct(ctx context.Context, q dbtx, id int64) (*Product, error) {
	return scanProduct(q.QueryRowContext(ctx, productQuery+" WHERE p.id = ?", id))
}

func listProducts(ctx context.Context, q dbtx) ([]*Product, error) {
	rows, err := q.QueryContext(ctx, productQuery+" ORDER BY p.id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var products []*Product
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, err
		}
		products = append(products, p)
	}
	return products, rows.Err()
}

func findUser(ctx context.Context, q dbtx, where string, arg any) (*User, error) {
	u := &User{}
	err := q.QueryRowContext(ctx, "SELECT id, email, name, role, password FROM users WHERE "+where, arg).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.passwordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return u, err
}

const orderQuery = `
SELECT o.id, o.customer_id, u.name, u.email, o.product_id,
       p.id, p.name, p.colour, p.size, p.price, p.stock,
       o.quantity, o.status, o.replacement_product_id,
       COALESCE(r.name, ''), COALESCE(r.colour, ''), COALESCE(r.size, ''), o.refund_method
FROM orders o
JOIN users u ON u.id = o.customer_id
JOIN products p ON p.id = o.product_id
LEFT JOIN products r ON r.id = o.replacement_product_id`

func scanOrder(row interface{ Scan(...any) error }) (*Order, error) {
	o := &Order{}
	p := &o.Product
	err := row.Scan(&o.ID, &o.CustomerID, &o.CustomerName, &o.CustomerEmail, &o.ProductID,
		&p.ID, &p.Name, &p.Colour, &p.Size, &p.PriceCents, &p.Stock,
		&o.Quantity, &o.Status, &o.ReplacementProductID,
		&o.Replacement.Name, &o.Replacement.Colour, &o.Replacement.Size, &o.RefundMethod)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	o.Replacement.ID = o.ReplacementProductID.Int64
	return o, err
}

func findOrder(ctx context.Context, q dbtx, id int64) (*Order, error) {
	return scanOrder(q.QueryRowContext(ctx, orderQuery+" WHERE o.id = ?", id))
}

func listOrders(ctx context.Context, q dbtx) ([]*Order, error) {
	rows, err := q.QueryContext(ctx, orderQuery+" ORDER BY o.id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var orders []*Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		orders = append(orders, o)
	}
	return orders, rows.Err()
}
