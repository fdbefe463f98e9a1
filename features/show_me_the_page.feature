Feature: Looking at the page while writing a scenario
  When a scenario does not do what its writer expects, it helps to see the page
  as the browser has it. "show me the page" saves the page's HTML and a
  screenshot, says where, and lets the scenario carry on.

  Scenario: The page is saved and the scenario goes on
    Given I am on the sign in page
    Then show me the page
    And I should see "Sign in"
    And the "Email" field should be empty
