Feature: The page's profiler, as coverage leaves it

  Scenario: A page with a script
    Given I am on "/"
    Then I should see "Ready"
    And the page's profiler is as the run wants it
