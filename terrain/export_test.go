package terrain

import (
	messages "github.com/cucumber/messages/go/v34"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/godogrecord"
	"github.com/romaine-bdd/romaine/internal/schedule"
)

// WorkersStarted lets the external tests see how many workers a run started.
func WorkersStarted(s *Suite) int { return s.workersStarted() }

// BrowserOf lets the external tests reach a worker's browser.
func BrowserOf(w *Worker) *chrome.Browser { b, _ := w.parts(); return b }

// Flaky lets the external tests see the scenarios a run found flaky.
func Flaky(s *Suite) []schedule.Flake { return s.sched.Flakes() }

// TamperRecord changes a run's record before its reports are written and
// checked against godog's results, as a bug in the recorder would.
func TamperRecord(s *Suite, f func([]*messages.Envelope) []*messages.Envelope) { s.tamperRecord = f }

// OnConsole shows f each console formatter a run makes (one per godog run).
func OnConsole(s *Suite, f func(*godogrecord.Console)) { s.consoleMade = f }
