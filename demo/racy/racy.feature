# Scenarios written racy on purpose, the ways real teams write flaky tests,
# so that the flake hunter has something to find (docs/flakes.md, make
# hunt-check). Each passes plain runs, one after another; the hunter finds
# each. They are not in features/, so normal runs do not take them:
#
#   ROMAINE_FEATURES=demo/racy ROMAINE_HUNT=20 ROMAINE_WORKERS=2 go test -run TestFeatures .
#
# Their Go steps are in features/stepdefs/racy.go. Every step that is not
# racy here is written right in features/.
@racy
Feature: Racy on purpose
  In order to show that the flake hunter finds what would flake in CI
  As the project
  I want scenarios that pass on a quiet machine and are wrong all the same

  Background:
    Given I am signed in as the store owner
    And the following products exist:
      | name    | colour | stock |
      | sweater | black  | 3     |
      | scarf   | red    | 0     |
      | beanie  | grey   | 6     |

  # A Go step reads the page once, with plain rod, while the list may still
  # be on its way: the check box slides in as the page opens, and clicking it
  # waits until it stops, long enough on a quiet machine.
  Scenario: The product list once what is sold out is hidden (reads the page once)
    Given I am on the inventory page
    When I check "Only in stock"
    Then the product list should include "sweater"
    And the product list should include "beanie"

  # The count is read in one evaluation, with nothing waiting for the list.
  Scenario: Only what is in stock (a count read in one evaluation)
    Given I am on the inventory page
    When I check "Only in stock"
    Then the "Only in stock" checkbox should be checked
    And the inventory should count 2 products in stock

  # The list's request, sent when the page loads, must come back before the
  # new product's: when it comes back last, it puts the list as it was
  # before the product was added back on the page, and the count is never 4.
  Scenario: Adding a product straight away (needs two requests to finish in the order they were sent)
    Given I am on the inventory page
    When I fill in "Name" with "cap"
    And I press the "Enter" key
    Then I should see "Added cap"
    And I should see 4 "tr.product" elements

  # A fixed sleep, then one read: long enough for the save on a quiet machine.
  Scenario: Correcting a stock (a fixed sleep)
    Given I am on "/products/{{product.id}}"
    And I should see "6" within "#stock"
    When I fill in "Stock" with "7"
    And I click "Update stock"
    And I give the save a moment
    Then the stock shown should be 7
