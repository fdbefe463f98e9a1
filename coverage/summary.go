package coverage

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/romaine-bdd/romaine/report"
)

// writeSummary writes the totals: summary.txt for people, summary.json as
// the reports carry it.
func (r *Run) writeSummary(c *report.Coverage) error {
	js, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(r.dir, "summary.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(r.dir, "summary.txt"), []byte(SummaryText(c)), 0o644)
}

// SummaryText is the totals, the least covered files, the routes never
// reached, the notes and the files, as text.
func SummaryText(c *report.Coverage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Coverage of the run, in %s\n\n", c.Dir)
	row := func(what string, r *report.CoverageRatio) {
		if r == nil {
			return
		}
		fmt.Fprintf(&b, "  %-22s %6.1f%%  %d of %d\n", what, r.Percent, r.Covered, r.Total)
	}
	row("Go statements", c.Go)
	row("JavaScript lines", c.JSLines)
	row("JavaScript functions", c.JSFunctions)
	row("JavaScript branches", c.JSBranches)
	if c.Routes != nil {
		row("Routes reached", c.Routes)
	} else {
		fmt.Fprintf(&b, "  %-22s %d (no list of the app's routes)\n", "Routes requested", c.RoutesRequested)
	}
	if len(c.Unreached) > 0 {
		fmt.Fprintf(&b, "\nRoutes of %s no scenario reached (%d):\n", c.RoutesSource, len(c.Unreached))
		for _, u := range c.Unreached {
			fmt.Fprintf(&b, "  %s\n", u)
		}
	}
	if len(c.LeastCovered) > 0 {
		fmt.Fprintf(&b, "\nLeast covered files:\n")
		for _, f := range c.LeastCovered {
			fmt.Fprintf(&b, "  %-3s %6.1f%%  %5d of %-5d %s\n", f.Kind, f.Percent, f.Covered, f.Total, f.Path)
		}
	}
	if len(c.Notes) > 0 {
		fmt.Fprintf(&b, "\nNotes:\n")
		for _, n := range c.Notes {
			fmt.Fprintf(&b, "  - %s\n", n)
		}
	}
	if len(c.Outputs) > 0 {
		fmt.Fprintf(&b, "\nFiles:\n")
		for _, o := range c.Outputs {
			fmt.Fprintf(&b, "  %-34s %s\n", o.What, o.Path)
		}
	}
	return b.String()
}

// Line is the one line a run prints of its coverage.
func Line(c *report.Coverage) string {
	var parts []string
	if c.Go != nil {
		parts = append(parts, fmt.Sprintf("Go %.1f%% of statements", c.Go.Percent))
	}
	if c.JSLines != nil {
		parts = append(parts, fmt.Sprintf("JavaScript %.1f%% of lines", c.JSLines.Percent))
	}
	switch {
	case c.Routes != nil && len(c.Unreached) > 0:
		parts = append(parts, fmt.Sprintf("routes %d of %d reached (%d never, listed in routes.txt)", c.Routes.Covered, c.Routes.Total, len(c.Unreached)))
	case c.Routes != nil:
		parts = append(parts, fmt.Sprintf("routes %d of %d reached", c.Routes.Covered, c.Routes.Total))
	default:
		parts = append(parts, fmt.Sprintf("%d routes requested", c.RoutesRequested))
	}
	// Not "coverage: ...": go test takes the last such line of a test
	// binary's output for its own figure.
	return fmt.Sprintf("romaine: %s; coverage written to %s", strings.Join(parts, ", "), c.Dir)
}

// The routes as routes.json writes them.
type routesFile struct {
	Source    string      `json:"source,omitempty"`
	Scenarios int         `json:"scenarios"`
	Unreached []string    `json:"unreached"`
	Reached   []routeJSON `json:"reached"`
	Unlisted  []routeJSON `json:"unlisted,omitempty"`
}

type routeJSON struct {
	Method    string         `json:"method"`
	Route     string         `json:"route"`
	Requests  int            `json:"requests"`
	Statuses  map[int]int    `json:"statuses"`
	Scenarios []scenarioJSON `json:"scenarios"`
}

type scenarioJSON struct {
	Name     string `json:"name"`
	Location string `json:"location"` // uri:line
}

func routesJSON(t RouteTable) routesFile {
	conv := func(hits []*RouteHits) []routeJSON {
		out := []routeJSON{}
		for _, h := range hits {
			j := routeJSON{Method: h.Route.Method, Route: h.Route.Pattern, Requests: h.Requests, Statuses: h.Statuses}
			if j.Method == "" {
				j.Method = "*"
			}
			for _, k := range sortedKeys(h.Scenarios) {
				j.Scenarios = append(j.Scenarios, scenarioJSON{Name: h.Scenarios[k], Location: k})
			}
			out = append(out, j)
		}
		return out
	}
	f := routesFile{Source: t.Source, Scenarios: t.Scenarios, Unreached: []string{}, Reached: conv(t.Reached), Unlisted: conv(t.Unlisted)}
	for _, u := range t.Unreached {
		f.Unreached = append(f.Unreached, u.String())
	}
	return f
}
