Feature: Subscribing
  The feature the New example runs against its in-process app.

  Scenario: A visitor subscribes
    Given I am on "/"
    When I fill in "Email" with "ann@example.com"
    And I click "Subscribe"
    Then I should be on "/thanks"
    And I should see "Thanks, ann@example.com!"
