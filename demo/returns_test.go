package demo

import (
	"database/sql"
	"net/http"
	"strings"
	"testing"
)

// TestReturnsGoToStock is the classic story, step by step through the API.
func TestReturnsGoToStock(t *testing.T) {
	cases := []struct {
		reason          string
		quantity        int
		action          string // "refund" or "replace"
		wantStatus      int
		wantOrderStatus string
		wantBlack       int64 // returned product: starts at 3
		wantBlue        int64 // replacement: starts at 2
	}{
		{"a refund puts the sweater back", 1, "refund", 200, StatusRefunded, 4, 2},
		{"a refund puts back every item of the order", 2, "refund", 200, StatusRefunded, 5, 2},
		{"a replacement swaps one sweater for another", 1, "replace", 200, StatusReplaced, 4, 1},
		{"a replacement takes as many as were returned", 2, "replace", 200, StatusReplaced, 5, 0},
		{"a replacement that is not in stock is refused and changes nothing", 3, "replace", 409, StatusDelivered, 3, 2},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			sh := startTestShop(t)
			w := sh.classicWorld()
			order := sh.create("order", map[string]any{"customer_email": "alice@example.com",
				"product_id": w.black["id"], "quantity": c.quantity})
			owner := sh.signIn("owner@example.com")

			var body any
			if c.action == "replace" {
				body = map[string]any{"product_id": w.blue["id"]}
			}
			path := "/api/orders/" + jsonID(order["id"])
			status, answer := sh.call(owner, "POST", path+"/"+c.action, body)
			if status != c.wantStatus {
				t.Fatalf("%s: status %d, want %d: %s", c.action, status, c.wantStatus, answer)
			}
			_, got := sh.call(owner, "GET", path, nil)
			if s := decodeJSON[orderJSON](t, got).Status; s != c.wantOrderStatus {
				t.Errorf("order status %q, want %q", s, c.wantOrderStatus)
			}
			if s := sh.product(owner, w.black["id"]).Stock; s != c.wantBlack {
				t.Errorf("black sweater stock %d, want %d", s, c.wantBlack)
			}
			if s := sh.product(owner, w.blue["id"]).Stock; s != c.wantBlue {
				t.Errorf("blue sweater stock %d, want %d", s, c.wantBlue)
			}
		})
	}
}

func TestReplaceAnswerNamesTheReplacement(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	status, body := sh.call(sh.signIn("owner@example.com"), "POST",
		"/api/orders/"+jsonID(w.aliceOrder["id"])+"/replace", map[string]any{"product_id": jsonID(w.blue["id"])})
	if status != http.StatusOK {
		t.Fatalf("replace: %d %s", status, body)
	}
	got := decodeJSON[orderJSON](t, body)
	if got.StatusText != "Replaced with blue sweater" || got.ReplacementProductColour != "blue" {
		t.Errorf("the page shows the answer as is; got status_text %q, replacement colour %q",
			got.StatusText, got.ReplacementProductColour)
	}
}

func TestAFinishedOrderCannotBeFinishedAgain(t *testing.T) {
	cases := []struct {
		reason string
		first  string
		second string
		body   map[string]any
	}{
		{"a double refund would add stock twice", "refund", "refund", nil},
		{"a replaced order cannot then be refunded", "replace", "refund", nil},
		{"a refunded order cannot then be replaced", "refund", "replace", map[string]any{"product_id": 2}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			sh := startTestShop(t)
			w := sh.classicWorld()
			owner := sh.signIn("owner@example.com")
			path := "/api/orders/" + jsonID(w.aliceOrder["id"])
			if status, body := sh.call(owner, "POST", path+"/"+c.first, map[string]any{"product_id": 2}); status != 200 {
				t.Fatalf("first %s: %d %s", c.first, status, body)
			}
			stockBefore := sh.product(owner, w.black["id"]).Stock
			status, body := sh.call(owner, "POST", path+"/"+c.second, c.body)
			if status != http.StatusConflict {
				t.Errorf("second %s: status %d, want 409: %s", c.second, status, body)
			}
			if after := sh.product(owner, w.black["id"]).Stock; after != stockBefore {
				t.Errorf("stock moved from %d to %d on a refused request", stockBefore, after)
			}
		})
	}
}

func TestRequestReturnThenRefund(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	path := "/api/orders/" + jsonID(w.aliceOrder["id"])
	alice := sh.signIn("alice@example.com")

	if status, body := sh.call(alice, "POST", path+"/return-request", nil); status != 200 ||
		decodeJSON[orderJSON](t, body).Status != StatusReturnRequested {
		t.Fatalf("request return: %d %s", status, body)
	}
	if status, _ := sh.call(alice, "POST", path+"/return-request", nil); status != http.StatusForbidden {
		t.Errorf("asking twice: a customer may only return a delivered order, got %d", status)
	}
	owner := sh.signIn("owner@example.com")
	if status, body := sh.call(owner, "POST", path+"/refund", nil); status != 200 {
		t.Fatalf("the owner refunds a requested return: %d %s", status, body)
	}
	if s := sh.product(owner, w.black["id"]).Stock; s != 4 {
		t.Errorf("black sweater stock %d, want 4", s)
	}
}

