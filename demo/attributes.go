package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// attributes is a decoded JSON object body. Feature files write tables of
// strings, so every accessor accepts "3" as well as 3, and "39.99" as well
// as 39.99.
type attributes map[string]any

const maxBodyBytes = 1 << 20

func decodeAttributes(r *http.Request) (attributes, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, newAPIError(http.StatusBadRequest, "could not read body: %v", err)
	}
	attrs := attributes{}
	if len(bytes.TrimSpace(body)) == 0 {
		return attrs, nil // an empty body means "all defaults"
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // keep 39.99 exact until we convert it to cents
	if err := dec.Decode(&attrs); err != nil {
		return nil, newAPIError(http.StatusBadRequest, "body must be a JSON object: %v", err)
	}
	return attrs, nil
}

// checkKnown rejects the first unknown key, naming what is allowed, so a
// typo in a feature file fails with a message that shows the fix.
func (a attributes) checkKnown(model string, known ...string) error {
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys) // report the same key every time
	for _, k := range keys {
		if !contains(sorted, k) {
			return newAPIError(http.StatusUnprocessableEntity, "unknown attribute %q for %s; known: %s",
				k, model, strings.Join(sorted, ", "))
		}
	}
	return nil
}

func (a attributes) has(key string) bool {
	v, ok := a[key]
	return ok && v != nil
}

// text returns a string attribute; numbers and booleans are accepted and
// written as they were sent.
func (a attributes) text(key, fallback string) (string, error) {
	if !a.has(key) {
		return fallback, nil
	}
	switch v := a[key].(type) {
	case string:
		return strings.TrimSpace(v), nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	return "", newAPIError(http.StatusUnprocessableEntity, "%s must be text, got %s", key, describe(a[key]))
}

// integer returns a whole-number attribute from 3 or "3".
func (a attributes) integer(key string, fallback int64) (int64, error) {
	if !a.has(key) {
		return fallback, nil
	}
	s, ok := numberText(a[key])
	if ok {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, nil
		}
	}
	return 0, newAPIError(http.StatusUnprocessableEntity, "%s must be a whole number, got %s", key, describe(a[key]))
}

// cents returns a money attribute from 39.99, "39.99" or "$39.99".
func (a attributes) cents(key string, fallback int64) (int64, error) {
	if !a.has(key) {
		return fallback, nil
	}
	s, ok := numberText(a[key])
	if ok {
		s = strings.TrimPrefix(s, "$")
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return int64(math.Round(f * 100)), nil
		}
	}
	return 0, newAPIError(http.StatusUnprocessableEntity, "%s must be a price like 39.99, got %s", key, describe(a[key]))
}

func numberText(v any) (string, bool) {
	switch v := v.(type) {
	case json.Number:
		return v.String(), true
	case string:
		return strings.TrimSpace(v), true
	}
	return "", false
}

func describe(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// productAttributes are the fields a product can be created or updated with.
var productAttributes = []string{"name", "colour", "size", "price", "stock"}

// applyProductAttributes overwrites p's fields with whatever attrs carries,
// validating as it goes. It serves the API and the factories alike.
func applyProductAttributes(p *Product, attrs attributes) error {
	if err := attrs.checkKnown("product", productAttributes...); err != nil {
		return err
	}
	var err error
	if p.Name, err = attrs.text("name", p.Name); err != nil {
		return err
	}
	if p.Colour, err = attrs.text("colour", p.Colour); err != nil {
		return err
	}
	if p.Size, err = attrs.text("size", p.Size); err != nil {
		return err
	}
	if p.PriceCents, err = attrs.cents("price", p.PriceCents); err != nil {
		return err
	}
	if p.Stock, err = attrs.integer("stock", p.Stock); err != nil {
		return err
	}
	switch {
	case p.PriceCents < 0:
		return newAPIError(http.StatusUnprocessableEntity, "price must not be negative")
	case p.Stock < 0:
		return newAPIError(http.StatusUnprocessableEntity, "stock must not be negative")
	}
	return nil
}
