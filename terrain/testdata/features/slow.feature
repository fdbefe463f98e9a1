Feature: A scenario that waits a long time
  Scenario: Waiting for text that never comes
    Given I am on "/"
    Then I should see "a text this page never shows"
