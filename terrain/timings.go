package terrain

import (
	"sync"
	"time"
)

// timings keeps how long each scenario took in this run. A later step writes
// them to the timings file so the next run starts the longest first.
type timings struct {
	mu   sync.Mutex
	runs map[string]time.Duration
}

func newTimings() *timings { return &timings{runs: map[string]time.Duration{}} }

func (t *timings) record(uri, name string, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.runs[uri+": "+name] = d
}
