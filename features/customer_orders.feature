Feature: Customers follow their orders
  In order to know where my purchases stand
  As a customer
  I want to see my own orders, ask to return what was delivered, and nothing more

  Background:
    Given I am signed in as a customer
    And a product "boots" exists with:
      | name   | boots |
      | colour | brown |

  Scenario: A customer sees only her own orders
    Given a customer "bart" exists with:
      | name | Bartholomew Other |
    And a product "gloves" exists with:
      | name   | gloves |
      | colour | yellow |
    And the following orders exist:
      | customer_email | product_name | status    |
      | {{me.email}}   | boots        | delivered |
      | {{bart.email}} | gloves       | delivered |
    When I am on the orders page
    Then I should see 1 "tr.order" element
    And I should see "brown boots"
    And I should not see "yellow gloves"
    And I should not see "Bartholomew Other"

  Scenario: A customer who has bought nothing is told so
    When I am on the orders page
    Then I should see "No orders yet"
    And I should see 0 "tr.order" elements

  @return-request
  Scenario: A customer asks to return a delivered order
    Given an order exists with:
      | customer_email | {{me.email}} |
      | product_id     | {{boots.id}} |
    And I am on the orders page
    When I click "Request return" within the "tr.order" containing "brown boots"
    Then I should see "Return requested" within the "tr.order" containing "brown boots"
    And "Request return" should not be visible

  Scenario: The inventory is read-only for customers
    When I am on the inventory page
    Then I should see "boots" within the "tr.product" containing "brown"
    And "Add product" should not be visible
    And "Returns" should not be visible

  Scenario: The returns desk is for the owner only
    When I go to "/returns"
    Then the page title should be "Forbidden — Demo Store"
    And I should see "You are not allowed to see this page."

  Scenario: A customer signs out
    Given I am on the orders page
    When I hover over "{{me.name}}"
    And I click "Sign out"
    Then I should be on "/sign-in"
    When I go to "/orders"
    Then I should be on "/sign-in"
