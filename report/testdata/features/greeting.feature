Feature: Greeting

  Scenario: The greeting is shown
    Given I am on "/"
    Then I should see "Hello, reader"

  Scenario: A greeting that is not there
    Given I am on "/"
    When I click "Wave"
    Then I should see "Goodbye"
