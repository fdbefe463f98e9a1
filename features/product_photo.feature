Feature: A photo of each product
  In order to show customers what they are buying
  As the store owner
  I want to upload a photo of a product on its page

  Background:
    Given I am signed in as the store owner
    And a product "green hat" exists with:
      | name   | hat   |
      | colour | green |

  Scenario: The owner uploads a photo of a product
    Given I am on "/products/{{green hat.id}}"
    When I attach the file "fixtures/green-hat.png" to "Photo"
    And I click "Upload photo"
    Then I should see "Uploaded green-hat.png"
    And I should see 1 "img[alt='Photo of hat']" element
    And I should see "green-hat.png" within ".product-photo"
    When I reload the page
    Then I should see 1 "img[alt='Photo of hat']" element within ".product-photo"

  Scenario: Only a PNG or JPEG image is taken as a photo
    Given I am on "/products/{{green hat.id}}"
    When I attach the file "fixtures/hat-sizes.txt" to "Photo"
    And I click "Upload photo"
    Then I should see "a photo must be a PNG or JPEG image; hat-sizes.txt is text/plain"
    And I should see 0 "img" elements within "#product-details"
