package stepdefs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/factories"
	"github.com/romaine-bdd/romaine/support"
	"github.com/romaine-bdd/romaine/terrain"
)

// Register adds the demo store's domain steps, in the words of the returns story:
//
//	Given I am signed in as the store owner
//	Given I am signed in as a customer
//	Given a customer previously bought a COLOUR ITEM from me
//	Given I have COUNT COLOUR ITEMs in stock
//	When he returns the ITEM for a refund
//	When he returns the ITEM for a replacement in COLOUR
//	Then I should have COUNT COLOUR ITEMs in stock
//
// COUNT is a digit or a word (zero to twelve). Givens make data with the
// factories; Whens and Thens use the browser, as a person would.
func Register(sc *godog.ScenarioContext) {
	sc.Step(`^I am signed in as (the store owner|a customer)$`, signIn)
	sc.Step(`^a customer previously bought an? (\S+) (\S+) from me$`, customerBought)
	sc.Step(`^I have (\S+) (\S+) (\S+) in stock$`, haveInStock)
	sc.Step(`^(?:he|she|they) returns? the (\S+) for a refund$`, returnForRefund)
	sc.Step(`^(?:he|she|they) returns? the (\S+) for a replacement in (\S+)$`, returnForReplacement)
	sc.Step(`^I should have (\S+) (\S+) (\S+) in stock$`, shouldHaveInStock)
}

func signIn(ctx context.Context, who string) error {
	sc, err := terrain.FromContext(ctx)
	if err != nil {
		return err
	}
	model := "owner"
	if who == "a customer" {
		model = "customer"
	}
	user, err := sc.Data.Create(ctx, model, nil)
	if err != nil {
		return err
	}
	sc.Remember("me", user)
	p := sc.Page
	if err := p.Visit(ctx, "/sign-in"); err != nil {
		return err
	}
	if err := p.Fill(ctx, support.Loc("Email"), fmt.Sprint(user["email"])); err != nil {
		return err
	}
	if err := p.Fill(ctx, support.Loc("Password"), fmt.Sprint(user["password"])); err != nil {
		return err
	}
	if err := p.Click(ctx, support.Loc("Sign in").As(support.ButtonKind)); err != nil {
		return err
	}
	return p.ExpectPath(ctx, "/inventory")
}

// customerBought makes a delivered order of the product; the order's factory
// makes the customer and the product (none left in stock, until a step says
// how many there are).
func customerBought(ctx context.Context, colour, item string) error {
	sc, err := terrain.FromContext(ctx)
	if err != nil {
		return err
	}
	order, err := sc.Data.CreateSpec(ctx, "order", factories.Spec{Traits: []string{"delivered"}, Overrides: map[string]string{
		"product.name": item, "product.colour": colour, "product.size": "M", "product.traits": "sold out",
	}})
	if err != nil {
		return err
	}
	customer, _ := order["customer"].(factories.Attrs)
	product, _ := order["product"].(factories.Attrs)
	if customer == nil || product == nil {
		return fmt.Errorf("the order factory made no customer or product (order: %v); its associations are defined in models.go", order)
	}
	sc.Remember("order", order)
	sc.Remember("customer", customer)
	sc.Remember(colour+" "+item, product)
	sc.Values["returned item"] = product
	return nil
}

// haveInStock makes the product with that stock, or sets the stock of the one
// already made, through the store's API as its owner.
func haveInStock(ctx context.Context, count, colour, items string) error {
	sc, err := terrain.FromContext(ctx)
	if err != nil {
		return err
	}
	n, err := number(count)
	if err != nil {
		return err
	}
	item := singular(items)
	if existing, err := sc.Recall(colour + " " + item); err == nil {
		return setStock(ctx, sc, existing, n)
	}
	_, err = productFor(ctx, sc, colour, item, n)
	return err
}

func returnForRefund(ctx context.Context, item string) error {
	return processReturn(ctx, item, "Refund", "")
}

func returnForReplacement(ctx context.Context, item, colour string) error {
	return processReturn(ctx, item, "Replace", colour)
}

