Feature: Drinks
  Scenario: Water
    Given I am on "/"

  Scenario: Tea
    Given I am on "/index.html"

  @slow
  Scenario: Coffee
    Given I am on "/about.html"
