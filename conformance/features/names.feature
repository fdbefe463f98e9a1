Feature: Controls are found by the names a person and a screen reader give them
  Each page records what it received in its title ("received: ...").

  Scenario: An icon button named by its image's alt
    Given I am on "/names/icon-alt.html"
    When I click "Archive"
    Then the page title should be "received: archive"

  Scenario: An aria-hidden icon is not part of a button's name
    Given I am on "/names/aria-hidden-icon.html"
    When I click "Remove"
    Then the page title should be "received: remove"

  Scenario: A row's button labelled by itself and the row
    Given I am on "/names/labelledby-self.html"
    When I click "Delete notes.txt"
    Then the page title should be "received: delete notes.txt"

  Scenario: A hidden hint in a label is not part of the field's name
    Given I am on "/names/label-hidden-hint.html"
    When I fill in "Password" with "s3cret"
    Then the "Password" field should contain "s3cret"
    And the page title should be "received: pw=s3cret"

  Scenario: Within a fieldset named by its legend
    Given I am on "/names/scope-legend.html"
    When I choose "Express" within "Billing"
    Then the page title should be "received: bill=express"

  Scenario: Within a dialog labelled by its heading
    Given I am on "/names/scope-dialog.html"
    When I click "Delete" within "Delete file?"
    Then the page title should be "received: dialog delete"

  Scenario: An input type=image named by its alt
    Given I am on "/names/input-image.html"
    When I fill in "Query" with "tea"
    And I click "Search"
    Then the page title should be "received: search:tea"
