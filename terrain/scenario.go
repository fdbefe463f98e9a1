package terrain

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"slices"
	"strings"
	"time"

	"github.com/romaine-bdd/romaine/factories"
	"github.com/romaine-bdd/romaine/internal/jsonvalue"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// Scenario is everything one running scenario owns. It lives in the
// context.Context that godog threads through hooks and steps; get it with
// FromContext. Nothing of a scenario is kept in package variables, because godog
// runs scenarios concurrently in goroutines.
type Scenario struct {
	Name string // the scenario's name (an outline's example names itself)
	URI  string // the feature file
	// Attempt is 1 on the scenario's first run, 2 and more when ROMAINE_RETRIES
	// runs it again after a failure.
	Attempt int
	// Worker is the lane the scenario runs on: its app's BaseURL and Port.
	Worker *Worker
	// Page is the scenario's own tab in a fresh browser context.
	Page *support.Page
	// Recording is what the page's recorder gathers for the features built
	// on it (WithConsumer); nil, and free, when there are none. Its methods
	// do nothing on nil: the HTTP steps add their requests to it either way.
	Recording *support.Recording
	// Data makes factory records; seeded per scenario.
	Data *factories.Session
	// Values is free for domain steps to keep scenario state in.
	Values map[string]any
	// Response is the last HTTP response of the HTTP steps.
	Response *Response

	suite      *Suite
	started    time.Time
	remembered map[string]factories.Attrs
	cookies    http.CookieJar
	lastStep   string              // the id of the scenario's last step: it ends the recording
	resolved   []report.Resolution // the current step's {{references}}, for the report
}

// Response is an HTTP response kept for the assertion steps after it.
type Response struct {
	Status int                 // the HTTP status code
	Header map[string][]string // the response headers
	Body   []byte              // the whole body, read
}

type scenarioKey struct{}

// FromContext returns the scenario running in ctx. Steps call it first; outside a
// scenario it is an error that says so.
func FromContext(ctx context.Context) (*Scenario, error) {
	sc, ok := ctx.Value(scenarioKey{}).(*Scenario)
	if !ok {
		return nil, errors.New("romaine: no scenario in this context: this step or hook ran outside a Romaine scenario (is the suite's InitializeScenario wired to terrain?)")
	}
	return sc, nil
}

// InScenario runs fn with the scenario running in ctx: a step's one call to get
// its scenario.
//
//	func iReturn(ctx context.Context, item string) error {
//		return terrain.InScenario(ctx, func(sc *terrain.Scenario) error {
//			return sc.Page.Click(ctx, support.Loc("Return "+item))
//		})
//	}
func InScenario(ctx context.Context, fn func(sc *Scenario) error) error {
	sc, err := FromContext(ctx)
	if err != nil {
		return err
	}
	return fn(sc)
}

// PagePath is the path of a page registered by name (WithPage); an unknown name
// is an error that lists the known ones.
func (sc *Scenario) PagePath(name string) (string, error) { return sc.suite.pagePath(name) }

// Factories is the registry the scenario's Data makes records from.
func (sc *Scenario) Factories() *factories.Registry { return sc.suite.factories }

// ArtifactsDir is where pages and screenshots are saved (ROMAINE_ARTIFACTS).
func (sc *Scenario) ArtifactsDir() string { return sc.suite.cfg.Artifacts }

// StepTimeout is the step limit (ROMAINE_TIMEOUT), for a domain step that waits
// on something other than the page (an HTTP answer, a file).
func (sc *Scenario) StepTimeout() time.Duration { return sc.suite.cfg.Timeout }

// Cookies is the scenario's own cookie jar for requests sent outside the
// browser (the HTTP steps), made on first use.
func (sc *Scenario) Cookies() http.CookieJar {
	if sc.cookies == nil {
		sc.cookies, _ = cookiejar.New(nil) // New never fails without options
	}
	return sc.cookies
}

// Remember keeps rec under name (case-insensitive) for {{name.field}}
// references in later steps. The factory steps call it with the model's name
// (the latest of that model) and with the record's own name when it has one.
func (sc *Scenario) Remember(name string, rec factories.Attrs) {
	sc.remembered[strings.ToLower(name)] = rec
}

// Recall returns a remembered record.
func (sc *Scenario) Recall(name string) (factories.Attrs, error) {
	rec, ok := sc.remembered[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		known := slices.Sorted(maps.Keys(sc.remembered))
		if len(known) == 0 {
			return nil, fmt.Errorf("nothing called %q was remembered in this scenario; nothing has been made yet (a Given step such as  Given a product exists  remembers one)", name)
		}
		return nil, fmt.Errorf("nothing called %q was remembered in this scenario; known: %s", name, strings.Join(known, ", "))
	}
	return rec, nil
}

// Interpolate replaces {{name.field}} references in text with remembered
// values. The report shows what each became beside the step as written.
func (sc *Scenario) Interpolate(text string) (string, error) {
	out, resolved, err := interpolate(text, func(ref string) (string, error) {
		name, field, hasField := strings.Cut(ref, ".")
		rec, err := sc.Recall(name)
		if err != nil {
			return "", err
		}
		if !hasField {
			return "", fmt.Errorf("{{%s}} names a record, not a value: write {{%s.FIELD}}; fields: %s", ref, name, strings.Join(slices.Sorted(maps.Keys(rec)), ", "))
		}
		v, ok := rec[field]
		if !ok {
			return "", fmt.Errorf("{{%s}}: %s has no field %q; fields: %s", ref, name, field, strings.Join(slices.Sorted(maps.Keys(rec)), ", "))
		}
		return jsonvalue.Show(v), nil
	})
	sc.resolved = append(sc.resolved, resolved...)
	return out, err
}

// Elapsed is how long the scenario has run.
func (sc *Scenario) Elapsed() time.Duration { return time.Since(sc.started) }
