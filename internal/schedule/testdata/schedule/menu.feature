@menu
Feature: A menu of scenarios for the scheduler's tests
  Scenario: Starter
    Given I am on "/"

  Scenario: Main course
    Given I am on "/"
    Then I should see "Welcome"

  @slow
  Scenario Outline: Dessert <kind>
    Given I am on "/<page>"

    Examples:
      | kind  | page       |
      | one   | index.html |
      | two   | about.html |
      | three | index.html |

  Scenario: Starter
    Given I am on "/about.html"
