package schedule

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"
)

func units(t *testing.T, paths []string, tags string) []*Unit {
	t.Helper()
	us, _, err := discover(paths, tags)
	if err != nil {
		t.Fatal(err)
	}
	return us
}

func titles(us []*Unit) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Title)
	}
	return out
}

func TestDiscoverListsScenariosAsGodogSelectsThem(t *testing.T) {
	all := units(t, []string{"testdata/schedule"}, "")
	want := []string{"Coffee", "Tea", "Water", "Starter", "Main course", "Dessert <kind>", "Starter (2)"}
	slices.Sort(want)
	if got := slices.Sorted(slices.Values(titles(all))); !slices.Equal(got, want) {
		t.Fatalf("units %q, want %q", got, want)
	}
	for _, u := range all {
		if u.Title == "Dessert <kind>" && u.Pickles != 3 {
			t.Errorf("the outline is one unit of %d scenarios, want its 3 examples", u.Pickles)
		}
		if !strings.HasPrefix(u.Key, "testdata/schedule/") {
			t.Errorf("key %q is not the feature file and title", u.Key)
		}
	}
	// Tags apply before anything is scheduled: what godog would select.
	if got := titles(units(t, []string{"testdata/schedule"}, "~@slow")); len(got) != 5 || slices.Contains(got, "Coffee") || slices.Contains(got, "Dessert <kind>") {
		t.Errorf("~@slow selected %q", got)
	}
}

func TestCatalogFindsTheScenarioOfAPickle(t *testing.T) {
	for _, path := range []string{"testdata/schedule/menu.feature", "testdata/schedule/menu.feature:11"} {
		opts := godog.Options{Paths: []string{path}}
		features, err := godog.TestSuite{Options: &opts}.RetrieveFeatures()
		if err != nil {
			t.Fatal(err)
		}
		c := NewCatalog(nil)
		for _, ft := range features {
			for _, p := range ft.Pickles {
				u, err := c.Find(p)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				want := ft.FindScenario(p.AstNodeIds[0]).Location.Line
				if u.Line != want || u.File != "testdata/schedule/menu.feature" {
					t.Errorf("%s: pickle %q found as %s, want line %d", path, p.Name, u.Path(), want)
				}
			}
		}
	}
}

func TestShardsCoverEveryScenarioExactlyOnce(t *testing.T) {
	all := units(t, []string{"testdata/schedule"}, "")
	for i, u := range all {
		u.Predicted = time.Duration((i*7)%5+1) * time.Second // uneven, with ties
	}
	var longest, total time.Duration
	for _, u := range all {
		longest, total = max(longest, u.Predicted), total+u.Predicted
	}
	for n := 1; n <= 5; n++ {
		seen := map[*Unit]int{}
		for k := 1; k <= n; k++ {
			part := Shard(all, k, n)
			again := Shard(all, k, n)
			if !slices.Equal(part, again) {
				t.Errorf("shard %d/%d differs between two computations", k, n)
			}
			for _, u := range part {
				seen[u]++
			}
			// Longest first into the lightest shard is never worse than the
			// average plus one scenario.
			if load := Sum(part); load > total/time.Duration(n)+longest {
				t.Errorf("shard %d/%d predicted %s, above average %s + longest %s", k, n, load, total/time.Duration(n), longest)
			}
		}
		for _, u := range all {
			if seen[u] != 1 {
				t.Errorf("N=%d: %s is in %d shards, want exactly 1", n, u.Path(), seen[u])
			}
		}
	}
	// No timings at all: a split by count.
	for _, u := range all {
		u.Predicted = 0
	}
	if a, b := len(Shard(all, 1, 2)), len(Shard(all, 2, 2)); a-b > 1 || b-a > 1 {
		t.Errorf("without timings the shards have %d and %d scenarios", a, b)
	}
}

func TestLongestFirstAndSeededRandomOrders(t *testing.T) {
	all := units(t, []string{"testdata/schedule"}, "")
	for i, u := range all {
		u.Predicted = time.Duration(i+1) * time.Second
	}
	longest := slices.Clone(all)
	Arrange(longest, Order{Kind: "longest"}, len(all))
	for i := 1; i < len(longest); i++ {
		if longest[i].Predicted > longest[i-1].Predicted {
			t.Fatalf("not longest first: %q", titles(longest))
		}
	}
	shuffle := func(seed uint64) []string {
		us := slices.Clone(all)
		how := Arrange(us, Order{Kind: "random", Seed: seed}, len(all))
		if !strings.Contains(how, fmt.Sprintf("ROMAINE_ORDER=random:%d", seed)) {
			t.Errorf("the order line %q does not say how to repeat it", how)
		}
		return Paths(us)
	}
	first := shuffle(42)
	if again := shuffle(42); !slices.Equal(first, again) {
		t.Errorf("seed 42 gave %q, then %q", first, again)
	}
	differs := false
	for seed := uint64(1); seed <= 5; seed++ {
		differs = differs || !slices.Equal(shuffle(seed), first)
	}
	if !differs {
		t.Error("five other seeds all gave seed 42's order")
	}
	// Across features, not within each: some seed interleaves the two files.
	interleaved := false
	for seed := uint64(1); seed <= 5; seed++ {
		changes, order := 0, shuffle(seed)
		for i := 1; i < len(order); i++ {
			if strings.Split(order[i], ":")[0] != strings.Split(order[i-1], ":")[0] {
				changes++
			}
		}
		interleaved = interleaved || changes > 1
	}
	if !interleaved {
		t.Error("no seed mixed the scenarios of the two features")
	}
	if _, err := ParseOrder("random:x"); err == nil || !strings.Contains(err.Error(), "random:42") {
		t.Errorf("a bad seed: %v", err)
	}
}
