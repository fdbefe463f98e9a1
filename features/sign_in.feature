Feature: Signing in
  The store's staff and customers sign in with their email and password, and
  sign out from the menu under their name.

  Scenario: The owner signs in and sees the inventory
    Given an owner "olivia" exists with:
      | email    | olivia@example.com |
      | password | s3cret             |
    When I go to "/sign-in"
    And I fill in "Email" with "{{olivia.email}}"
    And I fill in "Password" with "s3cret"
    And I click "Sign in"
    Then I should be on "/inventory"
    And I should see "Inventory"
    And I should not see "Loading"

  Scenario: A wrong password is refused
    Given a customer exists
    When I go to "/sign-in"
    And I fill in "Email" with "{{customer.email}}"
    And I fill in "Password" with "not the password"
    And I click "Sign in"
    Then I should see "Invalid email or password"
    And I should be on "/sign-in"

  Scenario: Sign out is in the menu under the user's name
    Given I am signed in as the store owner
    And I should see "{{me.name}}" within "css=header"
    And "Sign out" should not be visible
    When I hover over "{{me.name}}"
    Then "Sign out" should be visible
    When I click "Sign out"
    Then I should be on "/sign-in"
    When I go to "/inventory"
    Then I should be on "/sign-in"
