package report

// CheckReferences lets the external tests check a real run's record.
var CheckReferences = checkReferences
