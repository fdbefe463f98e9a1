package demo

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

func TestResetEmptiesEverythingAndRestartsIDs(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	owner := sh.signIn("owner@example.com")
	if status, body := sh.upload(owner, "/api/products/"+jsonID(w.black["id"])+"/photo", "photo", "black.png", pngBytes(t)); status != http.StatusOK {
		t.Fatalf("upload: %d %s", status, body)
	}

	status, _ := sh.call(http.DefaultClient, "POST", "/__test__/reset", nil)
	if status != http.StatusNoContent {
		t.Fatalf("reset: status %d, want 204", status)
	}
	for _, table := range []string{"users", "products", "orders", "product_photos"} {
		var n int
		if err := sh.store.db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("after reset %s has %d rows, want 0", table, n)
		}
	}
	if status, _ := sh.call(owner, "GET", "/api/products", nil); status != http.StatusUnauthorized {
		t.Errorf("a session from before the reset must be gone, got status %d", status)
	}
	if id := sh.create("product", nil)["id"]; id != float64(1) {
		t.Errorf("first product after reset has id %v, want 1", id)
	}
}

func TestTestEndpointsAreOffByDefault(t *testing.T) {
	sh := startShop(t, Options{})
	cases := []struct {
		reason string
		path   string
	}{
		{"reset must not exist on a real shop", "/__test__/reset"},
		{"factories must not exist on a real shop", "/__test__/factories/product"},
	}
	for _, c := range cases {
		if status, _ := sh.call(http.DefaultClient, "POST", c.path, "{}"); status != http.StatusNotFound {
			t.Errorf("%s: POST %s = %d, want 404", c.reason, c.path, status)
		}
	}
}

func TestFactoriesAcceptStringsAndNumbers(t *testing.T) {
	sh := startTestShop(t)
	cases := []struct {
		reason     string
		attrs      map[string]any
		wantPrice  float64
		wantStock  int64
		wantColour string
	}{
		{"numbers as JSON numbers", map[string]any{"price": 39.99, "stock": 3}, 39.99, 3, "black"},
		{"numbers as strings, as feature tables write them", map[string]any{"price": "39.99", "stock": "3"}, 39.99, 3, "black"},
		{"a price may carry a dollar sign", map[string]any{"price": "$12.50", "colour": "blue"}, 12.5, 0, "blue"},
		{"an empty body gets defaults", nil, 10, 0, "black"},
	}
	for _, c := range cases {
		got := sh.create("product", c.attrs)
		if got["price"] != c.wantPrice || got["stock"] != float64(c.wantStock) || got["colour"] != c.wantColour {
			t.Errorf("%s: got %v, want price %v stock %d colour %q", c.reason, got, c.wantPrice, c.wantStock, c.wantColour)
		}
	}
}

func TestFactoryUsers(t *testing.T) {
	sh := startTestShop(t)
	cases := []struct {
		reason   string
		model    string
		attrs    map[string]any
		wantRole string
	}{
		{"a customer with defaults", "customer", nil, RoleCustomer},
		{"an owner", "owner", map[string]any{"email": "boss@example.com"}, RoleOwner},
		{"a plain user is a customer unless told", "user", map[string]any{"name": "Carol"}, RoleCustomer},
		{"a plain user can be an owner", "user", map[string]any{"role": "owner"}, RoleOwner},
	}
	for _, c := range cases {
		got := sh.create(c.model, c.attrs)
		if got["role"] != c.wantRole || got["email"] == "" || got["name"] == "" || got["id"] == nil {
			t.Errorf("%s: got %v, want role %s with id, email and name", c.reason, got, c.wantRole)
		}
		if got["password"] != "secret" {
			t.Errorf("%s: the plain password is echoed so tests can sign in, got %v", c.reason, got["password"])
		}
		for key, value := range got {
			if s, ok := value.(string); ok && strings.Contains(s, "$") {
				t.Errorf("%s: %s looks like a password hash: %q", c.reason, key, s)
			}
		}
		sh.signIn(got["email"].(string)) // fails the test if the password does not work
	}
}

func TestFactoryErrorsSayWhatWasWrong(t *testing.T) {
	sh := startTestShop(t)
	sh.create("customer", map[string]any{"email": "alice@example.com"})
	sh.create("product", map[string]any{"name": "sweater", "colour": "black"})
	sh.create("product", map[string]any{"name": "sweater", "colour": "blue"})

	cases := []struct {
		reason     string
		model      string
		body       string
		wantStatus int
		wantError  string
	}{
		{"a typo names the known attributes", "product", `{"colr":"black"}`, 422,
			`unknown attribute "colr" for product; known: colour, name, price, size, stock`},
		{"an order needs a customer", "order", `{"product_id":1}`, 422,
			"an order needs customer_id or customer_email"},
		{"an order needs a product", "order", `{"customer_email":"alice@example.com"}`, 422,
			"an order needs product_id or product_name"},
		{"an ambiguous product name asks for a colour", "order", `{"customer_email":"alice@example.com","product_name":"sweater"}`, 422,
			`more than one product named "sweater"; add product_colour or use product_id`},
		{"an unknown customer is named", "order", `{"customer_email":"zed@example.com","product_id":1}`, 422,
			`no user with email "zed@example.com" to be the customer`},
		{"a stock that is not a number", "product", `{"stock":"lots"}`, 422,
			`stock must be a whole number, got "lots"`},
		{"a duplicate email", "customer", `{"email":"alice@example.com"}`, 422,
			`email "alice@example.com" is already taken`},
		{"an unknown model", "widget", `{}`, 404,
			`unknown factory "widget"; known: customer, order, owner, product, user`},
		{"a body that is not an object", "product", `[1]`, 400, ""},
	}
	for _, c := range cases {
		status, body := sh.call(http.DefaultClient, "POST", "/__test__/factories/"+c.model, c.body)
		got := decodeJSON[map[string]string](t, body)["error"]
		if status != c.wantStatus || (c.wantError != "" && got != c.wantError) || got == "" {
			t.Errorf("%s: got %d %q, want %d %q", c.reason, status, got, c.wantStatus, c.wantError)
		}
	}
}

func TestOrderFactoryFindsCustomerAndProduct(t *testing.T) {
	sh := startTestShop(t)
	alice := sh.create("customer", map[string]any{"email": "alice@example.com", "name": "Alice"})
	black := sh.create("product", map[string]any{"name": "sweater", "colour": "black"})
	cases := []struct {
		reason string
		attrs  map[string]any
	}{
		{"by ids, as numbers", map[string]any{"customer_id": alice["id"], "product_id": black["id"]}},
		{"by ids, as strings", map[string]any{"customer_id": "1", "product_id": "1", "quantity": "2"}},
		{"by email and name", map[string]any{"customer_email": "alice@example.com", "product_name": "sweater"}},
	}
	for _, c := range cases {
		got := sh.create("order", c.attrs)
		if got["summary"] == nil || !strings.HasPrefix(got["summary"].(string), "Alice bought") ||
			got["status"] != StatusDelivered || got["product_description"] != "black sweater" {
			t.Errorf("%s: got %v", c.reason, got)
		}
	}
}

func TestCloseRemovesTempDatabase(t *testing.T) {
	store, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := store.tempDir
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("temp database dir %s still exists after Close (err %v)", dir, err)
	}
}
