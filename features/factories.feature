Feature: Test data from factories
  In order to write a Given that says only what matters
  As a feature writer
  I want the factories to fill in the rest: fake defaults, traits, the
  customer and product an order needs, and whole lists of records

  The demo store's models are defined in features/stepdefs/models.go.

  Scenario: A trait before the model's name
    Given an owner "olivia" exists
    And a sold out product exists
    When I send a POST request to "/api/session" with:
      """
      {"email": "{{olivia.email}}", "password": "{{olivia.password}}"}
      """
    And I send a GET request to "/api/products/{{product.id}}"
    Then the JSON response at "stock" should be "0"
    And the JSON response at "name" should be "{{product.name}}"

  Scenario: Defaults fill in everything not given
    Given an owner "olivia" exists
    And an order exists
    When I send a POST request to "/api/session" with:
      """
      {"email": "{{olivia.email}}", "password": "{{olivia.password}}"}
      """
    And I send a GET request to "/api/orders/{{order.id}}"
    Then the JSON response at "status" should be "delivered"
    And the JSON response at "summary" should be "{{customer.name}} bought 1 {{product.colour}} {{product.name}}"
    And the JSON response at "customer_email" should be "{{order.customer.email}}"

  Scenario: Traits combine, and an order makes its customer and product
    Given an owner "olivia" exists
    And a product "hat" exists that is sold out and discounted
    And an order exists that is delivered and refunded
    When I send a POST request to "/api/session" with:
      """
      {"email": "{{olivia.email}}", "password": "{{olivia.password}}"}
      """
    And I send a GET request to "/api/orders/{{order.id}}"
    Then the JSON response at "status" should be "refunded"
    And the JSON response at "customer_email" should be "{{customer.email}}"
    And the JSON response at "product_name" should be "{{product.name}}"
    When I send a GET request to "/api/products/{{hat.id}}"
    Then the JSON response at "stock" should be "0"
    And the JSON response at "price" should be "{{hat.price}}"

  Scenario: A table gives traits, transient attributes and the associated records' attributes
    Given an owner "olivia" exists
    And an order exists with:
      | traits         | refunded as store credit |
      | item_count     | 3                        |
      | customer.name  | Erin Walsh               |
      | product.name   | kettle                   |
      | product.colour | steel                    |
    When I send a POST request to "/api/session" with:
      """
      {"email": "{{olivia.email}}", "password": "{{olivia.password}}"}
      """
    And I send a GET request to "/api/orders/{{order.id}}"
    Then the JSON response at "summary" should be "Erin Walsh bought 3 steel kettle"
    And the JSON response at "refund_method" should be "store_credit"

  Scenario: Orders of a remembered customer, one per row
    Given I am signed in as the store owner
    And a customer "alice" exists with:
      | name | Alice Smith |
    And the following orders exist:
      | customer  | product.name | product.colour | traits           |
      | {{alice}} | mug          | white          | delivered        |
      | {{alice}} | teapot       | white          | return requested |
      | {{alice}} | kettle       | steel          | refunded         |
    When I am on the returns page
    Then I should see 2 "tr.return" elements
    And I should see "Return requested" within the "tr.return" containing "Alice Smith bought 1 white teapot"
    And I should not see "Alice Smith bought 1 steel kettle"

  Scenario: A customer made with orders of their own, by a hook
    Given I am signed in as the store owner
    And a customer "bob" exists with:
      | name        | Bob Stone |
      | order_count | 2         |
    When I am on the returns page
    Then I should see 2 "tr.return" elements
    And I should see "Bob Stone bought 1" within the "tr.return" containing "{{bob.name}}"

  Scenario: Counts of records, with and without traits
    Given I am signed in as the store owner
    And 3 products exist
    And 2 products exist that are sold out
    And 1 sold out garment exist
    When I am on the inventory page
    Then I should see 6 "tr.product" elements
    When I check "Only in stock"
    Then I should see 3 "tr.product" elements

  Scenario: A user with a role
    Given a user "uma" exists that is owner
    When I send a POST request to "/api/session" with:
      """
      {"email": "{{uma.email}}", "password": "{{uma.password}}"}
      """
    Then the response status should be 200
    And the JSON response at "role" should be "owner"
