//go:build benchhunt

package shake

// A bench build of the suite (go test -c -tags benchhunt) hunts with neutral
// perturbations: the hunter does all it does (the recorder, Fetch pausing
// every response, the CDP calls that put a perturbation on and take it off,
// the notes, the rounds), and slows nothing, so what a hunt costs beyond the
// slow-downs it applies on purpose can be measured (docs/flakes.md).
func init() { neutral = true }
