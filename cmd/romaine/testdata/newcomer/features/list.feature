Feature: The shopping list

  Scenario: Adding an item through the form
    Given I am on "/"
    When I fill in "Name" with "Bread"
    And I click "Add"
    Then I should see "Bread" within "#items"

  Scenario: The list starts empty
    Given I am on "/"
    Then I should see 0 "#items li" elements

  Scenario: An item made by a factory is listed
    Given an item exists with:
      | name | Milk |
    When I am on the shopping list page
    Then I should see "{{item.name}}" within "#items"

  Scenario Outline: Adding <name>
    Given I am on "/"
    When I fill in "Name" with "<name>"
    And I click "Add"
    Then I should see "<name>" within "#items"

    Examples:
      | name   |
      | Apples |
      | Pears  |
