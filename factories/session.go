package factories

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/brianvoe/gofakeit/v6"
)

// Session makes records for one scenario. It owns the scenario's faker and
// sequence counters, so concurrent scenarios cannot disturb each other's data
// and a scenario's data is reproducible from its Seed alone.
//
// A Session is safe for concurrent use, but records built concurrently get
// their fake values in scheduling order, which the seed cannot reproduce.
type Session struct {
	reg   *Registry
	store Store
	seed  int64

	mu    sync.Mutex // guards faker draws and seqs, so one record's draws are contiguous
	faker *gofakeit.Faker
	seqs  map[*Definition]int
}

// NewSession starts a session whose fake data is determined by seed. Seed 0
// picks a random seed (gofakeit would too, but would not tell us which), so
// Seed can always report the value needed to replay a failure. store may be
// nil if the session only builds.
func (r *Registry) NewSession(seed int64, store Store) *Session {
	for seed == 0 {
		seed = rand.Int64()
	}
	return &Session{
		reg:   r,
		store: store,
		seed:  seed,
		faker: gofakeit.New(seed),
		seqs:  map[*Definition]int{},
	}
}

// Seed returns the seed that reproduces this session's data.
func (s *Session) Seed() int64 { return s.seed }

// Build returns the attributes a record would have: the model's defaults
// overlaid by overrides. Override values are Gherkin cells and are converted
// to the attribute's type; for a pointer, slice, map or interface attribute
// an empty cell means null. Each Build takes the model's next sequence number,
// whether or not the record is then stored. Associated records are built
// too (not stored) and carried under their association's name.
func (s *Session) Build(model string, overrides map[string]string) (Attrs, error) {
	return s.BuildSpec(model, Spec{Overrides: overrides})
}

// BuildSpec is Build with traits and given associated records.
func (s *Session) BuildSpec(model string, spec Spec) (Attrs, error) {
	return s.make(context.Background(), s.reg.model(model), spec, false, nil)
}

// Create builds a record and persists it through the session's Store, after
// creating the associated records it needs. It returns the built attributes
// with the store's answer merged over them, so server-assigned values (id,
// timestamps, normalised fields) win, and the associated records under
// their association's name.
func (s *Session) Create(ctx context.Context, model string, overrides map[string]string) (Attrs, error) {
	return s.CreateSpec(ctx, model, Spec{Overrides: overrides})
}

// CreateSpec is Create with traits and given associated records.
func (s *Session) CreateSpec(ctx context.Context, model string, spec Spec) (Attrs, error) {
	return s.make(ctx, s.reg.model(model), spec, true, nil)
}

// CreateN creates n records with the same overrides (each still gets its own
// fake values and sequence number). On error it returns the records created
// so far, which a caller may need for cleanup, together with the error.
func (s *Session) CreateN(ctx context.Context, model string, n int, overrides map[string]string) ([]Attrs, error) {
	if n < 0 {
		return nil, fmt.Errorf("cannot create %d records of %s", n, model)
	}
	d := s.reg.model(model)
	records := make([]Attrs, 0, n)
	for i := range n {
		rec, err := s.make(ctx, d, Spec{Overrides: overrides}, true, nil)
		if err != nil {
			return records, fmt.Errorf("%s %d of %d: %w", d.name, i+1, n, err)
		}
		records = append(records, rec)
	}
	return records, nil
}
