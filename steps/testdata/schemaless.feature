Feature: Factories for an app whose models are not defined in Go

  Scenario: The app makes the records; the steps remember its answer
    Given a user "ann" exists with:
      | email    | ann@example.test |
      | name     | Ann              |
      | age      | 42               |
      | admin    | true             |
      | zip      | 007              |
      | nickname | "42"             |
      | tags     | ["a", "b"]       |
      | boss_id  | null             |
      | password | s3cret           |
    And a category exists
    And 2 categories exist
    And the following users exist:
      | email            | name | manager_id  |
      | bob@example.test | Bob  | {{ann.id}}  |
      | cy@example.test  | Cy   | {{ann.id}}  |
    And a user exists with:
      | email | {{ann.name}}@example.test |
    When I am on "/records/user/{{ann.id}}"
    Then I should see "Ann"
    And I should see "{{ann.password}}"
    When I am on "/records/user/{{user.id}}"
    Then I should see "Ann@example.test"
    When I send a GET request to "/api/category/{{category.id}}"
    Then the JSON response at "id" should be "3"
    When I send a GET request to "/api/user/3"
    Then the JSON response at "manager_id" should be "1"
