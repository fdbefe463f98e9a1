Feature: Re-rendering, frames, web components and text

  Scenario: A list rebuilt every 50 ms
    Given I am on "/rerender/timer-list.html"
    When I click "Pick banana"
    Then the page title should be "received: pick banana"

  Scenario: A framework that rebuilds its buttons on every keystroke
    Given I am on "/rerender/replace-on-render.html"
    When I fill in "New todo" with "Milk"
    And I click "Add"
    Then I should see "Milk"

  Scenario: A toolbar frame inside an editor frame
    Given I am on "/frames/nested.html"
    When I click "Italic" within the frame "Toolbar" within the frame "Editor"
    Then the page title should be "received: italic"

  Scenario: A payment form in a frame
    Given I am on "/frames/same-origin.html"
    When I fill in "Card number" with "4242" within the frame "Payment"
    And I click "Pay" within the frame "Payment"
    Then the page title should be "received: pay 4242"

  Scenario: A listbox component with slotted options
    Given I am on "/shadow/listbox.html"
    When I select "Pro" from "Plan"
    Then the page title should be "received: option=Pro"

  Scenario: A component link with its text in a slot
    Given I am on "/shadow/buttons.html"
    When I click "Documentation"
    Then the page title should be "received: click docs"

  Scenario: Text in capitals by CSS, as written
    Given I am on "/text/transform.html"
    Then I should see "Order summary"
    And I should see "ORDER SUMMARY"

  Scenario: A closed select shows its choice only
    Given I am on "/text/select-options.html"
    Then I should see "Medium"
    And I should not see "Large"

  Scenario: A toast that fades in, out, and is hidden
    Given I am on "/text/faded-toast.html"
    When I click "Save settings"
    Then I should see "Settings saved"
    And I should not see "Settings saved"
