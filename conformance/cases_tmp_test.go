package conformance_test

var layoutCases, rerenderCases, frameCases, shadowCases, textCases []tc
