package demo

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// maxAPIDelay bounds the chaos latency on every /api/ answer. The browser
// side adds its own 0-400 ms before each DOM update (see common.js).
const maxAPIDelay = 800 * time.Millisecond

// chaosClock hands out random delays. One generator per Store, guarded by a
// mutex, so a fixed seed gives a reproducible sequence of delays.
type chaosClock struct {
	mu  sync.Mutex
	rng *rand.Rand
}

func newChaosClock(seed int64) *chaosClock {
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	return &chaosClock{rng: rand.New(rand.NewPCG(uint64(seed), uint64(seed)>>1|1))}
}

func (c *chaosClock) next() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Duration(c.rng.Int64N(int64(maxAPIDelay) + 1))
}

// delay waits a random time; it reports false if the request was cancelled
// meanwhile, so an abandoned request does not go on to change the database.
func (c *chaosClock) delay(ctx context.Context) bool { return wait(ctx, c.next()) }

func isAPIPath(path string) bool {
	return strings.HasPrefix(path, "/api/")
}
