Feature: A tea shop's app, measured while the scenarios run

  Scenario: A cup of tea
    Given I am on "/tea"
    When I click "Brew"
    Then I should see "Brewed: tea"

  Scenario: Another cup of tea
    Given I am on "/tea"
    Then I should see "A cup of tea"

  Scenario: A cup of coffee
    Given I am on "/coffee"
    When I click "Brew"
    Then I should see "Brewed: coffee"

  Scenario: Another cup of coffee
    Given I am on "/coffee"
    Then I should see "A cup of coffee"
