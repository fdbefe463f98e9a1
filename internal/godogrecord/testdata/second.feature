Feature: A second feature

  Scenario: Passes too
    When I pick "dates"
    Then I see "dates"

  Scenario Outline: A failing example of <fruit>
    When I pick "<fruit>"
    Then it breaks

    Examples:
      | fruit |
      | nuts  |

  Scenario: No steps
