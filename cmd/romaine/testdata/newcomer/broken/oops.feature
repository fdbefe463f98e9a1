Feature: A mistake

  Scenario: A button that is not there
    Given I am on "/"
    When I click "Remove everything"
