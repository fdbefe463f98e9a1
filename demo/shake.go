package demo

import (
	"context"
	"encoding/binary"
	"hash/fnv"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The store's hook for Romaine's flake hunter (docs/flakes.md), in test mode
// only: while a perturbation asks the app to be slow, the browser sends the
// cookies romaine-latency (the most to delay each answer, in milliseconds)
// and romaine-seed. The store then delays each API answer by its own share
// of that latency, drawn from the seed, the request's method and path and
// how many of the same came before, so a replay of the seed is as slow in
// the same places; and its pages delay each update after a fetch (common.js)
// by up to half of it. An app of any language can honour the same cookies.

// maxShakeLatency bounds what a cookie may ask for.
const maxShakeLatency = 5 * time.Second

// shakeAsk is what a request's cookies ask for: none when latency is 0.
type shakeAsk struct {
	latency time.Duration
	seed    uint64
}

// shakeOf reads the hunter's cookies, in test mode only.
func (s *Store) shakeOf(r *http.Request) shakeAsk {
	if !s.opts.TestMode {
		return shakeAsk{}
	}
	c, err := r.Cookie("romaine-latency")
	if err != nil {
		return shakeAsk{}
	}
	ms, err := strconv.ParseInt(c.Value, 10, 64)
	if err != nil || ms <= 0 {
		return shakeAsk{}
	}
	ask := shakeAsk{latency: min(time.Duration(ms)*time.Millisecond, maxShakeLatency)}
	if c, err := r.Cookie("romaine-seed"); err == nil {
		ask.seed, _ = strconv.ParseUint(c.Value, 10, 64)
	}
	return ask
}

// shakeCounts counts each seed's requests by method and path; the test
// reset empties it, as each scenario starts.
type shakeCounts struct {
	mu   sync.Mutex
	seen map[string]int
}

func (c *shakeCounts) next(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil || len(c.seen) > 10000 {
		c.seen = map[string]int{}
	}
	c.seen[key]++
	return c.seen[key]
}

func (c *shakeCounts) reset() {
	c.mu.Lock()
	c.seen = nil
	c.mu.Unlock()
}

// delay is this request's share of the latency asked for: one answer in
// three is slow (60-100% of it), the others quick (0-20%), as a slow query
// is in production.
func (a shakeAsk) delay(counts *shakeCounts, r *http.Request) time.Duration {
	k := strconv.FormatUint(a.seed, 10) + " " + r.Method + " " + r.URL.RequestURI()
	h := fnv.New64a()
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(counts.next(k)))
	h.Write(n[:])
	h.Write([]byte(k))
	sum := h.Sum64()
	share := 0.2 * float64(sum>>11) / float64(1<<53)
	if sum%3 == 0 {
		share = 0.6 + 2*share
	}
	return time.Duration(share * float64(a.latency))
}

// wait waits d, or until the client gives up: it reports false then, so an
// abandoned request does not go on to change the database.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// pageShake is what a page's scripts are told of the latency asked for.
type pageShake struct {
	Seed uint64 // seeds the page's own draws
	Max  int64  // the most an update waits, in milliseconds
}
