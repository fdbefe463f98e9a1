Feature: Boxes wherever the layout puts them

  Scenario: Under a sticky header
    Given I am on "/layout/sticky-header.html"
    When I click "Edit section 3"
    Then the page title should be "received: edit 3"

  Scenario: Inside a scrolling list, in the window
    Given I am on "/layout/scroll-container.html"
    When I click "Archive all"
    Then the page title should be "received: archive all"

  Scenario: A drawer that slides in
    Given I am on "/layout/drawer-transition.html"
    When I click "Menu"
    And I click "Settings"
    Then the page title should be "received: settings"

  Scenario: A role=button of display: contents
    Given I am on "/layout/display-contents.html"
    When I click "Refresh"
    Then the page title should be "received: refresh"

  Scenario: A loading overlay that comes and goes
    Given I am on "/layout/loading-overlay.html"
    When I click "Save"
    And I click "Close"
    Then the page title should be "received: save, close"
