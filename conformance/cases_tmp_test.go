package conformance_test

var textCases []tc
