Feature: The page

  Scenario: The page has a title
    Given I am on the shopping list page
    Then the page title should be "Shopping list"

  Scenario: The form is there
    Given I am on "/"
    Then I should see "Name"
    And "Add" should be visible
