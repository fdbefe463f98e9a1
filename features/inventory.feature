Feature: Keeping the inventory
  In order to know what I can sell
  As the store owner
  I want to list my products and add new ones from the inventory page

  Background:
    Given I am signed in as the store owner

  Scenario: The inventory lists every product with its price and stock
    Given the following products exist:
      | name    | colour | size | price | stock |
      | sweater | black  | M    | 39.99 | 3     |
      | scarf   | red    | S    | 12    | 10    |
    When I am on the inventory page
    Then the page title should be "Inventory — Demo Store"
    And I should see 2 "tr.product" elements
    And I should see "$39.99" within the "tr.product" containing "sweater"
    And I should see "10" within the "tr.product" containing "scarf"
    And "Add product" should be visible

  Scenario: Every product made is listed
    Given 3 products exist
    When I am on the inventory page
    Then I should see 3 "tr.product" elements
    And I should not see "No products yet"

  Scenario: The owner adds a product
    Given I am on the inventory page
    And I should see "No products yet"
    When I fill in the following:
      | Name   | beanie |
      | Colour | grey   |
      | Size   | L      |
      | Price  | 14.50  |
      | Stock  | 6      |
    And I click "Add product"
    Then I should see "Added beanie"
    And I should see "$14.50" within the "tr.product" containing "beanie"
    And the "Name" field should be empty
    When I reload the page
    Then I should see "grey" within the "tr.product" containing "beanie"

  Scenario: A new product needs a name
    Given I am on the inventory page
    And I should see "No products yet"
    When I fill in "Price" with "12.50"
    And I click "Add product"
    Then I should see "name is required"
    And "Add product" should be enabled
    And the "Price" field should contain "12.50"
    And I should see "No products yet"

  Scenario: A double-click on Add product adds the product only once
    Given I am on the inventory page
    And I should see "No products yet"
    When I fill in "Name" with "beret"
    And I double-click "Add product"
    Then I should see "Added beret"
    When I reload the page
    Then I should see 1 "tr.product" element

  Scenario: Sold-out products can be hidden
    Given the following products exist:
      | name    | colour | stock |
      | sweater | black  | 3     |
      | scarf   | red    | 0     |
      | beanie  | grey   | 6     |
    And I am on the inventory page
    And I should see 3 "tr.product" elements
    And the "Only in stock" checkbox should not be checked
    When I check "Only in stock"
    Then the "Only in stock" checkbox should be checked
    And I should see 2 "tr.product" elements
    And I should not see "scarf"
    When I uncheck "Only in stock"
    Then the "Only in stock" checkbox should not be checked
    And I should see "scarf" within the "tr.product" containing "red"

  Scenario: A name with quotes that starts with # is written as it reads
    Given a product "special" exists with:
      | name  | #1 "cosy" hat |
      | price | 25            |
    When I am on the inventory page
    Then the page title should contain "Inventory"
    And I should see "#1 \"cosy\" hat" within the "tr.product" containing "25"
    When I click "text=#1 \"cosy\" hat"
    Then I should be on "/products/{{special.id}}"
    And the page title should contain "\"cosy\" hat"
