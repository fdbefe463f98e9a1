package conformance_test

var controlCases, layoutCases, rerenderCases, frameCases, shadowCases, textCases []tc
