Feature: Scenarios the page's recorder follows

  Scenario: An API call, then the page
    When I send a GET request to "/api/items"
    Then the response status should be 200
    Given I am on "/"
    When I click "Count the items"
    Then I should see "3 items"

  Scenario: Lucky the second time
    Given I am on "/lucky"
    Then I should see "good luck"
