Feature: Correcting a product's stock
  In order to keep the stock true to what is on the shelves
  As the store owner
  I want to open a product from the inventory and set its stock

  Background:
    Given I am signed in as the store owner
    And a product "green hat" exists with:
      | name   | hat   |
      | colour | green |
      | size   | M     |
      | price  | 20    |
      | stock  | 4     |

  Scenario: The owner opens a product from the inventory and corrects its stock
    Given I am on the inventory page
    When I click "{{green hat.name}}"
    Then I should be on "/products/{{green hat.id}}"
    And the page title should be "{{green hat.name}} — Demo Store"
    And I should see "4" within "#stock"
    And the "Stock" field should contain "4"
    When I fill in "Stock" with "7"
    And I click "Update stock"
    Then I should see "Updated stock of green hat to 7"
    When I reload the page
    Then I should see "7" within "#stock"
    When I go back
    Then I should be on "/inventory"
    And I should see "7" within the "tr.product" containing "hat"

  Scenario: An empty stock is refused
    Given I am on "/products/{{green hat.id}}"
    And the "Stock" field should contain "4"
    When I clear "Stock"
    Then the "Stock" field should be empty
    When I click "Update stock"
    Then I should see "stock must be a whole number"
    And I should see "4" within "#stock"
