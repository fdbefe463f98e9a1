Feature: A browser started elsewhere, apps on another address

  Scenario: The first worker's page
    Given I am on "/"
    Then I should see "served on 127.0.0.2"

  Scenario: The second worker's page
    Given I am on "/"
    When I click "Count"
    Then I should see "clicked 1"
