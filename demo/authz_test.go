package demo

import (
	"net/http"
	"testing"
)

func TestCanRules(t *testing.T) {
	owner := &User{ID: 1, Role: RoleOwner}
	alice := &User{ID: 2, Role: RoleCustomer}
	product := &Product{ID: 1}
	aliceDelivered := &Order{ID: 1, CustomerID: 2, Status: StatusDelivered}
	aliceRefunded := &Order{ID: 2, CustomerID: 2, Status: StatusRefunded}
	bobsOrder := &Order{ID: 3, CustomerID: 3, Status: StatusDelivered}

	cases := []struct {
		reason  string
		user    *User
		action  string
		subject any
		want    bool
	}{
		{"the owner manages everything", owner, actionRefund, aliceDelivered, true},
		{"the owner may create products", owner, actionCreate, "Product", true},
		{"the owner may see the Returns page", owner, actionRefund, "Order", true},
		{"a customer browses products", alice, actionRead, product, true},
		{"a customer may open the product list", alice, actionRead, "Product", true},
		{"a customer may not add products", alice, actionCreate, "Product", false},
		{"a customer may not change stock", alice, actionUpdate, product, false},
		{"a customer reads their own order", alice, actionRead, aliceDelivered, true},
		{"a customer may open the orders list, filtered to theirs", alice, actionRead, "Order", true},
		{"a customer may not read someone else's order", alice, actionRead, bobsOrder, false},
		{"a customer may return their own delivered order", alice, actionRequestReturn, aliceDelivered, true},
		{"a customer may not return an order that is no longer delivered", alice, actionRequestReturn, aliceRefunded, false},
		{"a customer may not return someone else's order", alice, actionRequestReturn, bobsOrder, false},
		{"a customer may not refund, even their own order", alice, actionRefund, aliceDelivered, false},
		{"a customer does not see the Returns page", alice, actionRefund, "Order", false},
		{"a signed-out visitor can do nothing", nil, actionRead, product, false},
		{"a nil subject is never allowed", owner, actionRead, (*Product)(nil), false},
		{"an unknown subject type is never allowed", alice, actionRead, 42, false},
	}
	for _, c := range cases {
		if got := can(c.user, c.action, c.subject); got != c.want {
			t.Errorf("%s: can(%v, %q, %v) = %v, want %v", c.reason, c.user, c.action, c.subject, got, c.want)
		}
	}
}

func TestAPIAuthorizationMatrix(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	browsers := map[string]*http.Client{
		"owner":      sh.signIn("owner@example.com"),
		"alice":      sh.signIn("alice@example.com"),
		"signed out": sh.browser(),
	}
	alice, bob := "/api/orders/"+jsonID(w.aliceOrder["id"]), "/api/orders/"+jsonID(w.bobOrder["id"])
	blue := jsonID(w.blue["id"])

	cases := []struct {
		reason string
		who    string
		method string
		path   string
		body   any
		want   int
	}{
		{"signed-out visitors must sign in for data", "signed out", "GET", "/api/products", nil, 401},
		{"signed-out visitors cannot refund", "signed out", "POST", alice + "/refund", nil, 401},
		{"customers browse products", "alice", "GET", "/api/products", nil, 200},
		{"customers cannot add products", "alice", "POST", "/api/products", `{"name":"hat"}`, 403},
		{"customers cannot change stock", "alice", "PATCH", "/api/products/" + blue, `{"stock":99}`, 403},
		{"customers read their own order", "alice", "GET", alice, nil, 200},
		{"customers cannot read someone else's order", "alice", "GET", bob, nil, 403},
		{"customers cannot refund, even their own order", "alice", "POST", alice + "/refund", nil, 403},
		{"customers cannot replace", "alice", "POST", alice + "/replace", `{"product_id":` + blue + `}`, 403},
		{"customers cannot return someone else's order", "alice", "POST", bob + "/return-request", nil, 403},
		{"customers return their own delivered order", "alice", "POST", alice + "/return-request", nil, 200},
		{"the owner adds products", "owner", "POST", "/api/products", `{"name":"hat","price":"12.50"}`, 201},
		{"the owner changes stock", "owner", "PATCH", "/api/products/" + blue, `{"stock":"5"}`, 200},
		{"the owner refunds", "owner", "POST", bob + "/refund", nil, 200},
		{"a missing order is 404, not 403", "owner", "GET", "/api/orders/999", nil, 404},
		{"unknown API routes answer JSON 404", "owner", "GET", "/api/nope", nil, 404},
	}
	for _, c := range cases {
		status, body := sh.call(browsers[c.who], c.method, c.path, c.body)
		if status != c.want {
			t.Errorf("%s: %s %s as %s = %d, want %d (%s)", c.reason, c.method, c.path, c.who, status, c.want, body)
		}
		if status >= 400 {
			if msg := decodeJSON[map[string]string](t, body)["error"]; msg == "" {
				t.Errorf("%s: error answer has no message: %s", c.reason, body)
			}
		}
	}
}

func TestCustomerSeesOnlyOwnOrders(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()

	cases := []struct {
		reason string
		email  string
		want   []any
	}{
		{"a customer's list is filtered by can()", "alice@example.com", []any{w.aliceOrder["id"]}},
		{"the owner sees every order", "owner@example.com", []any{w.aliceOrder["id"], w.bobOrder["id"]}},
	}
	for _, c := range cases {
		status, body := sh.call(sh.signIn(c.email), "GET", "/api/orders", nil)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d: %s", c.reason, status, body)
		}
		orders := decodeJSON[[]orderJSON](t, body)
		var got []any
		for _, o := range orders {
			got = append(got, float64(o.ID))
		}
		if len(got) != len(c.want) {
			t.Fatalf("%s: got orders %v, want %v", c.reason, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: got orders %v, want %v", c.reason, got, c.want)
			}
		}
	}
}

func TestOrderActionsFollowCan(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()

	_, body := sh.call(sh.signIn("alice@example.com"), "GET", "/api/orders/"+jsonID(w.aliceOrder["id"]), nil)
	if got := decodeJSON[orderJSON](t, body).Actions; len(got) != 1 || got[0] != "request_return" {
		t.Errorf("a customer's delivered order offers only request_return, got %v", got)
	}
	_, body = sh.call(sh.signIn("owner@example.com"), "GET", "/api/orders/"+jsonID(w.aliceOrder["id"]), nil)
	if got := decodeJSON[orderJSON](t, body).Actions; !contains(got, "refund") || !contains(got, "replace") {
		t.Errorf("the owner may refund and replace a delivered order, got %v", got)
	}
}
