package factories

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/google/go-cmp/cmp"
)

// scenarioData makes what a scenario's Given steps would, with every
// capability, against a fresh app, and returns every stored record. It
// returns errors rather than failing t: it runs in goroutines.
func scenarioData(t *testing.T, r *Registry, seed int64) (map[string][]Attrs, error) {
	app := newFakeApp(t)
	s := r.NewSession(seed, HTTPStore{BaseURL: app.URL})
	ctx := context.Background()
	alice, err := s.Create(ctx, "customer", map[string]string{"name": "Alice", "order_count": "1"})
	if err != nil {
		return nil, err
	}
	steps := []Spec{
		{Traits: []string{"delivered", "gift"}},
		{Records: map[string]Attrs{"customer": alice}, Overrides: map[string]string{"traits": "refunded", "item_count": "2"}},
		{Overrides: map[string]string{"customer.name": "Bob", "product.traits": "sold out, discounted"}},
	}
	for _, spec := range steps {
		if _, err := s.CreateSpec(ctx, "order", spec); err != nil {
			return nil, err
		}
	}
	app.mu.Lock()
	defer app.mu.Unlock()
	return app.records, nil
}

// TestReplayFromSeed is the ROMAINE_SEED promise: the same seed makes the
// same records, even while other sessions run at the same time.
func TestReplayFromSeed(t *testing.T) {
	r := newShopRegistry(t)
	const seed = 20261126
	first, err := scenarioData(t, r, seed)
	if err != nil {
		t.Fatal(err)
	}

	const concurrent = 8
	replays := make([]map[string][]Attrs, concurrent)
	errs := make([]error, concurrent)
	var wg sync.WaitGroup
	for i := range concurrent {
		// Half replay the seed, half run other seeds beside them.
		wg.Go(func() {
			s := int64(seed)
			if i%2 == 1 {
				s = int64(i)
			}
			replays[i], errs[i] = scenarioData(t, r, s)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("session %d: %v", i, err)
		}
	}
	for i := 0; i < concurrent; i += 2 {
		if d := cmp.Diff(first, replays[i]); d != "" {
			t.Errorf("replay %d of seed %d made other records (-first +replay):\n%s", i, seed, d)
		}
	}
	if cmp.Equal(first, replays[1]) {
		t.Errorf("another seed should make other data")
	}
	if n := len(first["order"]); n != 4 {
		t.Errorf("want 4 orders (one by Alice's hook, three by steps), got %d", n)
	}
}

func TestPerRunSequence(t *testing.T) {
	r := NewRegistry()
	err := DefineMap(r, "ticket", func(f *gofakeit.Faker, seq int) Attrs {
		return Attrs{"code": fmt.Sprintf("T-%d", seq), "word": f.Word()}
	}, PerRunSequence())
	if err != nil {
		t.Fatal(err)
	}
	if err := DefineMap(r, "note", func(f *gofakeit.Faker, seq int) Attrs { return Attrs{"n": seq} }); err != nil {
		t.Fatal(err)
	}
	const sessions, each = 8, 25
	codes := make([][]string, sessions)
	var wg sync.WaitGroup
	for i := range sessions {
		wg.Go(func() {
			s := r.NewSession(int64(i+1), nil)
			for range each {
				rec, err := s.Build("ticket", nil)
				if err != nil {
					t.Error(err)
					return
				}
				codes[i] = append(codes[i], rec["code"].(string))
			}
		})
	}
	wg.Wait()
	var all []string
	for _, c := range codes {
		all = append(all, c...)
	}
	slices.Sort(all)
	if n := len(slices.Compact(all)); n != sessions*each {
		t.Errorf("per-run sequences must be unique across concurrent sessions: %d distinct of %d", n, sessions*each)
	}
	for i := range 2 {
		note, _ := r.NewSession(1, nil).Build("note", nil)
		if note["n"] != 1.0 {
			t.Errorf("session %d: a per-scenario sequence still starts at 1 in each session, got %v", i, note["n"])
		}
	}
	a, _ := r.NewSession(77, nil).Build("ticket", nil)
	b, _ := r.NewSession(77, nil).Build("ticket", nil)
	if a["word"] != b["word"] || a["code"] == b["code"] {
		t.Errorf("a per-run sequence moves on in a replay while the fake data stays: %v then %v", a, b)
	}
}
