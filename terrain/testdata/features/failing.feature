Feature: A scenario that fails
  Scenario: Looking for a button that is not there
    Given I am on "/"
    When I click "Sign up"
