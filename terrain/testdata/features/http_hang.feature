Feature: An app that never answers a request

  Scenario: Asking an app that hangs
    When I send a GET request to "/hang"
    Then the response status should be 200

  Scenario: Asking it something it answers
    When I send a GET request to "/"
    Then the response status should be 200
