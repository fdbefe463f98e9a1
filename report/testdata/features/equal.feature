Feature: Greeting, many times

  Twenty-four scenarios of six steps each: three fail, one fails once and
  passes when run again, one skips itself. Their reports must tell each apart.

  Scenario: Greeting 01
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 02
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 03
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 04
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 05
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Goodbye"

  Scenario: Greeting 06
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 07
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 08
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 09
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then this step fails the first time it runs

  Scenario: Greeting 10
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 11
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 12
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 13
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Goodbye"

  Scenario: Greeting 14
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 15
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 16
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 17
    Given this scenario skips itself
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 18
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 19
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 20
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Goodbye"

  Scenario: Greeting 21
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 22
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 23
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"

  Scenario: Greeting 24
    Given I am on "/"
    Then I should see "Hello, reader"
    When I click "Wave"
    Then I should see "Hello, reader"
    And I should see "Wave"
    Then I should see "Hello, reader"
