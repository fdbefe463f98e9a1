//go:build benchhunt

package shake

import "os"

// A bench build of the suite (go test -c -tags benchhunt) hunts with neutral
// perturbations: the hunter does all it does (the recorder, Fetch pausing
// every response, the CDP calls that put a perturbation on and take it off,
// the notes, the rounds), and slows nothing, so what a hunt costs beyond the
// slow-downs it applies on purpose can be measured (docs/flakes.md).
// BENCHHUNT_NO_HOLD=1 leaves Fetch off, to tell its share of that cost.
func init() {
	neutral = true
	if os.Getenv("BENCHHUNT_NO_HOLD") != "" {
		neutralJitter = 0
	}
}
