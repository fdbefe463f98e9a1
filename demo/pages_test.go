package demo

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// page fetches a page and returns status, Location and body.
func (sh *testShop) page(c *http.Client, path string) (int, string, string) {
	sh.t.Helper()
	resp, body := sh.fetch(c, path)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

func TestSessionCookieIsHttpOnly(t *testing.T) {
	sh := startTestShop(t)
	sh.create("customer", map[string]any{"email": "alice@example.com"})
	resp, err := http.Post(sh.server.URL+"/api/session", "application/json",
		strings.NewReader(`{"email":"alice@example.com","password":"secret"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) != 1 || cookies[0].Name != "session" {
		t.Fatalf("want one session cookie, got %v", cookies)
	}
	c := cookies[0]
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || len(c.Value) < 32 {
		t.Errorf("session cookie must be HttpOnly, SameSite=Lax, Path=/ and random: %s", resp.Header.Get("Set-Cookie"))
	}
}

func TestSignIn(t *testing.T) {
	sh := startTestShop(t)
	sh.create("customer", map[string]any{"email": "alice@example.com"})
	cases := []struct {
		reason   string
		body     string
		want     int
		wantText string
	}{
		{"the right password signs in", `{"email":"alice@example.com","password":"secret"}`, 200, "alice@example.com"},
		{"email case does not matter", `{"email":"Alice@Example.com","password":"secret"}`, 200, "alice@example.com"},
		{"a wrong password is refused", `{"email":"alice@example.com","password":"nope"}`, 401, "Invalid email or password"},
		{"an unknown email gets the same answer", `{"email":"zed@example.com","password":"secret"}`, 401, "Invalid email or password"},
	}
	for _, c := range cases {
		status, body := sh.call(sh.browser(), "POST", "/api/session", c.body)
		if status != c.want || !strings.Contains(string(body), c.wantText) {
			t.Errorf("%s: got %d %s, want %d containing %q", c.reason, status, body, c.want, c.wantText)
		}
	}
}

func TestSignOutEndsTheSession(t *testing.T) {
	sh := startTestShop(t)
	sh.create("customer", map[string]any{"email": "alice@example.com"})
	for _, signOut := range []struct{ method, path string }{{"DELETE", "/api/session"}, {"POST", "/api/sign-out"}} {
		alice := sh.signIn("alice@example.com")
		if status, _ := sh.call(alice, signOut.method, signOut.path, nil); status != http.StatusNoContent {
			t.Errorf("%s %s: status %d, want 204", signOut.method, signOut.path, status)
		}
		if status, _ := sh.call(alice, "GET", "/api/session", nil); status != http.StatusUnauthorized {
			t.Errorf("after %s %s the browser is still signed in (%d)", signOut.method, signOut.path, status)
		}
	}
}

func TestPagesShowOnlyWhatTheUserCanDo(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	owner, alice, visitor := sh.signIn("owner@example.com"), sh.signIn("alice@example.com"), sh.browser()
	product := "/products/" + jsonID(w.black["id"])

	cases := []struct {
		reason       string
		browser      *http.Client
		path         string
		wantStatus   int
		wantLocation string
		want         []string
		wantNot      []string
	}{
		{"signed-out visitors are sent to sign in", visitor, "/inventory", 303, "/sign-in", nil, nil},
		{"the home page sends visitors to sign in", visitor, "/", 303, "/sign-in", nil, nil},
		{"the home page sends users to the inventory", alice, "/", 303, "/inventory", nil, nil},
		{"the sign-in page has labelled fields", visitor, "/sign-in", 200, "", []string{
			"<title>Sign in — Demo Store</title>", "<h1>Sign in</h1>", `<label for="email">Email</label>`,
			`<label for="password">Password</label>`, `<button type="submit">Sign in</button>`,
			`role="alert"`}, []string{"Sign out"}},
		{"a customer's nav has no Returns link", alice, "/orders", 200, "", []string{
			"<title>Orders — Demo Store</title>", `href="/inventory">Inventory</a>`, `href="/orders">Orders</a>`,
			"Sign out", ">Alice<"}, []string{`href="/returns"`, "returns.js", "Refund"}},
		{"Sign out is in the account menu under the user's name", alice, "/orders", 200, "", []string{
			`<div class="account-menu">`, `<button type="button" class="user-name" aria-haspopup="true">Alice</button>`,
			`<div class="account-menu-items">`, `<button type="button" id="sign-out">Sign out</button>`}, nil},
		{"a customer's inventory has no Add product form", alice, "/inventory", 200, "", []string{
			"<h1>Inventory</h1>", `class="spinner">Loading…`}, []string{"Add product", `id="add-product"`}},
		{"everyone may hide what is sold out", alice, "/inventory", 200, "", []string{
			`<label><input type="checkbox" id="only-in-stock"> Only in stock</label>`}, nil},
		{"a customer may not see the Returns page", alice, "/returns", 403, "", []string{
			"You are not allowed to see this page."}, []string{"Refund", "returns.js"}},
		{"a customer's product page has no stock form", alice, product, 200, "", []string{
			"<h1>sweater</h1>", "<title>sweater — Demo Store</title>"}, []string{"Update stock", "Upload photo", `type="file"`}},
		{"the owner's nav has the Returns link", owner, "/orders", 200, "", []string{
			`href="/returns">Returns</a>`, ">Olivia<"}, nil},
		{"the owner's inventory has the Add product form", owner, "/inventory", 200, "", []string{
			`<label for="product-name">Name</label>`, `<label for="product-colour">Colour</label>`,
			`<label for="product-size">Size</label>`, `<label for="product-price">Price</label>`,
			`<label for="product-stock">Stock</label>`, `<button type="submit">Add product</button>`}, nil},
		{"the owner sees the Returns page", owner, "/returns", 200, "", []string{
			"<title>Returns — Demo Store</title>", "<h1>Returns</h1>", "returns.js"}, nil},
		{"the owner's product page has the stock form", owner, product, 200, "", []string{
			`<label for="new-stock">Stock</label>`, `<button type="submit">Update stock</button>`,
			`<label for="photo">Photo</label>`, `type="file" accept="image/png,image/jpeg"`,
			`<button type="submit">Upload photo</button>`}, nil},
		{"a missing product is a 404 page", owner, "/products/999", 404, "", []string{"Not found"}, nil},
		{"chaos is off unless asked for", owner, "/inventory", 200, "", nil, []string{"DEMO_CHAOS"}},
	}
	for _, c := range cases {
		status, location, body := sh.page(c.browser, c.path)
		if status != c.wantStatus || location != c.wantLocation {
			t.Errorf("%s: GET %s = %d to %q, want %d to %q", c.reason, c.path, status, location, c.wantStatus, c.wantLocation)
		}
		for _, s := range c.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s: GET %s lacks %q", c.reason, c.path, s)
			}
		}
		for _, s := range c.wantNot {
			if strings.Contains(body, s) {
				t.Errorf("%s: GET %s must not contain %q", c.reason, c.path, s)
			}
		}
	}
}

func TestStaticFilesAreEmbedded(t *testing.T) {
	sh := startTestShop(t)
	for _, path := range []string{"/static/common.js", "/static/returns.js", "/static/style.css"} {
		status, _, body := sh.page(http.DefaultClient, path)
		if status != http.StatusOK || len(body) == 0 {
			t.Errorf("GET %s = %d with %d bytes", path, status, len(body))
		}
	}
}

// fetch GETs path and returns the response (body read and closed) and its body.
func (sh *testShop) fetch(c *http.Client, path string) (*http.Response, []byte) {
	sh.t.Helper()
	resp, err := c.Get(sh.server.URL + path)
	if err != nil {
		sh.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		sh.t.Fatal(err)
	}
	return resp, body
}
