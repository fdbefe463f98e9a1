package demo

import (
	"net/http"
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
