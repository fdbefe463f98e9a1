Feature: An app that tells when it is asked to be slow

  Scenario: Calm only while the app is not slowed
    Given I am on "/"
    Then I should see "calm"

  Scenario: The page is there whatever happens
    Given I am on "/"
    Then I should see "The app"
