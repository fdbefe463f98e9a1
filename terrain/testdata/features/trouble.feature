Feature: Pages that misbehave
  Scenario: An alert nobody expected
    Given I am on "/trouble.html"
    When I click "Save"

  Scenario: A page whose JavaScript freezes
    Given I am on "/trouble.html"
    When I click "Freeze"
