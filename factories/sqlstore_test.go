package factories

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver the demo uses too
)

const shopSchema = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
  joined TEXT NOT NULL DEFAULT 'today');
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, colour TEXT, price REAL, stock INTEGER);
CREATE TABLE orders (id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(id), customer_email TEXT,
  product_id INTEGER NOT NULL REFERENCES products(id),
  quantity INTEGER NOT NULL, status TEXT NOT NULL, refund_method TEXT, lines TEXT);`

func openShopDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "shop.db")+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(shopSchema); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSQLStore(t *testing.T) {
	db := openShopDB(t)
	ctx := context.Background()
	s := newShopRegistry(t).NewSession(11, SQLStore{DB: db})

	order, err := s.CreateSpec(ctx, "order", Spec{Traits: []string{"refunded"},
		Overrides: map[string]string{"customer.name": "Alice", "item_count": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		name, status, lines string
		quantity, stock     int
		price               float64
	}
	err = db.QueryRow(`SELECT c.name, o.status, o.lines, o.quantity, p.stock, p.price FROM orders o
		JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id = o.product_id WHERE o.id = ?`, order["id"]).
		Scan(&got.name, &got.status, &got.lines, &got.quantity, &got.stock, &got.price)
	if err != nil {
		t.Fatalf("the order must be stored joined to its stored customer and product: %v", err)
	}
	product := order["product"].(Attrs)
	if got.name != "Alice" || got.status != "refunded" || got.quantity != 2 ||
		float64(got.stock) != product["stock"] || got.price != product["price"] {
		t.Errorf("row differs from the record: %+v, record %v", got, order)
	}
	if !strings.HasPrefix(got.lines, `["item 1 of `) {
		t.Errorf("a list attribute is stored as JSON text: %q", got.lines)
	}
	customer := order["customer"].(Attrs)
	if d := cmp.Diff(Attrs{"id": 1.0, "name": "Alice", "email": "customer1@example.test", "joined": "today"}, customer); d != "" {
		t.Errorf("the stored row is read back, ids and column defaults included (-want +got):\n%s", d)
	}
}

func TestSQLStoreErrors(t *testing.T) {
	db := openShopDB(t)
	ctx := context.Background()
	store := SQLStore{DB: db}
	if _, err := store.Create(ctx, "customer", Attrs{"name": "A", "email": "a@example.test"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, model string
		attrs       Attrs
		want        []string // the statement and the database's reason
	}{
		{"duplicate", "customer", Attrs{"name": "B", "email": "a@example.test"},
			[]string{`creating customer: INSERT INTO "customers" ("email", "name") VALUES (?, ?) RETURNING * with ("a@example.test", "B"): `, "UNIQUE constraint failed: customers.email"}},
		{"unknown column", "product", Attrs{"name": "hat", "colr": "red"},
			[]string{`INSERT INTO "products" ("colr", "name")`, "no column named colr"}},
		{"no table", "invoice", Attrs{},
			[]string{`INSERT INTO "invoices" DEFAULT VALUES RETURNING *`, "no such table: invoices"}},
		{"missing association row", "order", Attrs{"product_id": 99.0, "quantity": 1.0, "status": "placed"},
			[]string{"FOREIGN KEY constraint failed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := store.Create(ctx, tc.model, tc.attrs)
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("the error quotes the SQL and the database's reason\nwant it to contain: %s\ngot: %v", w, err)
				}
			}
		})
	}
}

func TestStoreFunc(t *testing.T) {
	var seen []string
	store := StoreFunc(func(_ context.Context, model string, attrs Attrs) (Attrs, error) {
		seen = append(seen, model)
		if model == "product" {
			return Attrs{"id": 7.0}, nil
		}
		return nil, errors.New("customers are read-only here")
	})
	s := newShopRegistry(t).NewSession(1, store)
	_, err := s.Create(context.Background(), "order", nil)
	if err == nil || err.Error() != "order's customer: customers are read-only here" {
		t.Errorf("a Go store's error reaches the step with the association's path, got %v", err)
	}
	p, err := s.Create(context.Background(), "product", nil)
	if err != nil || p["id"] != 7.0 {
		t.Errorf("a Go store's answer is merged: %v, %v", p, err)
	}
	if !cmp.Equal(seen, []string{"customer", "product"}) {
		t.Errorf("calls: %v", seen)
	}
}

// TestHTTPStoreTimeout: an app that never answers fails the step after
// the store's timeout, saying so, instead of hanging the run.
func TestHTTPStoreTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := newHangingServer(t, release)
	defer close(release)
	_, err := HTTPStore{BaseURL: srv, Timeout: 50 * time.Millisecond}.Create(context.Background(), "product", Attrs{})
	want := "creating product: POST " + srv + "/__test__/factories/product: no answer within 50ms (HTTPStore.Timeout)"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want an error starting %q that wraps the deadline, got %v", want, err)
	}
	// Under terrain the limit is ROMAINE_TIMEOUT, and the message says so.
	_, err = HTTPStore{BaseURL: srv, Timeout: 50 * time.Millisecond, TimeoutSetting: "ROMAINE_TIMEOUT"}.Create(context.Background(), "product", Attrs{})
	want = "creating product: POST " + srv + "/__test__/factories/product: no answer within 50ms (ROMAINE_TIMEOUT)"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("the limit is named as whoever runs the suite sets it: want %q, got %v", want, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = HTTPStore{BaseURL: srv}.Create(ctx, "product", Attrs{})
	want = "creating product: POST " + srv + "/__test__/factories/product: no answer before the caller's deadline"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a sooner deadline of the caller's is the one named: want %q, got %v", want, err)
	}
}

// newHangingServer answers nothing until its request's context ends (the
// client gave up) or release closes.
func newHangingServer(t *testing.T, release chan struct{}) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
