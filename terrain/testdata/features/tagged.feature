Feature: Scenarios chosen by their tags

  @a
  Scenario: Tagged a
    Given I am on "/"

  @b
  Scenario: Tagged b
    Given I am on "/"

  @a @c
  Scenario: Tagged a and c
    Given I am on "/"

  @wip
  Scenario: Tagged wip
    Given I am on "/"
