Feature: A table of fields is one step, with one deadline
  Scenario: Fields that become enabled one after another, too late for one step
    Given I am on "/"
    When I fill in the following:
      | First  | a |
      | Second | b |
      | Third  | c |
