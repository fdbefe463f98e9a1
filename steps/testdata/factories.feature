Feature: Every form of the factory steps

  Scenario: Each step form and capability
    Given a customer "alice" exists with:
      | name | Alice |
    And a sold out product exists
    And an order exists that is delivered and refunded
    And an order "gift" exists with:
      | customer     | {{alice}} |
      | product.name | mug       |
      | item_count   | 3         |
    And a product "hat" exists that is sold out
    And 2 products exist that are sold out
    And 2 sold out products exist
    And the following orders exist:
      | Traits    | customer.name | product  |
      | delivered | Bob           | {{hat}}  |
    And a customer exists
    And an order exists with:
      | customer_email | {{alice.email}} |
      | product.traits | sold out        |
