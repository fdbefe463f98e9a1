Feature: Clicks land on what they name, however the page moves
  The Deals page rebuilds its fruit stand every 50 ms, pushes its links down
  with a banner that arrives 0.2-1 s after load, and has a button that
  navigates a moment after it is clicked. Every click must still reach the
  button it names: never a lost pick, never a press on the banner.

  Scenario: Picking from a list rebuilt every 50 ms
    Given I am on "/deals"
    When I click "Pick banana"
    And I click "Pick cherry"
    Then I should see "Basket: banana, cherry"

  Scenario: A link pushed down by late content
    Given I am on "/deals"
    When I click "Go to the next page"
    Then I should be on "/deals?page=2"
    And I should see "More deals"

  Scenario: A click that navigates a moment later
    Given I am on "/deals"
    When I click "See tomorrow's deals"
    Then I should see "More deals"
