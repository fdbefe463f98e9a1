package conformance_test

var frameCases, shadowCases, textCases []tc
