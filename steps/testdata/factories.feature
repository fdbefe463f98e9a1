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
    When I send a GET request to "/echo?gift_customer={{gift.customer.name}}&gift_quantity={{gift.quantity}}&last_product_stock={{order.product.stock}}&hat_stock={{hat.stock}}"
    Then the JSON response at "gift_customer" should be "Alice"
    And the JSON response at "gift_quantity" should be "3"
    And the JSON response at "hat_stock" should be "0"
    And the JSON response at "last_product_stock" should be "0"