// processReturn does what the owner does on the returns page: find the
// customer's row, choose a replacement if any, click, confirm, and wait for the row
// to say it is done.
func processReturn(ctx context.Context, item, button, replacementColour string) error {
	return terrain.InScenario(ctx, func(sc *terrain.Scenario) error {
		customer, err := sc.Recall("customer")
		if err != nil {
			return err
		}
		returned, _ := sc.Values["returned item"].(factories.Attrs)
		if returned == nil || !strings.Contains(fmt.Sprint(returned["name"]), singular(item)) {
			return fmt.Errorf("no customer bought a %s in this scenario; start with  Given a customer previously bought a COLOUR %s from me", item, item)
		}
		p := sc.Page
		if err := p.Visit(ctx, "/returns"); err != nil {
			return err
		}
		row := support.WithinContaining(".return", fmt.Sprint(customer["name"]))
		if replacementColour != "" {
			replacement, err := sc.Recall(replacementColour + " " + fmt.Sprint(returned["name"]))
			if err != nil {
				return err
			}
			if err := p.Select(ctx, support.Loc("Replacement", row), fmt.Sprintf("%s %s", replacement["colour"], replacement["name"])); err != nil {
				return err
			}
		}
		p.NextDialog(true)
		if err := p.Click(ctx, support.Loc(button, row).As(support.ButtonKind)); err != nil {
			return err
		}
		done := map[string]string{"Refund": "Refunded", "Replace": "Replaced"}[button]
		return p.ExpectText(ctx, done, support.WithinContaining(".return", fmt.Sprint(customer["name"])), support.Within(".status"))
	})
}

func shouldHaveInStock(ctx context.Context, count, colour, items string) error {
	return terrain.InScenario(ctx, func(sc *terrain.Scenario) error {
		n, err := number(count)
		if err != nil {
			return err
		}
		product, err := sc.Recall(colour + " " + singular(items))
		if err != nil {
			return err
		}
		if err := sc.Page.Visit(ctx, "/products/"+idOf(product)); err != nil {
			return err
		}
		return sc.Page.ExpectExactText(ctx, strconv.Itoa(n), support.Within("#stock"))
	})
}

func productFor(ctx context.Context, sc *terrain.Scenario, colour, item string, stock int) (factories.Attrs, error) {
	product, err := sc.Data.Create(ctx, "product", map[string]string{
		"name": item, "colour": colour, "stock": strconv.Itoa(stock), "size": "M",
	})
	if err != nil {
		return nil, err
	}
	sc.Remember(colour+" "+item, product)
	return product, nil
}

// setStock signs in to the API as an owner (made for the purpose) and PATCHes the stock.
func setStock(ctx context.Context, sc *terrain.Scenario, product factories.Attrs, n int) error {
	owner, err := sc.Data.Create(ctx, "owner", nil)
	if err != nil {
		return err
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	base := sc.Worker.BaseURL
	if err := postJSON(ctx, client, http.MethodPost, base+"/api/session", map[string]any{"email": owner["email"], "password": owner["password"]}); err != nil {
		return err
	}
	return postJSON(ctx, client, http.MethodPatch, base+"/api/products/"+idOf(product), map[string]any{"stock": n})
}

func postJSON(ctx context.Context, c *http.Client, method, url string, body any) error {
	data, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var msg bytes.Buffer
		_, _ = msg.ReadFrom(resp.Body)
		return fmt.Errorf("%s %s: %s %s", method, url, resp.Status, msg.String())
	}
	return nil
}

// idOf is a record's id as it appears in URLs (JSON numbers decode as float64).
func idOf(rec factories.Attrs) string {
	if n, ok := rec["id"].(float64); ok {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	return fmt.Sprint(rec["id"])
}

var numberWords = map[string]int{"no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

func number(s string) (int, error) {
	if n, ok := numberWords[strings.ToLower(s)]; ok {
		return n, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a count: write a number (4) or a word from zero to twelve", s)
	}
	return n, nil
}

// singular turns the plural of the story ("sweaters") into the item's name.
func singular(s string) string {
	if strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") {
		return strings.TrimSuffix(s, "s")
	}
	return s
}
