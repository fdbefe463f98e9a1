package godogrecord_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/cucumber/godog"
)

// TestConsoleRecordStaysFlat: over one godog run of 3,000 scenarios of four
// steps, the heap after the warm-up grows by godog's record of each scenario
// (about 12 KB) under godog's own progress format, and by next to nothing
// under the Console printing the same format. Both are measured, so the bound
// is shown to tell them apart.
func TestConsoleRecordStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 6,000 scenarios (a few seconds)")
	}
	const scenarios, warmup, bound = 3000, 500, 2048 // bytes a scenario
	feature := manyScenarios(t, scenarios)
	plain := heapGrowth(t, "progress", feature, scenarios, warmup)
	name, pruned := consoleFormat("progress")
	lean := heapGrowth(t, name, feature, scenarios, warmup)
	t.Logf("heap growth a scenario after %d of %d: %.0f bytes under godog's progress, %.0f under the Console", warmup, scenarios, plain, lean)
	if plain < 2*bound {
		t.Errorf("godog's own record grew %.0f bytes a scenario, expected well over %d: the measure cannot tell a record that grows from one that does not", plain, bound)
	}
	if lean > bound {
		t.Errorf("under the Console the heap grew %.0f bytes a scenario after the warm-up, want at most %d", lean, bound)
	}
	if n, off := pruned(); n != scenarios || off != "" {
		t.Errorf("the Console let go of %d scenarios (%q), want all %d", n, off, scenarios)
	}
}

// manyScenarios writes a feature of one outline of n examples, four steps each.
func manyScenarios(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString("Feature: Many\n  Scenario Outline: Fruit <n>\n    Given the shop is open\n    When I pick \"<n>\"\n    Then I see \"<n>\"\n    And I see \"<n>\"\n\n    Examples:\n      | n |\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "      | %d |\n", i)
	}
	path := filepath.Join(t.TempDir(), "many.feature")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// heapGrowth runs feature in one godog run in format, two scenarios at a time,
// and returns the heap's growth a scenario from the end of the warm-up to the end.
func heapGrowth(t *testing.T, format, feature string, scenarios, warmup int) float64 {
	t.Helper()
	var mu sync.Mutex
	done := 0
	var base, last uint64
	status := godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			steps(sc)
			sc.After(func(ctx context.Context, _ *godog.Scenario, _ error) (context.Context, error) {
				mu.Lock()
				defer mu.Unlock()
				switch done++; done {
				case warmup:
					base = heapInUse()
				case scenarios:
					last = heapInUse()
				}
				return ctx, nil
			})
		},
		Options: &godog.Options{Format: format, Paths: []string{feature}, Concurrency: 2, Output: io.Discard, Strict: true},
	}.Run()
	if status != 0 || done != scenarios {
		t.Fatalf("the run of %d scenarios ended with status %d after %d", scenarios, status, done)
	}
	return (float64(last) - float64(base)) / float64(scenarios-warmup)
}

func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
