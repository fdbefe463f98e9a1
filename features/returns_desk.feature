Feature: Handling returns at the returns desk
  In order to settle what customers send back
  As the store owner
  I want to refund or replace open orders, and be asked before anything is done

  Background:
    Given I am signed in as the store owner

  Scenario: Only orders that can still be returned are listed
    Given a customer "erin" exists with:
      | name | Erin Walsh |
    And the following products exist:
      | name   | colour |
      | mug    | white  |
      | teapot | white  |
      | kettle | steel  |
    And the following orders exist:
      | customer_email | product_name | status           |
      | {{erin.email}} | mug          | delivered        |
      | {{erin.email}} | teapot       | return_requested |
      | {{erin.email}} | kettle       | refunded         |
    When I am on the returns page
    Then I should see 2 "tr.return" elements
    And I should see "Delivered" within the "tr.return" containing "Erin Walsh bought 1 white mug"
    And I should see "Return requested" within the "tr.return" containing "Erin Walsh bought 1 white teapot"
    And I should not see "Erin Walsh bought 1 steel kettle"

  Scenario: The owner thinks twice before refunding
    Given a customer "carol" exists with:
      | name | Carol Jones |
    And a product "green hat" exists with:
      | name   | hat   |
      | colour | green |
      | stock  | 2     |
    And an order exists with:
      | customer_email | {{carol.email}}  |
      | product_id     | {{green hat.id}} |
    And I am on the returns page
    When I dismiss the next dialog
    And I click "Refund" within the "tr.return" containing "Carol Jones"
    Then I should see "Delivered" within the "tr.return" containing "Carol Jones"
    And I should have two green hats in stock
    When I am on the returns page
    And I accept the next dialog
    And I click "Refund" within the "tr.return" containing "Carol Jones"
    Then I should see "Refunded" within the "tr.return" containing "Carol Jones"
    And I should have three green hats in stock

  Scenario: A jacket is replaced by one in another colour
    Given a customer "dan" exists with:
      | name | Dan Brown |
    And a product "red jacket" exists with:
      | name   | jacket |
      | colour | red    |
      | size   | M      |
      | stock  | 1      |
    And a product "blue jacket" exists with:
      | name   | jacket |
      | colour | blue   |
      | size   | M      |
      | stock  | 4      |
    And an order exists with:
      | customer_email | {{dan.email}}     |
      | product_id     | {{red jacket.id}} |
    And I am on the returns page
    When I select "blue jacket" from "Replacement" within the "tr.return" containing "Dan Brown"
    Then the "Replacement" field should contain "blue jacket (M)"
    When I accept the next dialog
    And I click "Replace" within the "tr.return" containing "Dan Brown"
    Then I should see "Replaced with blue jacket" within the "tr.return" containing "Dan Brown"
    And I should have two red jackets in stock
    And I should have three blue jackets in stock

  Scenario: A replacement has to be chosen before replacing
    Given a customer "frank" exists with:
      | name | Frank Moss |
    And the following products exist:
      | name    | colour | stock |
      | sweater | black  | 1     |
      | sweater | grey   | 2     |
    And an order exists with:
      | customer_email | {{frank.email}} |
      | product_name   | sweater         |
      | product_colour | black           |
    And I am on the returns page
    Then "Replace" should be disabled within the "tr.return" containing "Frank Moss"
    When I select "grey sweater" from "Replacement" within the "tr.return" containing "Frank Moss"
    Then "Replace" should be enabled within the "tr.return" containing "Frank Moss"
    When I select "Choose a product" from "Replacement" within the "tr.return" containing "Frank Moss"
    Then "Replace" should be disabled within the "tr.return" containing "Frank Moss"
    And I should see "Delivered" within the "tr.return" containing "Frank Moss"

  Scenario: A refund can be given as store credit
    Given a customer "gina" exists with:
      | name | Gina Hart |
    And a product "white mug" exists with:
      | name   | mug   |
      | colour | white |
      | stock  | 1     |
    And an order exists with:
      | customer_email | {{gina.email}}   |
      | product_id     | {{white mug.id}} |
    And I am on the returns page
    When I choose "Store credit" within the "tr.return" containing "Gina Hart"
    And I accept the next dialog
    And I click "Refund" within the "tr.return" containing "Gina Hart"
    Then I should see "Refunded as store credit" within the "tr.return" containing "Gina Hart"
    And I should have two white mugs in stock
