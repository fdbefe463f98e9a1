Feature: Working from the keyboard
  Staff at the counter keep their hands on the keyboard: the forms must work
  with Tab to move between fields and Enter to send them.

  Scenario: Signing in without the mouse
    Given an owner "olivia" exists
    And I am on the sign in page
    When I fill in "Email" with "{{olivia.email}}"
    And I press the "Tab" key
    And I type "{{olivia.password}}"
    And I press the "Enter" key
    Then I should be on "/inventory"

  Scenario: Correcting a stock without the mouse
    Given I am signed in as the store owner
    And a product "umbrella" exists with:
      | name   | umbrella |
      | colour | yellow   |
      | stock  | 5        |
    And I am on "/products/{{umbrella.id}}"
    And the "Stock" field should contain "5"
    When I clear "Stock"
    And I type "8"
    And I press the "Enter" key
    Then I should see "Updated stock of yellow umbrella to 8"
    And I should see "8" within "#stock"
