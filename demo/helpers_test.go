package demo

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"
)

// testShop is a real Store behind a real HTTP server with a temp database.
type testShop struct {
	t      *testing.T
	store  *Store
	server *httptest.Server
}

func startShop(t *testing.T, opts Options) *testShop {
	t.Helper()
	store, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	server := httptest.NewServer(store)
	t.Cleanup(func() {
		server.Close()
		if err := store.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &testShop{t: t, store: store, server: server}
}

// startTestShop is the usual case: test endpoints on, no chaos.
func startTestShop(t *testing.T) *testShop {
	return startShop(t, Options{TestMode: true})
}

// browser is a client with its own cookie jar, like one person's browser.
// It does not follow redirects, so tests can see where they point.
func (sh *testShop) browser() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		sh.t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// call sends body (nil, a string of raw JSON, or a value to encode) and
// returns the status and raw answer.
func (sh *testShop) call(c *http.Client, method, path string, body any) (int, []byte) {
	sh.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewBufferString(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			sh.t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, sh.server.URL+path, reader)
	if err != nil {
		sh.t.Fatal(err)
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		sh.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		sh.t.Fatal(err)
	}
	return resp.StatusCode, data
}

// create uses a factory endpoint and insists it worked.
func (sh *testShop) create(model string, attrs map[string]any) map[string]any {
	sh.t.Helper()
	status, body := sh.call(http.DefaultClient, "POST", "/__test__/factories/"+model, attrs)
	if status != http.StatusCreated {
		sh.t.Fatalf("factory %s %v: status %d: %s", model, attrs, status, body)
	}
	return decodeJSON[map[string]any](sh.t, body)
}

// signIn returns a browser signed in as email with password "secret".
func (sh *testShop) signIn(email string) *http.Client {
	sh.t.Helper()
	c := sh.browser()
	status, body := sh.call(c, "POST", "/api/session", map[string]string{"email": email, "password": "secret"})
	if status != http.StatusOK {
		sh.t.Fatalf("sign in %s: status %d: %s", email, status, body)
	}
	return c
}

// product fetches a product through the API as the given browser.
func (sh *testShop) product(c *http.Client, id any) productJSON {
	sh.t.Helper()
	status, body := sh.call(c, "GET", "/api/products/"+jsonID(id), nil)
	if status != http.StatusOK {
		sh.t.Fatalf("GET product %v: status %d: %s", id, status, body)
	}
	return decodeJSON[productJSON](sh.t, body)
}

func decodeJSON[T any](t *testing.T, data []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
}

// jsonID turns an id from a decoded JSON map (a float64) into path text.
func jsonID(id any) string {
	switch v := id.(type) {
	case float64:
		return itoa(int64(v))
	case int64:
		return itoa(v)
	case int:
		return itoa(int64(v))
	}
	return ""
}

// world is the classic story's cast: an owner, Alice and Bob, a black and
// a blue sweater, and one delivered order each.
type world struct {
	black, blue          map[string]any
	aliceOrder, bobOrder map[string]any
}

func (sh *testShop) classicWorld() world {
	sh.create("owner", map[string]any{"email": "owner@example.com", "name": "Olivia"})
	sh.create("customer", map[string]any{"email": "alice@example.com", "name": "Alice"})
	sh.create("customer", map[string]any{"email": "bob@example.com", "name": "Bob"})
	w := world{
		black: sh.create("product", map[string]any{"name": "sweater", "colour": "black", "stock": 3, "price": "39.99"}),
		blue:  sh.create("product", map[string]any{"name": "sweater", "colour": "blue", "stock": "2", "price": 39.99}),
	}
	w.aliceOrder = sh.create("order", map[string]any{"customer_email": "alice@example.com",
		"product_name": "sweater", "product_colour": "black"})
	w.bobOrder = sh.create("order", map[string]any{"customer_email": "bob@example.com", "product_id": w.blue["id"]})
	return w
}
