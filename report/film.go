package report

import (
	"encoding/json"
	"time"
)

// The step film (ROMAINE_TRACE): what the page showed after each step of a
// scenario, recorded by the film package and attached to the scenario's last
// step as one JSON attachment of its own media type, so that it travels in
// the messages report (and a merge of shards keeps it) and the HTML report
// shows it as a film strip.

// FilmMediaType is a Film as JSON.
const FilmMediaType = "application/x.romaine.film+json"

// Film is one attempt of a scenario, step by step.
type Film struct {
	Scenario string  `json:"scenario"`        // the scenario's name
	Attempt  int     `json:"attempt"`         // 1 on a first run
	Status   string  `json:"status"`          // how the attempt ended: passed, failed, ...
	Frames   []Frame `json:"frames"`          // one per step that ran, in order
	Width    int     `json:"width,omitempty"` // the page's viewport, in CSS pixels, as the scenario ended
	Height   int     `json:"height,omitempty"`
	Dropped  int     `json:"dropped,omitempty"` // frames whose snapshots (so pictures) were dropped past the size cap: the oldest
	// Problems says what could not be recorded (a screenshot the browser
	// refused, a snapshot that did not decode).
	Problems []string `json:"problems,omitempty"`
}

// Frame is one step of a film: the step, what the page showed after it, and
// what happened during it.
type Frame struct {
	Step     int           `json:"step"` // its index among the scenario's steps
	Text     string        `json:"text"` // the step's text, without its keyword
	Status   string        `json:"status"`
	Error    string        `json:"error,omitempty"`
	Started  time.Time     `json:"started"`
	Duration time.Duration `json:"duration"`           // nanoseconds
	Attempts []FilmAttempt `json:"attempts,omitempty"` // the step's waits, each check the page answered
	URL      string        `json:"url,omitempty"`      // the page's address after the step
	Image    []byte        `json:"image,omitempty"`    // a JPEG of the page after the step
	Drawn    bool          `json:"drawn,omitempty"`    // Image is the DOM snapshot drawn, not a capture of the page
	Snapshot string        `json:"snapshot,omitempty"` // the page's DOM after the step, as HTML that renders offline
	// Untouched says the step did not use the page (a factory, an HTTP
	// step): a passed one has no snapshot of its own, the page being as the
	// last frame before it with one shows, but for the page's own doing.
	Untouched bool          `json:"untouched,omitempty"`
	Requests  []FilmRequest `json:"requests,omitempty"` // requests begun during the step
	Console   []FilmMessage `json:"console,omitempty"`  // console messages and uncaught errors of the step
}

// FilmAttempt is one answered check of a step's wait.
type FilmAttempt struct {
	After time.Duration `json:"after"`           // since the step began
	State string        `json:"state,omitempty"` // why it did not pass; "" when it did
}

// FilmRequest is one request of a step.
type FilmRequest struct {
	Method   string        `json:"method"`
	URL      string        `json:"url"`
	Type     string        `json:"type,omitempty"`     // Document, XHR, Fetch, Script, HTTPStep ...
	Status   int           `json:"status,omitempty"`   // 0: no answer
	After    time.Duration `json:"after"`              // since the step began (negative: before it)
	Duration time.Duration `json:"duration,omitempty"` // 0 while it was in flight
	Failure  string        `json:"failure,omitempty"`  // net::ERR_..., canceled
}

// FilmMessage is one console message or uncaught error.
type FilmMessage struct {
	After time.Duration `json:"after"`
	Level string        `json:"level"` // log, warning, error, ..., uncaught
	Text  string        `json:"text"`
	Frame bool          `json:"frame,omitempty"` // from an out-of-process frame
}

// readFilm reads a film attachment into the attempt; one that does not
// decode is dropped, and the report shows the attempt without it.
func readFilm(body []byte, a *Attempt) {
	var f Film
	if json.Unmarshal(body, &f) == nil {
		a.Film = &f
	}
}
