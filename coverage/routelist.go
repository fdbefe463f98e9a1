package coverage

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The app's routes (ROMAINE_ROUTES): its OpenAPI document (3.x, or Swagger
// 2.0), YAML or JSON, or a plain list, one route a line:
//
//	# the store's pages and API
//	GET /products/{id}
//	POST /api/orders/{id}/refund
//	GET /static/          (a trailing slash: every path below, as Go's ServeMux reads it)
//	/health               (no method: any method)
//
// A segment {name} or :name stands for any one segment; {name...} or * for
// the rest of the path; a final /{$} for that path only. Go's ServeMux
// patterns read as they are, so a Go app's list is its HandleFunc patterns.

// Route is one of the app's routes.
type Route struct {
	Method  string // GET, POST, ...; "" for any method
	Pattern string // as the list or document writes it, base path included
	segs    []routeSeg
	prefix  bool // it matches the paths below it too
}

// String reads "GET /products/{id}", or "* /health" for any method.
func (r Route) String() string {
	m := r.Method
	if m == "" {
		m = "*"
	}
	return m + " " + r.Pattern
}

type routeSeg struct {
	lit   string // a literal segment
	param bool   // any one segment
}

// RouteList is the app's routes, as read from Source.
type RouteList struct {
	Source string
	Routes []Route
}

// openAPIMethods are the operations of an OpenAPI path item.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// ReadRoutes reads the app's routes from path: an OpenAPI document when it
// ends in .yaml, .yml or .json, else a plain list.
func ReadRoutes(path string) (*RouteList, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the routes cannot be read (%v): set ROMAINE_ROUTES to the app's OpenAPI document (openapi.yaml or .json) or to a list of routes, one a line (GET /products/{id})", err)
	}
	var list *RouteList
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		list, err = parseOpenAPI(data, filepath.Ext(path) == ".json")
	default:
		list, err = parseRouteList(data)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(list.Routes) == 0 {
		return nil, fmt.Errorf("%s names no route: an OpenAPI document needs paths with operations (paths: /products/{id}: get: ...), a list a route a line (GET /products/{id})", path)
	}
	list.Source = path
	return list, nil
}

// openAPIDoc is what is read of an OpenAPI document.
type openAPIDoc struct {
	OpenAPI  string                    `json:"openapi" yaml:"openapi"`
	Swagger  string                    `json:"swagger" yaml:"swagger"`
	BasePath string                    `json:"basePath" yaml:"basePath"`
	Servers  []struct{ URL string }    `json:"servers" yaml:"servers"`
	Paths    map[string]map[string]any `json:"paths" yaml:"paths"`
}

func parseOpenAPI(data []byte, isJSON bool) (*RouteList, error) {
	var doc openAPIDoc
	var err error
	if isJSON {
		err = json.Unmarshal(data, &doc)
	} else {
		err = yaml.Unmarshal(data, &doc)
	}
	if err != nil {
		return nil, fmt.Errorf("not an OpenAPI document (%v); name a list of routes with another extension (routes.txt)", err)
	}
	if doc.OpenAPI == "" && doc.Swagger == "" {
		return nil, fmt.Errorf("not an OpenAPI document: it has no openapi: (or swagger:) version; a plain list of routes is read from a file of another extension (routes.txt)")
	}
	base := strings.TrimRight(doc.BasePath, "/")
	if len(doc.Servers) > 0 {
		// The first server's path is the API's base; one with {variables} is left out.
		if u, err := url.Parse(doc.Servers[0].URL); err == nil && !strings.Contains(u.Path, "{") {
			base = strings.TrimRight(u.Path, "/")
		}
	}
	list := &RouteList{}
	for _, p := range sortedKeys(doc.Paths) {
		if !strings.HasPrefix(p, "/") {
			return nil, fmt.Errorf("paths: %q does not start with /", p)
		}
		for _, m := range openAPIMethods {
			if _, ok := doc.Paths[p][m]; ok {
				r, err := parseRoute(strings.ToUpper(m), base+p)
				if err != nil {
					return nil, fmt.Errorf("paths: %q: %w", p, err)
				}
				list.Routes = append(list.Routes, r)
			}
		}
	}
	return list, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func parseRouteList(data []byte) (*RouteList, error) {
	list := &RouteList{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" {
			continue
		}
		fields := strings.Fields(line)
		method, p := "", fields[0]
		if len(fields) == 2 {
			method, p = strings.ToUpper(fields[0]), fields[1]
		}
		if len(fields) > 2 || !strings.HasPrefix(p, "/") || strings.Trim(method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return nil, fmt.Errorf("line %d: %q is not a route: write METHOD /path or /path, e.g. GET /products/{id}", n, line)
		}
		r, err := parseRoute(method, p)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		list.Routes = append(list.Routes, r)
	}
	return list, sc.Err()
}

// parseRoute reads one route's path pattern.
func parseRoute(method, p string) (Route, error) {
	r := Route{Method: method, Pattern: p}
	if strings.HasSuffix(p, "/{$}") {
		p = strings.TrimSuffix(p, "{$}") // the path with its slash, only
		r.segs = splitPattern(strings.TrimSuffix(p, "/"))
		r.segs = append(r.segs, routeSeg{lit: ""})
		return r, nil
	}
	if p != "/" && strings.HasSuffix(p, "/") {
		r.prefix = true
		p = strings.TrimSuffix(p, "/")
	} else if p == "/" {
		r.prefix = true // ServeMux's "/" is every path
		return r, nil
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		rest := s == "*" || (strings.HasPrefix(s, "{") && strings.HasSuffix(s, "...}"))
		if rest {
			if i != len(segs)-1 {
				return r, fmt.Errorf("%s: %s may only end a path", r.Pattern, s)
			}
			r.prefix = true
			break
		}
		r.segs = append(r.segs, readSeg(s))
	}
	return r, nil
}

func splitPattern(p string) []routeSeg {
	var out []routeSeg
	for _, s := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		if s != "" {
			out = append(out, readSeg(s))
		}
	}
	return out
}

func readSeg(s string) routeSeg {
	if (strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}")) || (strings.HasPrefix(s, ":") && len(s) > 1) {
		return routeSeg{param: true}
	}
	return routeSeg{lit: s}
}

// specificity ranks the routes that match one request: more literal
// segments first, then more segments, then an exact route before a prefix,
// then a route of the request's method before one of any method.
type specificity [4]int

func (a specificity) less(b specificity) bool { return slices.Compare(a[:], b[:]) < 0 }

// match says whether the route matches a request, and how closely.
func (r Route) match(method string, segs []string) (specificity, bool) {
	var sp specificity
	switch {
	case r.Method == "":
	case r.Method == method, r.Method == "GET" && method == "HEAD":
		sp[3] = 1
	default:
		return sp, false
	}
	if len(segs) < len(r.segs) || (!r.prefix && len(segs) != len(r.segs)) {
		return sp, false
	}
	for i, s := range r.segs {
		switch {
		case s.param && segs[i] != "":
		case !s.param && s.lit == segs[i]:
			sp[0]++
		default:
			return sp, false
		}
	}
	sp[1] = len(r.segs)
	if !r.prefix {
		sp[2] = 1
	}
	return sp, true
}

// Find is the list's route that a request matches most closely.
func (l *RouteList) Find(method, path string) (Route, bool) {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if path == "/" {
		segs = []string{""}
	}
	var best Route
	var bestSp specificity
	found := false
	for _, r := range l.Routes {
		if sp, ok := r.match(method, segs); ok && (!found || bestSp.less(sp)) {
			best, bestSp, found = r, sp, true
		}
	}
	return best, found
}
