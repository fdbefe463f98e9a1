Feature: Every outcome
  A feature whose scenarios pass, fail, skip, wait and are not written yet.

  Background:
    Given the shop is open

  Scenario: Passes
    When I pick "apples"
    Then I see "apples"

  Scenario: Fails, then skips
    When I pick "pears"
    Then it breaks
    And I see "pears"

  Scenario: Undefined
    When I juggle "plums"

  Scenario: Pending
    When it is not done yet

  Scenario Outline: Many <fruit>
    When I pick "<fruit>"
    Then I see "<fruit>"

    Examples:
      | fruit   |
      | figs    |
      | limes   |

    Examples: More
      | fruit   |
      | kiwis   |
