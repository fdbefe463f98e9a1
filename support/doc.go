// Package support drives one browser page the way a person uses it: it is
// what a domain step calls to act on the app and check what it shows. Every
// call waits, in the page, until it can act or until what it expects holds,
// whatever the page's JavaScript timing; it gives up after the page's Policy
// timeout with a *TimeoutError that says what the page showed last.
//
// # Naming elements: Locator
//
// A Locator names an element by human text or by selector, and says where to
// look:
//
//	support.Loc("Add to basket")                          // a button, link or field, then any text
//	support.Loc("Email").As(support.FieldKind)            // a field by label, placeholder, name, ...
//	support.Loc("#total")                                 // CSS (also css=..., xpath=..., //...)
//	support.Loc("Remove", support.Within("#basket"))      // inside one element
//	support.Loc("Edit", support.WithinContaining("tr", "Ada")) // inside the row that says Ada
//
// It is resolved again on every attempt, so a node the page re-rendered is
// never stale. Human text that starts like a selector is written "text=#1".
//
// # Acting and checking
//
// Actions take a Locator: Click, DoubleClick, Hover, Fill, Clear, Select,
// SetChecked, Choose, AttachFile; Press and Type go to the focused element;
// Visit, Reload and Back navigate. Assertions that name an element take a
// Locator too: ExpectVisible, ExpectHidden, ExpectState (with a typed State:
// Disabled, Enabled, Checked, Unchecked), ExpectValue and ExpectCount (whose
// query is read as a selector). Assertions about text look in the whole page
// or inside scopes, the same Scope values a Locator carries: ExpectText,
// ExpectExactText, ExpectNoText. ExpectPath, ExpectTitle and
// ExpectTitleContaining check the page itself.
//
// InFrame gives the same API inside an iframe; NextDialog answers the next
// alert, confirm or prompt; SaveArtifacts keeps a screenshot and the HTML of a
// failure.
//
// # Recording a scenario
//
// Record follows a page for one scenario over CDP (requests, console,
// documents, each step's attempts) and hands it to Consumers, the features
// built on it: the step film, the flake hunter, coverage. The Recording type
// says what a consumer gets and when; the Page.Record example writes one.
//
// # Getting a page
//
// Inside a Romaine run a domain step gets its page from its scenario
// (terrain.InScenario); the runner starts the browsers. On its own, as in
// the Page example: NewPage on a rod browser you started (rod's launcher, or
// rod.New().ControlURL for one already running), with a base URL and a Policy;
// NewPages hands out one page per scenario.
package support
