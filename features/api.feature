Feature: The store's JSON API
  The pages are filled from a JSON API that other tools use too. It answers in
  JSON, failures included, and applies the same rules as the pages: a caller
  signs in first, and may do only what their role allows.

  Background:
    Given a customer "alice" exists with:
      | name | Alice Smith |

  Scenario: A customer signs in through the API
    When I send a POST request to "/api/session" with:
      """
      {"email": "{{alice.email}}", "password": "{{alice.password}}"}
      """
    Then the response status should be 200
    And the JSON response at "name" should be "Alice Smith"
    And the JSON response at "role" should be "customer"
    When I send a GET request to "/api/session"
    Then the response status should be 200
    And the JSON response at "email" should be "{{alice.email}}"

  Scenario: A wrong password is refused with an explanation
    When I send a POST request to "/api/session" with:
      """
      {"email": "{{alice.email}}", "password": "not her password"}
      """
    Then the response status should be 401
    And the JSON response at "error" should be "Invalid email or password"

  Scenario: Signed-out callers are asked to sign in
    When I send a GET request to "/api/products"
    Then the response status should be 401
    And the JSON response at "error" should be "sign in required"

  Scenario: Signing out through the API ends the session
    Given an owner exists
    And I send a POST request to "/api/session" with:
      """
      {"email": "{{owner.email}}", "password": "{{owner.password}}"}
      """
    When I send a DELETE request to "/api/session"
    Then the response status should be 204
    When I send a GET request to "/api/session"
    Then the response status should be 401

  Scenario: The owner adds a product through the API
    Given an owner "olivia" exists
    And I send a POST request to "/api/session" with:
      """
      {"email": "{{olivia.email}}", "password": "{{olivia.password}}"}
      """
    When I send a POST request to "/api/products" with:
      """
      {"name": "tote bag", "colour": "navy", "size": "L", "price": "24.90", "stock": 7}
      """
    Then the response status should be 201
    And the JSON response should have "id"
    And the JSON response at "price" should be "24.9"
    When I send a GET request to "/api/products"
    Then the JSON response at "0.name" should be "tote bag"
    And the JSON response at "0.stock" should be "7"

  Scenario: A customer may look at products but not add them
    Given a product exists
    And I send a POST request to "/api/session" with:
      """
      {"email": "{{alice.email}}", "password": "{{alice.password}}"}
      """
    When I send a GET request to "/api/products/{{product.id}}"
    Then the response status should be 200
    And the JSON response at "name" should be "{{product.name}}"
    When I send a POST request to "/api/products" with:
      """
      {"name": "bootleg sweater"}
      """
    Then the response status should be 403
    And the JSON response should have "error"

  Scenario: An order lists what its customer may do with it
    Given a product exists
    And an order exists with:
      | customer_email | {{alice.email}} |
      | product_id     | {{product.id}}  |
    And I send a POST request to "/api/session" with:
      """
      {"email": "{{alice.email}}", "password": "{{alice.password}}"}
      """
    When I send a GET request to "/api/orders"
    Then the response status should be 200
    And the JSON response at "0.customer_name" should be "Alice Smith"
    And the JSON response at "0.status_text" should be "Delivered"
    And the JSON response at "0.actions.0" should be "request_return"
    And the JSON response should have "0.replacement_product_id"

  Scenario: Stock is changed with PATCH; PUT is not a route and says so in JSON
    Given an owner "olivia" exists
    And a product exists
    And I send a POST request to "/api/session" with:
      """
      {"email": "{{olivia.email}}", "password": "{{olivia.password}}"}
      """
    When I send a PUT request to "/api/products/{{product.id}}" with:
      """
      {"stock": 3}
      """
    Then the response status should be 404
    And the JSON response at "error" should be "no API route for PUT /api/products/{{product.id}}"

  Scenario: The owner refunds an order as store credit
    Given an owner "olivia" exists
    And a product exists
    And an order exists with:
      | customer_email | {{alice.email}} |
      | product_id     | {{product.id}}  |
    And I send a POST request to "/api/session" with:
      """
      {"email": "{{olivia.email}}", "password": "{{olivia.password}}"}
      """
    When I send a POST request to "/api/orders/{{order.id}}/refund" with:
      """
      {"refund_method": "store_credit"}
      """
    Then the response status should be 200
    And the JSON response at "refund_method" should be "store_credit"
    And the JSON response at "status_text" should be "Refunded as store credit"
