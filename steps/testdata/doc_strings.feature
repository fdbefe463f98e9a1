Feature: Doc strings are taken as written
  A doc string's \" stays a backslash and a quote (a JSON value keeps its
  escapes); only {{name.field}} references are replaced.

  Scenario: A value with escaped quotes
    Given I am on "/"
    When I fill in "Notes" with:
      """
      {"say": "\"hi\""}
      """
    Then I should see "the notes hold an escaped quote"
    And the "Notes" field should contain:
      """
      {"say": "\"hi\""}
      """
    When I click "Show the notes"
    Then I should see:
      """
      {"say": "\"hi\""}
      """
