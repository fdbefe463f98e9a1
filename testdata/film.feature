Feature: A failing scenario's step film
  The project's own check of the step film (film_test.go): a scenario of the
  demo store that fails at its last step, so that its report has a film.

  Scenario: A wrong password does not sign the customer in
    Given a customer exists
    When I go to "/sign-in"
    And I fill in "Email" with "{{customer.email}}"
    And I fill in "Password" with "not the password"
    And I click "Sign in"
    Then I should see "Your orders"

  Scenario: An empty form does not sign anyone in
    When I go to "/sign-in"
    And I click "Sign in"
    Then I should see "Welcome back"
