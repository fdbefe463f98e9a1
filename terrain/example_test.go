package terrain_test

import (
	"fmt"
	"io"
	"net/http"

	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// A whole suite: an app served in this process (one per worker), the core
// steps, and a feature file. A real suite also calls BindFlags in an init
// function and runs from a Test function: see the README.
func ExampleNew() {
	newSite := func(*terrain.Worker) (http.Handler, func() error, error) {
		site := http.NewServeMux()
		site.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<!doctype html><title>Tea shop</title>
<form method="post" action="/thanks"><label>Email <input name="email"></label> <button>Subscribe</button></form>`)
		})
		site.HandleFunc("/thanks", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<!doctype html><title>Thanks</title><p>Thanks, %s!</p>`, r.FormValue("email"))
		})
		return site, nil, nil
	}
	suite := terrain.New(
		terrain.WithApp(terrain.HandlerApp{New: newSite}),
		terrain.WithSteps(steps.Register),
		terrain.WithSuggestions(steps.Suggest),
		terrain.WithConfig(func(c *terrain.Config) {
			c.Features = []string{"testdata/features/subscribe.feature"}
		}),
		terrain.WithOutput(io.Discard), // godog's report; a real suite keeps it
	)
	fmt.Println("exit status", suite.Run())
	// Output: exit status 0
}
