// Package coverage gathers what a run's scenarios exercise, in the app and in
// the page, and writes it where coverage tools read it (ROMAINE_COVERAGE=DIR):
//
//   - the app's Go code: a text profile merged from every worker's
//     GOCOVERDIR (go tool covdata), or the in-process test binary's own
//     profile; a summary per package, and go tool cover's HTML view;
//   - the page's JavaScript: V8's precise coverage taken over CDP before
//     each document goes and at each scenario's end (Collector, a consumer of
//     the page's recorder), merged across scenarios and workers, written as
//     LCOV (lcov.info) and Istanbul JSON (coverage-final.json);
//   - routes: every request of the pages and the HTTP steps, by method and
//     path pattern, with the scenarios that made it; given the app's routes
//     (an OpenAPI document or a plain list), those no scenario reached.
//
// terrain wires it (ROMAINE_COVERAGE, ROMAINE_ROUTES); docs/coverage.md says
// how to use it.
package coverage
