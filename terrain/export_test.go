package terrain

import (
	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/schedule"
)

// WorkersStarted lets the external tests see how many workers a run started.
func WorkersStarted(s *Suite) int { return s.workersStarted() }

// BrowserOf lets the external tests reach a worker's browser.
func BrowserOf(w *Worker) *chrome.Browser { return w.browser }

// Flaky lets the external tests see the scenarios a run found flaky.
func Flaky(s *Suite) []schedule.Flake { return s.sched.Flakes() }
