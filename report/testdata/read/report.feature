Feature: Reading the HTML report of a run

  Scenario: The report shows the summary, the failure, its screenshot and page
    Given I am on "/report.html"
    Then I should see "1 passed"
    And I should see "1 failed"
    And I should see "The greeting is shown"
    And I should see "A greeting that is not there"
    And I should see "Goodbye"
    And "css=img.screenshot" should be visible
    When I click "page.html"
    Then I should see "<h1>Hello, reader</h1>"
