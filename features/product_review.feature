Feature: Reviewing a product
  In order to tell other shoppers what I think of a product
  As a customer
  I want to rate it, pick the size I bought and write what I think

  The review page is built from web components: every field, button and dialog
  is a custom element whose markup lives in a shadow root, the size is an ARIA
  combobox, the guidelines are in a frame. The steps read exactly as on plain
  pages.

  Background:
    Given I am signed in as a customer
    And a product "green hat" exists with:
      | name  | hat |
      | price | 20  |
    And I am on "/products/{{green hat.id}}/review"

  Scenario: A customer publishes a review with a long, quoted text
    Then I should see "Review hat"
    And "Publish review" should be disabled
    When I check "I have read the guidelines" within the frame "Review guidelines"
    Then "Publish review" should be enabled
    When I choose "4 stars"
    Then I should see "4 of 5 stars"
    When I select "M" from "Size bought"
    Then the "Size bought" field should contain "M"
    When I fill in "Headline" with "Warm and {{green hat.name}}-shaped"
    And I fill in "Your review" with:
      """
      Fits as promised. The label says:
      {"wool": "100%", "care": "hand wash"}
      """
    Then the "Your review" field should contain:
      """
      {"wool": "100%", "care": "hand wash"}
      """
    When I check "Recommend to a friend"
    Then the "Recommend to a friend" checkbox should be checked
    When I click "Publish review"
    Then I should see "Thank you, your review is published"
    And I should see "Warm and hat-shaped" within "css=review-card"
    And I should see:
      """
      4 of 5 stars · size M · recommended
      Fits as promised. The label says: {"wool": "100%", "care": "hand wash"}
      """
    And "Headline" should not be visible
    And I should not see "I have read the guidelines"

  Scenario: Deleting a review must be confirmed by typing DELETE
    When I check "I have read the guidelines" within the frame "Review guidelines"
    And I choose "5 stars"
    And I fill in "Headline" with "Lovely"
    And I click "Publish review"
    And I click "Delete review"
    Then I should see "Delete this review?"
    And "Delete forever" should be disabled
    When I fill in "Type DELETE to confirm" with "delete"
    Then "Delete forever" should be disabled
    When I fill in "Type DELETE to confirm" with "DELETE"
    Then "Delete forever" should be enabled
    When I click "Delete forever"
    Then I should see "Your review was deleted"
    And I should not see "Delete this review?"
    And I should not see "Lovely"

  Scenario: A review needs a rating
    Given the "I have read the guidelines" checkbox should not be checked within the frame "Review guidelines"
    When I check "I have read the guidelines" within the frame "Review guidelines"
    And I fill in "Headline" with "No stars"
    And I click "Publish review"
    Then I should see "Choose a rating from 1 to 5 stars"
    And "Publish review" should be visible
