package support_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/romaine-bdd/romaine/support"
)

// A consumer of the page's recorder, as the step film, the flake hunter and
// coverage are: called at each scenario's start, it returns the scenario's
// hooks. Here Leaving says which document is about to go, and Ended prints
// each step with the requests and console messages it caused. terrain
// records every scenario this way once the consumer is registered with
// terrain.WithConsumer; here the steps are marked by hand.
func ExamplePage_Record() {
	site := http.NewServeMux()
	site.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>Tea shop</title><link rel="icon" href="data:,">
<p id="basket"></p><a href="/checkout">Check out</a>
<script>fetch("/api/basket").then((r) => r.json()).then((items) => {
  console.log("basket", items.length); basket.textContent = items.length + " items in your basket" })</script>`)
	})
	site.HandleFunc("/api/basket", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `["green tea", "cake"]`) })
	site.HandleFunc("/checkout", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>Checkout</title><link rel="icon" href="data:,"><p>Thank you</p>`)
	})
	srv := httptest.NewServer(site)
	defer srv.Close()
	browser, stop, err := exampleBrowser()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stop()
	ctx := context.Background()
	page, err := support.NewPage(ctx, browser, support.PageOptions{BaseURL: srv.URL, Policy: support.Policy{Timeout: 5 * time.Second}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer page.Close()

	path := func(raw string) string { u, _ := url.Parse(raw); return u.Path }
	printer := func(ctx context.Context, r *support.Recording) (support.Hooks, error) {
		return support.Hooks{
			// The old document still answers here: coverage takes its
			// Profiler.takePreciseCoverage on l.Session.
			Leaving: func(ctx context.Context, l support.Leave) { fmt.Println("leaving", path(l.Document.URL)) },
			Ended: func(ctx context.Context, e support.Ending) []support.Artifact {
				for _, st := range r.Steps() {
					fmt.Printf("step %q: %s\n", st.Text, st.Status)
					for _, q := range r.Requests() {
						if q.Step == st.Index {
							fmt.Printf("  %s %s %d (%s)\n", q.Method, path(q.URL), q.Status, q.Type)
						}
					}
					for _, m := range r.Console() {
						if m.Step == st.Index {
							fmt.Printf("  console %s: %s\n", m.Level, m.Text)
						}
					}
				}
				fmt.Println("the scenario", e.Status)
				return nil // or files for the report: the film's, say
			},
		}, nil
	}
	rec, err := page.Record(ctx, support.RecordOptions{Scenario: support.ScenarioInfo{Name: "Checking out", Attempt: 1}, Consumers: []support.Consumer{printer}})
	if err != nil {
		fmt.Println(err)
		return
	}
	steps := []struct {
		text string
		do   func() error
	}{
		{"I am on the shop", func() error {
			if err := page.Visit(ctx, "/"); err != nil {
				return err
			}
			return page.ExpectText(ctx, "2 items in your basket")
		}},
		{"I check out", func() error {
			if err := page.Click(ctx, support.Loc("Check out")); err != nil {
				return err
			}
			return page.ExpectText(ctx, "Thank you")
		}},
	}
	status := "passed"
	for _, st := range steps {
		rec.StepStarted(st.text)
		err := st.do()
		if err != nil {
			status = "failed"
		}
		rec.StepEnded(ctx, status, err)
	}
	rec.End(ctx, support.Ending{Status: status, Attempt: 1})
	// Output:
	// leaving /
	// step "I am on the shop": passed
	//   GET / 200 (Document)
	//   GET /api/basket 200 (Fetch)
	//   console log: basket 2
	// step "I check out": passed
	//   GET /checkout 200 (Document)
	// the scenario passed
}
