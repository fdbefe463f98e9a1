package conformance_test

var shadowCases, textCases []tc
