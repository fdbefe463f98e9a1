Feature: Every way HTML and ARIA make a control

  Scenario: A checkbox drawn over a hidden input
    Given I am on "/controls/custom-checkbox.html"
    When I check "Remember me"
    Then the "Remember me" checkbox should be checked
    And the page title should be "received: remember=true"

  Scenario: A switch labelled by a span
    Given I am on "/controls/switch.html"
    When I check "Wi-Fi"
    Then the "Wi-Fi" checkbox should be checked

  Scenario: A select built as a button and a portal listbox
    Given I am on "/controls/combobox-button.html"
    When I select "Banana" from "Fruit"
    Then the "Fruit" field should contain "Banana"
    And the page title should be "received: fruit=Banana"

  Scenario: An option inside an optgroup
    Given I am on "/controls/select.html"
    When I select "Lisbon" from "City"
    Then the "City" field should contain "Lisbon"

  Scenario: A fieldset enabled from its legend
    Given I am on "/controls/fieldset-disabled.html"
    Then "Pay" should be disabled
    When I check "Use saved card"
    Then "Pay" should be enabled
    When I click "Pay"
    Then the page title should be "received: saved card=true, pay"

  Scenario: A contenteditable comment box
    Given I am on "/controls/contenteditable.html"
    When I fill in "Comment" with "Looks good"
    Then the "Comment" field should contain "Looks good"

  Scenario: A search run by Enter
    Given I am on "/controls/type-keys.html"
    When I click "Search"
    And I type "green tea"
    And I press the "Enter" key
    Then the page title should be "received: search=green tea"
