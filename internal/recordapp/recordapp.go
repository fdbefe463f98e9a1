// Package recordapp is an app for tests of the factory steps written as a
// team without Go would write one: a factory endpoint that keeps whatever
// JSON object it is sent, assigns an id, and answers the record; its own
// validation messages; pages and an API that show a record. Nothing in it
// knows of Romaine's models.
package recordapp

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
)

// App keeps records in memory. Its zero value is not ready: use New.
type App struct {
	mux      *http.ServeMux
	models   []string            // the models it can create
	required map[string][]string // model → fields it refuses to create without

	mu      sync.Mutex
	bodies  []string                             // every factory body, as received
	records map[string]map[string]map[string]any // model → id → record
}

// New is an app that creates records of models at POST
// /__test__/factories/{model}, refusing a record of a model that lacks a
// field required names (model → fields), with 422 and its own message, and
// answering 404 for a model it does not know. It answers the record with its
// id, and without its password. A record's page is
// /records/{model}/{id} and its JSON /api/{model}/{id}. The model "slow"
// never answers: its request ends only when the client gives up.
func New(models []string, required map[string][]string) *App {
	a := &App{mux: http.NewServeMux(), models: models, required: required, records: map[string]map[string]map[string]any{}}
	a.mux.HandleFunc("POST /__test__/factories/{model}", a.create)
	a.mux.HandleFunc("GET /records/{model}/{id}", a.page)
	a.mux.HandleFunc("GET /api/{model}/{id}", a.json)
	a.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "<h1>Records</h1>") })
	return a
}

func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// Bodies returns every body POSTed to the factory endpoint, as "model body".
func (a *App) Bodies() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.bodies)
}

func (a *App) create(w http.ResponseWriter, r *http.Request) {
	model := r.PathValue("model")
	if model == "slow" {
		// With its body read, the server notices the client hanging up.
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
		return
	}
	if !slices.Contains(a.models, model) {
		http.NotFound(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var rec map[string]any
	if err := json.Unmarshal(body, &rec); err != nil || rec == nil {
		http.Error(w, `{"error": "send a JSON object"}`, http.StatusBadRequest)
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.bodies = append(a.bodies, model+" "+string(body))
	for _, f := range a.required[model] {
		if _, ok := rec[f]; !ok {
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprintf(w, `{"errors": {%q: ["can't be blank"]}}`+"\n", f)
			return
		}
	}
	if a.records[model] == nil {
		a.records[model] = map[string]map[string]any{}
	}
	id := len(a.records[model]) + 1
	rec["id"] = id
	a.records[model][strconv.Itoa(id)] = rec
	// Like most apps, it does not echo a password: the record a test
	// remembers is the answer over what was sent.
	answer := maps.Clone(rec)
	delete(answer, "password")
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answer)
}

func (a *App) record(w http.ResponseWriter, r *http.Request) map[string]any {
	a.mu.Lock()
	defer a.mu.Unlock()
	rec, ok := a.records[r.PathValue("model")][r.PathValue("id")]
	if !ok {
		http.NotFound(w, r)
	}
	return rec
}

func (a *App) page(w http.ResponseWriter, r *http.Request) {
	rec := a.record(w, r)
	if rec == nil {
		return
	}
	fmt.Fprintf(w, "<h1>%s %s</h1>\n<dl>\n", html.EscapeString(r.PathValue("model")), html.EscapeString(r.PathValue("id")))
	for _, k := range slices.Sorted(maps.Keys(rec)) {
		v, ok := rec[k].(string)
		if !ok {
			b, _ := json.Marshal(rec[k])
			v = string(b)
		}
		fmt.Fprintf(w, "<dt>%s</dt><dd>%s</dd>\n", html.EscapeString(k), html.EscapeString(v))
	}
	fmt.Fprint(w, "</dl>\n")
}

func (a *App) json(w http.ResponseWriter, r *http.Request) {
	if rec := a.record(w, r); rec != nil {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(rec)
	}
}
