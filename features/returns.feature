Feature: Returns go to stock
  In order to keep track of stock
  As a store owner
  I want to add items back to stock when they're returned

  Background:
    Given I am signed in as the store owner

  Scenario: Refunded items should be returned to stock
    Given a customer previously bought a black sweater from me
    And I have three black sweaters in stock
    When he returns the sweater for a refund
    Then I should have four black sweaters in stock

  Scenario: Replaced items should be returned to stock
    Given a customer previously bought a blue garment from me
    And I have two blue garments in stock
    And I have three black garments in stock
    When he returns the garment for a replacement in black
    Then I should have three blue garments in stock
    And I should have two black garments in stock
