package coverage_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/coverage"
)

func TestPattern(t *testing.T) {
	for _, c := range []struct{ path, want, reason string }{
		{"/products/42", "/products/{n}", "a number"},
		{"/products/42/review", "/products/{n}/review", "a number between words"},
		{"/orders/007.json", "/orders/{n}.json", "a number with an extension"},
		{"/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/avatar", "/users/{uuid}/avatar", "a UUID"},
		{"/commits/9fceb02d0ae598e95dc970b74767f19372d61af8", "/commits/{id}", "a hash"},
		{"/things/507f1f77bcf86cd799439011", "/things/{id}", "a Mongo ObjectID"},
		{"/jobs/01ARZ3NDEKTSV4RRFFQ69G5FAV", "/jobs/{id}", "a ULID"},
		{"/products/green-hat", "/products/green-hat", "a slug stays"},
		{"/products/green-hat-2024-edition", "/products/green-hat-2024-edition", "a slug with a year stays"},
		{"/static/app.js", "/static/app.js", "a file name stays"},
		{"/api/v2/items", "/api/v2/items", "a version stays"},
		{"/deadbeefdeadbeef", "/deadbeefdeadbeef", "hex letters without a digit are a word"},
		{"/", "/", "the root"},
	} {
		if got := coverage.Pattern(c.path); got != c.want {
			t.Errorf("%s: Pattern(%q) = %q, want %q", c.reason, c.path, got, c.want)
		}
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The petstore of the OpenAPI Initiative's examples, trimmed: what an
// app's openapi.yaml looks like.
const petstoreYAML = `openapi: "3.0.0"
info:
  version: 1.0.0
  title: Swagger Petstore
  license:
    name: MIT
servers:
  - url: http://petstore.swagger.io/v1
paths:
  /pets:
    get:
      summary: List all pets
      operationId: listPets
      tags:
        - pets
      parameters:
        - name: limit
          in: query
          required: false
          schema:
            type: integer
            format: int32
      responses:
        '200':
          description: A paged array of pets
    post:
      summary: Create a pet
      operationId: createPets
      responses:
        '201':
          description: Null response
  /pets/{petId}:
    parameters:
      - name: petId
        in: path
        required: true
        schema:
          type: string
    get:
      summary: Info for a specific pet
      operationId: showPetById
      responses:
        '200':
          description: Expected response to a valid request
`

const swaggerJSON = `{"swagger": "2.0", "basePath": "/api", "info": {"title": "Shop", "version": "1"},
 "paths": {"/orders/{id}/refund": {"post": {"responses": {"200": {"description": "ok"}}}},
           "/orders": {"get": {"responses": {"200": {"description": "ok"}}}, "parameters": []}}}`

// A Go app's list is its ServeMux patterns.
const serveMuxList = `# the shop
GET /{$}
GET /products/{id}
GET /products/new
get /static/
POST /api/orders/{id}/refund
/files/{path...}
/
`

func TestRouteLists(t *testing.T) {
	for _, c := range []struct {
		name, file, content string
		want                []string
	}{
		{"OpenAPI 3, YAML, a server with a base path", "openapi.yaml", petstoreYAML, []string{"GET /v1/pets", "POST /v1/pets", "GET /v1/pets/{petId}"}},
		{"Swagger 2, JSON, basePath", "swagger.json", swaggerJSON, []string{"GET /api/orders", "POST /api/orders/{id}/refund"}},
		{"a list of ServeMux patterns", "routes.txt", serveMuxList, []string{"GET /{$}", "GET /products/{id}", "GET /products/new", "GET /static/", "POST /api/orders/{id}/refund", "* /files/{path...}", "* /"}},
	} {
		list, err := coverage.ReadRoutes(writeFile(t, c.file, c.content))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []string
		for _, r := range list.Routes {
			got = append(got, r.String())
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: routes %q, want %q", c.name, got, c.want)
		}
	}
}

// A request counts under the route that matches it most closely, as Go's
// ServeMux and most routers choose: a literal over a parameter, a longer
// route over a prefix, the request's method over any.
func TestRouteMatch(t *testing.T) {
	list, err := coverage.ReadRoutes(writeFile(t, "routes.txt", serveMuxList))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path, want string }{
		{"GET", "/", "GET /{$}"},
		{"GET", "/products/42", "GET /products/{id}"},
		{"HEAD", "/products/42", "GET /products/{id}"},
		{"GET", "/products/new", "GET /products/new"},
		{"GET", "/static/js/app.js", "GET /static/"},
		{"POST", "/api/orders/7/refund", "POST /api/orders/{id}/refund"},
		{"GET", "/api/orders/7/refund", "* /"},
		{"DELETE", "/files/a/b/c.txt", "* /files/{path...}"},
		{"GET", "/products/42/", "* /"},
		{"GET", "/favicon.ico", "* /"},
	} {
		r, ok := list.Find(c.method, c.path)
		if got := r.String(); !ok || got != c.want {
			t.Errorf("%s %s matched %q (%v), want %q", c.method, c.path, got, ok, c.want)
		}
	}
}

func TestBadRouteLists(t *testing.T) {
	for _, c := range []struct{ file, content, want string }{
		{"routes.txt", "GET /a\nGET products/{id}\n", `line 2: "GET products/{id}" is not a route: write METHOD /path or /path, e.g. GET /products/{id}`},
		{"routes.txt", "GET /a b\n", `line 1: "GET /a b" is not a route`},
		{"routes.txt", "# nothing\n", "names no route"},
		{"openapi.yaml", "title: not one\npaths: {}\n", "not an OpenAPI document: it has no openapi: (or swagger:) version"},
		{"openapi.json", "{\"openapi\": ", "not an OpenAPI document (unexpected end of JSON input)"},
		{"openapi.yaml", "openapi: 3.0.0\npaths:\n  pets:\n    get: {}\n", `paths: "pets" does not start with /`},
		{"routes.txt", "GET /a/{rest...}/b\n", "{rest...} may only end a path"},
	} {
		_, err := coverage.ReadRoutes(writeFile(t, c.file, c.content))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: error %v, want one saying %q", c.file, c.content, err, c.want)
		}
	}
	if _, err := coverage.ReadRoutes(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "set ROMAINE_ROUTES to the app's OpenAPI document") {
		t.Errorf("a missing file: %v", err)
	}
}

