package terrain

import "github.com/romaine-bdd/romaine/internal/chrome"

// WorkersStarted lets the external tests see how many workers a run started.
func WorkersStarted(s *Suite) int { return s.workersStarted() }

// BrowserOf lets the external tests reach a worker's browser.
func BrowserOf(w *Worker) *chrome.Browser { b, _ := w.parts(); return b }

// Flaky lets the external tests see the scenarios a run found flaky.
func Flaky(s *Suite) []flake { return s.flaky() }
