package stepdefs

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/terrain"
)

// RegisterRacy adds the domain steps of demo/racy/racy.feature: steps
// written racy ON PURPOSE, the ways real teams write the steps that make a
// suite flaky, so that the flake hunter has something to find (make
// hunt-check; docs/flakes.md). Never copy them: each says what it should do.
//
//	Then the product list should include "NAME"
//	Then the inventory should count COUNT products in stock
//	When I give the save a moment
//	Then the stock shown should be COUNT
func RegisterRacy(sc *godog.ScenarioContext) {
	sc.Step(`^the product list should include "([^"]*)"$`, productListIncludes)
	sc.Step(`^the inventory should count (\d+) products? in stock$`, inventoryCountsInStock)
	sc.Step(`^I give the save a moment$`, giveTheSaveAMoment)
	sc.Step(`^the stock shown should be (\d+)$`, stockShownIs)
}

// productListIncludes reads the product list once, with plain rod, right
// away: the list is filled by a fetch after the page loaded, and nothing
// waits for it. (Right: sc.Page.ExpectText(ctx, name, support.Within("#product-list")).)
func productListIncludes(ctx context.Context, name string) error {
	return terrain.InScenario(ctx, func(sc *terrain.Scenario) error {
		list, err := sc.Page.Rod().Element("#product-list") // there from the start: rod finds it at once
		if err != nil {
			return err
		}
		text, err := list.Text()
		if err != nil {
			return err
		}
		if !strings.Contains(text, name) {
			return fmt.Errorf("the product list reads %q, without %q", text, name)
		}
		return nil
	})
}

// inventoryCountsInStock counts the rows shown in one evaluation, once.
// (Right:  Then I should see COUNT "tr.product:not([hidden])" elements , which retries.)
func inventoryCountsInStock(ctx context.Context, count string) error {
	return terrain.InScenario(ctx, func(sc *terrain.Scenario) error {
		res, err := sc.Page.Rod().Eval(`() => [...document.querySelectorAll('tr.product')].filter((r) => !r.hidden).length`)
		if err != nil {
			return err
		}
		if got := strconv.Itoa(res.Value.Int()); got != count {
			return fmt.Errorf("the inventory shows %s products in stock, want %s", got, count)
		}
		return nil
	})
}

// giveTheSaveAMoment sleeps a fixed time, long enough on a quiet laptop.
// The project forbids fixed sleeps everywhere else (wait for a condition):
// this one is the only one, here to be found by the flake hunter.
func giveTheSaveAMoment(context.Context) error {
	time.Sleep(500 * time.Millisecond)
	return nil
}

// stockShownIs reads the product page's stock once, with plain rod.
// (Right: sc.Page.ExpectExactText(ctx, count, support.Within("#stock")).)
func stockShownIs(ctx context.Context, count string) error {
	return terrain.InScenario(ctx, func(sc *terrain.Scenario) error {
		el, err := sc.Page.Rod().Element("#stock")
		if err != nil {
			return err
		}
		text, err := el.Text()
		if err != nil {
			return err
		}
		if strings.TrimSpace(text) != count {
			return fmt.Errorf("the stock shown is %q, want %s", text, count)
		}
		return nil
	})
}
