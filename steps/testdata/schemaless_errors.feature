Feature: Factories for an app whose models are not defined in Go, when the app says no

  Scenario: The app refuses the record
    Given a user exists with:
      | name | Ann |

  Scenario: The app does not know the model
    Given 2 unicorns exist

  Scenario: Traits need a model defined in Go
    Given a user exists that is admin

  Scenario: The app never answers
    Given a slow exists
