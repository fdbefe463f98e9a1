Feature: TodoMVC, the classic todo list
  As someone with too many things to do
  I want to jot todos down, tick them off, filter, edit and remove them
  So that my list only shows what still matters

  # Shared by the react and vanillajs implementations of todomvc@0.1.1.
  # Each scenario starts in a fresh browser context, so localStorage is empty.
  # Titles are chosen so that none is a substring of another
  # ("Buy milk", "Walk the dog", "Pay rent", "Buy oat milk", "Walk the cat").

  Background:
    Given I am on "/"

  Scenario: Adding todos with the Enter key updates the list and the counter
    Then I should see "todos"
    And "#main" should not be visible
    And "#footer" should not be visible
    When I fill in "What needs to be done?" with "Buy milk"
    And I press the "Enter" key
    Then I should see "Buy milk" within "#todo-list"
    And I should see 1 "#todo-list li" elements
    And I should see "1 item left" within "#todo-count"
    And the "What needs to be done?" field should be empty
    And "#footer" should be visible
    When I fill in "What needs to be done?" with "Walk the dog"
    And I press the "Enter" key
    Then I should see "Walk the dog" within "#todo-list"
    And I should see 2 "#todo-list li" elements
    And I should see "2 items left" within "#todo-count"
    And the "What needs to be done?" field should be empty
    # Enter on the now-empty field must not add a blank todo
    When I press the "Enter" key
    Then I should see 2 "#todo-list li" elements
    And I should see "2 items left" within "#todo-count"
    And I should not see "Clear completed"

  Scenario: Completing a todo with its toggle, and un-completing it again
    When I fill in "What needs to be done?" with "Buy milk"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Walk the dog"
    And I press the "Enter" key
    Then I should see "2 items left" within "#todo-count"
    When I check ".toggle" within the "#todo-list li" containing "Buy milk"
    Then the ".toggle" checkbox should be checked within the "#todo-list li" containing "Buy milk"
    And the ".toggle" checkbox should not be checked within the "#todo-list li" containing "Walk the dog"
    And I should see 1 "#todo-list li.completed" elements
    And I should see "Buy milk" within "#todo-list li.completed"
    And I should see "1 item left" within "#todo-count"
    And I should see "Clear completed (1)"
    When I uncheck ".toggle" within the "#todo-list li" containing "Buy milk"
    Then the ".toggle" checkbox should not be checked within the "#todo-list li" containing "Buy milk"
    And I should see 0 "#todo-list li.completed" elements
    And I should see "2 items left" within "#todo-count"
    And I should not see "Clear completed"

  Scenario: Filtering with the All, Active and Completed links
    When I fill in "What needs to be done?" with "Buy milk"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Walk the dog"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Pay rent"
    And I press the "Enter" key
    And I check ".toggle" within the "#todo-list li" containing "Walk the dog"
    Then I should see "2 items left" within "#todo-count"
    When I click "Active"
    Then I should be on "/#/active"
    And I should see "Active" within "#filters a.selected"
    And I should see 2 "#todo-list li" elements
    And I should see "Buy milk" within "#todo-list"
    And I should see "Pay rent" within "#todo-list"
    And I should not see "Walk the dog"
    And I should see "2 items left" within "#todo-count"
    When I click "Completed"
    Then I should be on "/#/completed"
    And I should see "Completed" within "#filters a.selected"
    And I should see 1 "#todo-list li" elements
    And I should see "Walk the dog" within "#todo-list"
    And I should not see "Buy milk"
    And I should not see "Pay rent"
    # the counter counts active todos whatever the filter
    And I should see "2 items left" within "#todo-count"
    When I go back
    Then I should be on "/#/active"
    And I should see "Active" within "#filters a.selected"
    And I should see 2 "#todo-list li" elements
    And I should not see "Walk the dog"
    When I click "All"
    Then I should be on "/#/"
    And I should see "All" within "#filters a.selected"
    And I should see 3 "#todo-list li" elements

  Scenario: Clearing completed todos
    When I fill in "What needs to be done?" with "Buy milk"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Walk the dog"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Pay rent"
    And I press the "Enter" key
    And I check ".toggle" within the "#todo-list li" containing "Buy milk"
    And I check ".toggle" within the "#todo-list li" containing "Pay rent"
    Then I should see "Clear completed (2)"
    And I should see 2 "#todo-list li.completed" elements
    And I should see "1 item left" within "#todo-count"
    When I click "Clear completed"
    Then I should see 1 "#todo-list li" elements
    And I should see "Walk the dog" within "#todo-list"
    And I should not see "Buy milk"
    And I should not see "Pay rent"
    And I should see 0 "#todo-list li.completed" elements
    And I should see "1 item left" within "#todo-count"
    And "#clear-completed" should not be visible

  Scenario: Editing a todo by double-clicking it and pressing Enter
    When I fill in "What needs to be done?" with "Buy milk"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Walk the dog"
    And I press the "Enter" key
    And I double-click "Buy milk"
    Then I should see 1 "#todo-list li.editing" elements
    And "#todo-list li.editing .edit" should be visible
    And the ".edit" field should contain "Buy milk" within "#todo-list li.editing"
    When I fill in ".edit" with "Buy oat milk" within "#todo-list li.editing"
    And I press the "Enter" key
    Then I should see 0 "#todo-list li.editing" elements
    And I should see "Buy oat milk" within "#todo-list"
    And I should not see "Buy milk"
    And I should see 2 "#todo-list li" elements
    And I should see "2 items left" within "#todo-count"

  Scenario: Escape abandons an edit, and saving an empty title deletes the todo
    When I fill in "What needs to be done?" with "Buy milk"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Walk the dog"
    And I press the "Enter" key
    And I double-click "Walk the dog"
    And I fill in ".edit" with "Walk the cat" within "#todo-list li.editing"
    And I press the "Escape" key
    Then I should see 0 "#todo-list li.editing" elements
    And I should see "Walk the dog" within "#todo-list"
    And I should not see "Walk the cat"
    When I double-click "Buy milk"
    And I clear ".edit" within "#todo-list li.editing"
    And I press the "Enter" key
    Then I should see 1 "#todo-list li" elements
    And I should not see "Buy milk"
    And I should see "1 item left" within "#todo-count"

  Scenario: Removing todos with the destroy button that appears on hover
    When I click "What needs to be done?"
    And I type "Buy milk"
    And I press the "Enter" key
    And I type "Walk the dog"
    And I press the "Enter" key
    Then I should see 2 "#todo-list li" elements
    And ".destroy" should not be visible within the "#todo-list li" containing "Buy milk"
    When I hover over "Buy milk"
    Then ".destroy" should be visible within the "#todo-list li" containing "Buy milk"
    When I click ".destroy" within the "#todo-list li" containing "Buy milk"
    Then I should not see "Buy milk"
    And I should see 1 "#todo-list li" elements
    And I should see "1 item left" within "#todo-count"
    When I hover over "Walk the dog"
    And I click ".destroy" within the "#todo-list li" containing "Walk the dog"
    Then I should see 0 "#todo-list li" elements
    And I should not see "Walk the dog"
    And "#footer" should not be visible

  Scenario: Todos, their state and the filter survive a reload; toggle-all marks everything
    When I fill in "What needs to be done?" with "Buy milk"
    And I press the "Enter" key
    And I fill in "What needs to be done?" with "Walk the dog"
    And I press the "Enter" key
    And I check ".toggle" within the "#todo-list li" containing "Buy milk"
    And I reload the page
    Then I should see 2 "#todo-list li" elements
    And the ".toggle" checkbox should be checked within the "#todo-list li" containing "Buy milk"
    And the ".toggle" checkbox should not be checked within the "#todo-list li" containing "Walk the dog"
    And I should see "1 item left" within "#todo-count"
    When I go to "/#/completed"
    Then I should see 1 "#todo-list li" elements
    And I should see "Buy milk" within "#todo-list"
    When I reload the page
    Then I should be on "/#/completed"
    And I should see "Completed" within "#filters a.selected"
    And I should see 1 "#todo-list li" elements
    And I should not see "Walk the dog"
    When I go to "/#/"
    Then I should see 2 "#todo-list li" elements
    When I check "#toggle-all"
    Then I should see "0 items left" within "#todo-count"
    And I should see 2 "#todo-list li.completed" elements
    And the "#toggle-all" checkbox should be checked
    When I uncheck "#toggle-all"
    Then I should see "2 items left" within "#todo-count"
    And I should see 0 "#todo-list li.completed" elements
    And the "#toggle-all" checkbox should not be checked
