package factories

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/romaine-bdd/romaine/internal/recordapp"
)

// newRecordApp serves an app that creates users (which need an email) and
// categories, and nothing else.
func newRecordApp(t *testing.T) (*recordapp.App, string) {
	app := recordapp.New([]string{"user", "category"}, map[string][]string{"user": {"email"}})
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return app, srv.URL
}

func TestCellValue(t *testing.T) {
	cases := []struct {
		cell, reason string
		want         any
	}{
		{"42", "a whole number is a number", json.Number("42")},
		{"-9.99", "so is a decimal", json.Number("-9.99")},
		{"1e3", "and JSON's exponent form, digits as written", json.Number("1e3")},
		{"12345678901234567890", "a number too long for a float64 keeps its digits", json.Number("12345678901234567890")},
		{" 7 ", "space around a cell does not make it text", json.Number("7")},
		{"true", "JSON's true", true},
		{"false", "JSON's false", false},
		{"null", "JSON's null", nil},
		{`"42"`, "a JSON string is how to send the text 42", "42"},
		{`"say \"hi\""`, "with JSON's escapes", `say "hi"`},
		{`["red", "blue"]`, "a JSON list", []any{"red", "blue"}},
		{`{"city": "Oslo", "floor": 3}`, "a JSON object, numbers kept", map[string]any{"city": "Oslo", "floor": json.Number("3")}},
		{"Ann", "anything else is text", "Ann"},
		{"", "an empty cell is the empty string, not null", ""},
		{"007", "a leading zero is not JSON: text, as a postcode or phone number wants", "007"},
		{"True", "JSON is lower case: True is text", "True"},
		{"[draft]", "brackets that are not JSON are text", "[draft]"},
		{"42 apples", "a number followed by words is text", "42 apples"},
	}
	for _, tc := range cases {
		if got := CellValue(tc.cell); !cmp.Equal(got, tc.want) {
			t.Errorf("CellValue(%q): %s\nmismatch (-want +got):\n%s", tc.cell, tc.reason, cmp.Diff(tc.want, got))
		}
	}
}

func TestSingular(t *testing.T) {
	for plural, want := range map[string]string{
		"users": "user", "categories": "category", "boxes": "box", "matches": "match",
		"dishes": "dish", "addresses": "address", "buzzes": "buzz", "courses": "course",
		"keys": "key", "order items": "order item", "Users": "User",
		"class": "class", "status": "status", "analysis": "analysis", "people": "people", "s": "s",
	} {
		if got := singular(plural); got != want {
			t.Errorf("singular(%q) = %q, want %q", plural, got, want)
		}
	}
}

// A model not defined in Go is made from the step's cells alone, typed by
// CellValue, by the app; the record is what the app answered, over what
// was sent.
func TestSchemalessModelThroughAnApp(t *testing.T) {
	app, url := newRecordApp(t)
	r := newShopRegistry(t) // Go models exist too: they must not get in the way
	s := r.NewSession(1, HTTPStore{BaseURL: url})
	ctx := context.Background()

	d, traits, err := r.Resolve("user")
	if err != nil || !d.Schemaless() || d.Name() != "user" || traits != nil {
		t.Fatalf("Resolve(user) = %v %v %v, want the schema-less model user", d, traits, err)
	}
	rec, err := s.Create(ctx, "User", map[string]string{
		"email": "ann@example.test", "age": "42", "admin": "true", "zip": "007",
		"nick": `"42"`, "account": "12345678901234567890", "manager_id": "null",
		"tags": `["a", "b"]`, "password": "s3cret", "note": "",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Attrs{"id": 1.0, "email": "ann@example.test", "age": 42.0,
		"admin": true, "zip": "007", "nick": "42", "account": 12345678901234567890.0, "manager_id": nil,
		"tags": []any{"a", "b"}, "password": "s3cret", "note": ""}
	if d := cmp.Diff(want, rec); d != "" {
		t.Errorf("the record is the app's answer (with its id, without the password) over the cells sent (-want +got):\n%s", d)
	}
	sent := `user {"account":12345678901234567890,"admin":true,"age":42,"email":"ann@example.test","manager_id":null,"nick":"42","note":"","password":"s3cret","tags":["a","b"],"zip":"007"}`
	if got := app.Bodies()[0]; got != sent {
		t.Errorf("the app gets the cells typed, numbers' digits as written\nwant %s\ngot  %s", sent, got)
	}

	// A plural step's model is the singular by the English rules.
	d, _, err = r.ResolvePlural("categories")
	if err != nil || d.Name() != "category" || !d.Schemaless() {
		t.Fatalf("ResolvePlural(categories) = %v, %v; want the schema-less category", d, err)
	}
	recs, err := s.CreateN(ctx, d.Name(), 2, nil)
	if err != nil || len(recs) != 2 || recs[1]["id"] != 2.0 {
		t.Errorf("two categories with no attributes: %v, %v", recs, err)
	}
	// A Go model's plural still finds the Go model, defaults and all.
	if d, _, err := r.ResolvePlural("products"); err != nil || d.Schemaless() || d.Name() != "product" {
		t.Errorf("ResolvePlural(products) = %v, %v; want the Go model product", d, err)
	}
	if rec, err := s.Build("product", nil); err != nil || rec["name"] == nil || rec["name"] == "" {
		t.Errorf("a Go model keeps its defaults: %v, %v", rec, err)
	}
}

// What the app refuses reaches the step with the model, the address and
// the app's own words; a 404 for a model not defined in Go says what to do.
func TestSchemalessModelRefused(t *testing.T) {
	_, url := newRecordApp(t)
	s := newShopRegistry(t).NewSession(1, HTTPStore{BaseURL: url, PathSetting: "ROMAINE_FACTORY_PATH"})
	ctx := context.Background()

	_, err := s.Create(ctx, "user", map[string]string{"name": "Ann"})
	want := `creating user: POST ` + url + `/__test__/factories/user answered 422 Unprocessable Entity: {"errors": {"email": ["can't be blank"]}}; sent {"name":"Ann"}`
	if err == nil || err.Error() != want {
		t.Errorf("a refusal quotes the app\nwant %s\ngot  %v", want, err)
	}

	_, err = s.Create(ctx, "prodcut", nil)
	want = `creating prodcut: POST ` + url + `/__test__/factories/prodcut answered 404 Not Found: 404 page not found; sent {}
"prodcut" is not a model defined in Go, so its attributes were sent as written: the app must create a prodcut at that address, or ROMAINE_FACTORY_PATH must name where it does (or is the name misspelt? models defined in Go: customer, order, product)`
	if err == nil || err.Error() != want {
		t.Errorf("a 404 for a schema-less model says what to do\nwant %s\ngot  %v", want, err)
	}
	var refused *RefusedError
	if !strings.Contains(fmt.Sprint(err), "404") || !errors.As(err, &refused) || refused.Status != http.StatusNotFound {
		t.Errorf("the explained error still unwraps to the app's answer: %#v", err)
	}
}
