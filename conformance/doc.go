// Package conformance is Romaine's corpus of real-world DOM patterns: small
// pages under pages/, written the way sites and frameworks build markup, and a
// table of cases (conformance_test.go and cases_*_test.go) that act on them
// through the support layer and check what each page received. A sample runs
// again through the Gherkin steps (features/). See README.md.
package conformance
