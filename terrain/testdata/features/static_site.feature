Feature: A static site served by any command
  Romaine tests an app it did not write, started per worker by ROMAINE_APP_CMD.

  Scenario: Reading the about page
    Given I am on "/"
    When I click "About us"
    Then I should be on "/about.html"
    And I should see "We serve files."
    And the page title should be "About — Plain Site"

  Scenario: Being greeted
    Given I am on "/index.html"
    When I fill in "Your name" with "Ada"
    And I click "Greet me"
    Then I should see "Hello, Ada!"

  Scenario: Going home again
    Given I am on "/about.html"
    When I click "Home"
    Then I should see "Welcome to a plain site"
    And I should not see "We serve files."

  Scenario: Finding the greeting form
    Given I am on "/"
    Then I should see "Your name"
    And I should see 1 "css=h1" element
    And I should see "About us" within the "css=nav" containing "About"
    And I should not see "Hello"
    And I should see 0 "#greeting:not(:empty)" elements

  Scenario: Moving within the page by its #fragment, and back
    Given I am on "/index.html"
    When I go to "/index.html#greeting"
    Then I should be on "/index.html"
    And I should see 0 ".no-such-thing" elements
    When I go back
    Then I should see "Welcome to a plain site"

  Scenario: Ticking a box enables a button
    Given I am on "/"
    Then the "Send me news" checkbox should not be checked
    When I uncheck "Send me news"
    Then the "Send me news" checkbox should not be checked
    And "Subscribe" should be disabled
    When I check "Send me news"
    Then the "Send me news" checkbox should be checked
    And "Subscribe" should be enabled