func TestRefundMethod(t *testing.T) {
	cases := []struct {
		reason         string
		body           any
		wantStatus     int
		wantMethod     string // "" = null
		wantStatusText string
	}{
		{"no body refunds to the card, as before", nil, 200, RefundToCard, "Refunded"},
		{"an empty object refunds to the card", "{}", 200, RefundToCard, "Refunded"},
		{"the card can be asked for", map[string]any{"refund_method": "card"}, 200, RefundToCard, "Refunded"},
		{"store credit is said in the status", map[string]any{"refund_method": "store_credit"}, 200, RefundStoreCredit, "Refunded as store credit"},
		{"other keys are ignored, as they always were", map[string]any{"product_id": 2}, 200, RefundToCard, "Refunded"},
		{"an unknown method is refused and changes nothing", map[string]any{"refund_method": "cash"}, 422, "", "Delivered"},
		{"a body that is not JSON is refused", "card", 400, "", "Delivered"},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			sh := startTestShop(t)
			w := sh.classicWorld()
			owner := sh.signIn("owner@example.com")
			path := "/api/orders/" + jsonID(w.aliceOrder["id"])

			status, body := sh.call(owner, "POST", path+"/refund", c.body)
			if status != c.wantStatus {
				t.Fatalf("refund: status %d, want %d: %s", status, c.wantStatus, body)
			}
			if status >= 400 && decodeJSON[map[string]string](t, body)["error"] == "" {
				t.Errorf("a refused refund must say why: %s", body)
			}
			_, body = sh.call(owner, "GET", path, nil)
			got := decodeJSON[orderJSON](t, body)
			method := ""
			if got.RefundMethod != nil {
				method = *got.RefundMethod
			}
			if method != c.wantMethod || got.StatusText != c.wantStatusText {
				t.Errorf("order has refund_method %q and status_text %q, want %q and %q",
					method, got.StatusText, c.wantMethod, c.wantStatusText)
			}
			wantStock := int64(4)
			if c.wantStatus != http.StatusOK {
				wantStock = 3
			}
			if s := sh.product(owner, w.black["id"]).Stock; s != wantStock {
				t.Errorf("black sweater stock %d, want %d", s, wantStock)
			}
		})
	}
}

func TestOnlyARefundHasARefundMethod(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	owner := sh.signIn("owner@example.com")
	status, body := sh.call(owner, "POST", "/api/orders/"+jsonID(w.aliceOrder["id"])+"/replace",
		map[string]any{"product_id": w.blue["id"]})
	if status != http.StatusOK {
		t.Fatalf("replace: %d %s", status, body)
	}
	if !strings.Contains(string(body), `"refund_method":null`) {
		t.Errorf("a replaced order was not refunded, so refund_method must be null: %s", body)
	}
	_, body = sh.call(owner, "GET", "/api/orders/"+jsonID(w.bobOrder["id"]), nil)
	if !strings.Contains(string(body), `"refund_method":null`) {
		t.Errorf("a delivered order has refund_method null: %s", body)
	}
}

func TestOrderFactoryTakesARefundMethod(t *testing.T) {
	sh := startTestShop(t)
	sh.classicWorld()
	order := sh.create("order", map[string]any{"customer_email": "alice@example.com", "product_name": "sweater",
		"product_colour": "blue", "status": "refunded", "refund_method": "store_credit"})
	if order["refund_method"] != RefundStoreCredit || order["status_text"] != "Refunded as store credit" {
		t.Errorf("factory order: refund_method %v, status_text %v", order["refund_method"], order["status_text"])
	}
	cases := []struct {
		reason string
		attrs  map[string]any
		want   string
	}{
		{"only a refunded order has a refund method", map[string]any{"status": "delivered", "refund_method": "card"},
			"refund_method is for a refunded order; this one is delivered"},
		{"the method must be one the shop knows", map[string]any{"status": "refunded", "refund_method": "cash"},
			`refund_method must be "card" or "store_credit", got "cash"`},
	}
	for _, c := range cases {
		c.attrs["customer_email"], c.attrs["product_id"] = "alice@example.com", 1
		status, body := sh.call(http.DefaultClient, "POST", "/__test__/factories/order", c.attrs)
		if status != http.StatusUnprocessableEntity || decodeJSON[map[string]string](t, body)["error"] != c.want {
			t.Errorf("%s: got %d %s, want 422 containing %q", c.reason, status, body, c.want)
		}
	}
}

// TestAnOlderDatabaseGetsTheRefundMethod opens a -db file made before orders
// had a refund_method, as a store that is upgraded would.
func TestAnOlderDatabaseGetsTheRefundMethod(t *testing.T) {
	path := t.TempDir() + "/old.db"
	old, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = old.Exec(`
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
	password TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('owner', 'customer')));
CREATE TABLE products (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, colour TEXT NOT NULL DEFAULT '',
	size TEXT NOT NULL DEFAULT '', price INTEGER NOT NULL DEFAULT 0, stock INTEGER NOT NULL DEFAULT 0);
CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL REFERENCES users(id),
	product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL DEFAULT 1,
	status TEXT NOT NULL DEFAULT 'delivered', replacement_product_id INTEGER REFERENCES products(id));
INSERT INTO products (name, colour, stock) VALUES ('sweater', 'black', 3);`)
	old.Close()
	if err != nil {
		t.Fatal(err)
	}

	// Opening twice: the first adds the column, the second finds it there.
	store, err := New(Options{DBPath: path})
	if err != nil {
		t.Fatalf("first open of an older database: %v", err)
	}
	store.Close()
	sh := startShop(t, Options{DBPath: path, TestMode: true})
	sh.create("owner", map[string]any{"email": "owner@example.com"})
	sh.create("customer", map[string]any{"email": "alice@example.com"})
	order := sh.create("order", map[string]any{"customer_email": "alice@example.com", "product_id": 1})
	status, body := sh.call(sh.signIn("owner@example.com"), "POST", "/api/orders/"+jsonID(order["id"])+"/refund",
		map[string]any{"refund_method": "store_credit"})
	if status != http.StatusOK || !strings.Contains(string(body), `"refund_method":"store_credit"`) {
		t.Errorf("refund on an upgraded database: %d %s", status, body)
	}
}
