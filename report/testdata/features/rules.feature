Feature: Rules and outlines

  Background:
    Given I am on "/"

  Scenario: Before any rule
    Then I should see "Hello, reader"

  Rule: Waving

    Background:
      Given I should see "Wave"

    Scenario Outline: Seeing <text>
      When I click "Wave"
      Then I should see "<text>"

      Examples:
        | text    |
        | Hello   |
        | reader  |
        | Goodbye |
        | Wave    |

  Rule: Reading

    Scenario: Reading the greeting
      Then I should see "Hello"

    Scenario: Reading the button
      Then I should see "Wave"
