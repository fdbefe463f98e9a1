Feature: Orders

  Scenario Outline: Paying with a card
    Given a customer "<who>" exists with:
      | email | <who>@example.com |
      | name  | {{shop.owner}}    |
    When I fill in "Email" with "{{<who>.email}}"
    And I send a POST request to "/api/orders" with:
      """json
      {"email": "{{<who>.email}}", "total": <total>}
      """
    Then I should see "Thank you, {{ <who>.name }}"

    Examples:
      | who   | total |
      | alice | 12    |
      | bob   | 30    |
