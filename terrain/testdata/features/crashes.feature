Feature: A worker whose browser or app dies mid-run

  Scenario: One
    Given I am on "/"
    Then I should see "Welcome to a plain site"

  Scenario: Two
    Given I am on "/about.html"
    Then I should see "We serve files."

  Scenario: The part dies
    Given I am on "/"
    When the worker's part dies
    And I go to "/about.html"
    Then I should see "We serve files."

  Scenario: Three
    Given I am on "/"
    Then I should see "Welcome to a plain site"

  Scenario: Four
    Given I am on "/about.html"
    Then I should see "We serve files."

  Scenario: Five
    Given I am on "/"
    Then I should see "Welcome to a plain site"
