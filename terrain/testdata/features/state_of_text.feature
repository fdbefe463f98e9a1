Feature: Only controls are enabled or disabled
  Scenario: Plain text is not a control
    Given I am on "/"
    Then "Subscribed readers" should be enabled
