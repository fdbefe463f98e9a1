Feature: Checkout

  Background:
    Given a customer exists

  @smoke
  Scenario: Paying by card
    When I pay by card
    Then I should see "Thank you"

  Scenario Outline: Shipping to <country>
    When I ship to "<country>"
    Then the price should be "<price>"

    Examples:
      | country | price |
      | France  | 5     |
      | Japan   | 20    |