// The table lists the routes no scenario reached first, then those reached
// with their scenarios, then requests that match no listed route.
func TestRouteTable(t *testing.T) {
	list, err := coverage.ReadRoutes(writeFile(t, "openapi.yaml", petstoreYAML))
	if err != nil {
		t.Fatal(err)
	}
	r := coverage.NewRoutes(list)
	r.Add("pets.feature:3", "Listing pets", "GET", "/v1/pets", 200)
	r.Add("pets.feature:9", "A pet", "GET", "/v1/pets/12", 200)
	r.Add("pets.feature:9", "A pet", "GET", "/v1/pets/13", 404)
	r.Add("pets.feature:9", "A pet", "GET", "/v1/health", 200)
	r.Add("pets.feature:9", "A pet", "POST", "/v1/pets", 0) // never answered: not reached
	var text strings.Builder
	if err := r.Table().WriteText(&text); err != nil {
		t.Fatal(err)
	}
	want := `Routes of ` + list.Source + `: 2 of 3 reached by 2 scenarios.

Not reached by any scenario (1):
  POST /v1/pets

Reached (2):
  GET /v1/pets                                     1 requests  200×1
      Listing pets (pets.feature:3)
  GET /v1/pets/{petId}                             2 requests  200×1 404×1
      A pet (pets.feature:9)

Requested, but not a route of ` + list.Source + ` (1):
  GET /v1/health                                   1 requests  200×1
      A pet (pets.feature:9)
`
	if got := text.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}
