package conformance_test

var rerenderCases, frameCases, shadowCases, textCases []tc
