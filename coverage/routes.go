package coverage

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Routes counts the requests of a run's scenarios by route: the app's own
// route when a RouteList is given and one matches, else the request's path
// collapsed into a pattern (Pattern). It is safe for concurrent use.
type Routes struct {
	list *RouteList // nil: no list given
	mu   sync.Mutex
	hits map[string]*RouteHits // by Route.String()
}

// RouteHits is one route and what reached it.
type RouteHits struct {
	Route     Route
	Listed    bool              // one of the app's routes (else a pattern of requests)
	Requests  int               // how many requests
	Statuses  map[int]int       // how many of them got each status
	Scenarios map[string]string // the scenarios that made them: name by uri:line
}

// NewRoutes counts routes; list may be nil.
func NewRoutes(list *RouteList) *Routes { return &Routes{list: list, hits: map[string]*RouteHits{}} }

// Add counts one answered request (status above 0) of a scenario (its
// uri:line and name) to the route it reached.
func (r *Routes) Add(scenarioKey, scenarioName, method, path string, status int) {
	if status <= 0 || path == "" {
		return
	}
	route, listed := Route{}, false
	if r.list != nil {
		route, listed = r.list.Find(method, path)
	}
	if !listed {
		route = Route{Method: method, Pattern: Pattern(path)}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	key := route.String()
	h := r.hits[key]
	if h == nil {
		h = &RouteHits{Route: route, Listed: listed, Statuses: map[int]int{}, Scenarios: map[string]string{}}
		r.hits[key] = h
	}
	h.Requests++
	h.Statuses[status]++
	h.Scenarios[scenarioKey] = scenarioName
}

// RouteTable is the routes of a run: those no scenario reached (only with
// a list), those reached, and requests that match no listed route.
type RouteTable struct {
	Source    string       // the list's file, or "" without one
	Unreached []Route      // the list's routes nobody requested, in the list's order
	Reached   []*RouteHits // by route
	Unlisted  []*RouteHits // with a list: requests it has no route for
	Scenarios int          // how many scenarios made requests
}

// Table is the routes so far.
func (r *Routes) Table() RouteTable {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := RouteTable{}
	scenarios := map[string]bool{}
	for _, h := range r.hits {
		c := *h
		c.Statuses, c.Scenarios = maps.Clone(h.Statuses), maps.Clone(h.Scenarios)
		if r.list != nil && !h.Listed {
			t.Unlisted = append(t.Unlisted, &c)
		} else {
			t.Reached = append(t.Reached, &c)
		}
		for k := range h.Scenarios {
			scenarios[k] = true
		}
	}
	t.Scenarios = len(scenarios)
	byRoute := func(a, b *RouteHits) int {
		return cmp.Or(strings.Compare(a.Route.Pattern, b.Route.Pattern), strings.Compare(a.Route.Method, b.Route.Method))
	}
	slices.SortFunc(t.Reached, byRoute)
	slices.SortFunc(t.Unlisted, byRoute)
	if r.list != nil {
		t.Source = r.list.Source
		for _, route := range r.list.Routes {
			if r.hits[route.String()] == nil {
				t.Unreached = append(t.Unreached, route)
			}
		}
	}
	return t
}

// Known is how many routes the list has (0 without one).
func (t RouteTable) Known() int { return len(t.Unreached) + len(t.Reached) }

// WriteText writes the table for people: the unreached routes first.
func (t RouteTable) WriteText(w io.Writer) error {
	var b strings.Builder
	if t.Source != "" {
		fmt.Fprintf(&b, "Routes of %s: %d of %d reached by %d scenarios.\n", t.Source, len(t.Reached), t.Known(), t.Scenarios)
		fmt.Fprintf(&b, "\nNot reached by any scenario (%d):\n", len(t.Unreached))
		for _, r := range t.Unreached {
			fmt.Fprintf(&b, "  %s\n", r)
		}
	} else {
		fmt.Fprintf(&b, "Routes requested: %d, by %d scenarios (no list of the app's routes: set ROMAINE_ROUTES to see those never reached).\n", len(t.Reached), t.Scenarios)
	}
	section := func(title string, hits []*RouteHits) {
		if len(hits) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s (%d):\n", title, len(hits))
		for _, h := range hits {
			fmt.Fprintf(&b, "  %-44s %5d requests  %s\n", h.Route, h.Requests, statuses(h.Statuses))
			for _, s := range scenarioList(h.Scenarios) {
				fmt.Fprintf(&b, "      %s\n", s)
			}
		}
	}
	section("Reached", t.Reached)
	if t.Source != "" {
		section("Requested, but not a route of "+t.Source, t.Unlisted)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func statuses(m map[int]int) string {
	var parts []string
	for _, s := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%d×%d", s, m[s]))
	}
	return strings.Join(parts, " ")
}

// scenarioList is "name (uri:line)" for each scenario, by uri:line.
func scenarioList(m map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, fmt.Sprintf("%s (%s)", m[k], k))
	}
	return out
}

// The collapsing rule: a segment of a request's path that is an id or a
// number becomes a placeholder, so that one route is one line however many
// records the scenarios made:
//
//	digits (42, 007), with or without an extension (42.json) -> {n}
//	a UUID (8-4-4-4-12 hex digits)                           -> {uuid}
//	16 or more hex digits, a digit among them (hashes,
//	Mongo ObjectIDs)                                        -> {id}
//	20 or more letters and digits, both, no other sign
//	(ULIDs, KSUIDs, random tokens)                           -> {id}
//
// Any other segment is kept: a word, a slug (green-hat), a file name (app.js).
// The query string is left out. Given the app's routes, a request is counted
// under the route it matches instead (its {name} matches any segment).
var (
	numberSeg = regexp.MustCompile(`^[0-9]+(\.[A-Za-z0-9]+)?$`)
	uuidSeg   = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)
	hexSeg    = regexp.MustCompile(`^[0-9A-Fa-f]{16,}$`)
	tokenSeg  = regexp.MustCompile(`^[0-9A-Za-z]{20,}$`)
)

// Pattern collapses a request path into a route pattern (the rule above).
func Pattern(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		switch {
		case s == "":
		case numberSeg.MatchString(s):
			segs[i] = "{n}" + strings.TrimLeft(s, "0123456789") // the extension, if any
		case uuidSeg.MatchString(s):
			segs[i] = "{uuid}"
		case hexSeg.MatchString(s) && strings.ContainsAny(s, "0123456789"):
			segs[i] = "{id}"
		case tokenSeg.MatchString(s) && strings.ContainsAny(s, "0123456789") && strings.ContainsFunc(s, isLetter):
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

func isLetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }
