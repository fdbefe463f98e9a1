Feature: A step with a typo
  Scenario: Clicking, misspelt
    Given I am on "/"
    When I clik "About us"
