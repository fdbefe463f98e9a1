Feature: Factory steps that cannot work say why

  Scenario: Traits of a model not defined in Go
    Given a unicorn exists that is sparkly

  Scenario: Unknown trait before the model
    Given a shipped order exists

  Scenario: Unknown trait after that is
    Given an order exists that is delivered and lost

  Scenario: A record nobody remembered
    Given an order exists with:
      | customer | {{bob}} |

  Scenario: Unknown association
    Given an order exists with:
      | buyer.name | Bob |

  Scenario: A value that does not convert
    Given a product exists with:
      | stock | lots |
