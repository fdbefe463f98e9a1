package shake

import (
	"testing"
	"time"
)

// The same seed draws the same perturbation; each kind stays in its bounds;
// each is on in some draws and off in others, so a verdict can tell them apart.
func TestDrawIsSeededBoundedAndMixed(t *testing.T) {
	const draws = 2000
	on := map[Kind]int{}
	var slower, faster int
	for seed := uint64(1); seed <= draws; seed++ {
		a, b := Draw(seed), Draw(seed)
		if a != b {
			t.Fatalf("seed %d drew %+v, then %+v: a seed must give one perturbation", seed, a, b)
		}
		if a.Seed != seed {
			t.Fatalf("seed %d: the draw says seed %d", seed, a.Seed)
		}
		for _, k := range a.Kinds() {
			on[k]++
		}
		switch {
		case a.CPU != 0 && (a.CPU < MinCPU || a.CPU > MaxCPU):
			t.Errorf("seed %d: CPU %gx is outside %g-%g", seed, a.CPU, MinCPU, MaxCPU)
		case a.Latency != 0 && (a.Latency < MinLatency || a.Latency > MaxLatency):
			t.Errorf("seed %d: latency %s is outside %s-%s", seed, a.Latency, MinLatency, MaxLatency)
		case a.Throughput != 0 && (a.Throughput < MinMbit*125000 || a.Throughput > MaxMbit*125000):
			t.Errorf("seed %d: throughput %g B/s is outside %g-%g Mbit/s", seed, a.Throughput, MinMbit, MaxMbit)
		case a.Throughput != 0 && a.Latency == 0:
			t.Errorf("seed %d: a throughput cap without the network kind on", seed)
		case a.Jitter != 0 && (a.Jitter < MinJitter || a.Jitter > MaxJitter):
			t.Errorf("seed %d: jitter %s is outside %s-%s", seed, a.Jitter, MinJitter, MaxJitter)
		case a.App != 0 && (a.App < MinApp || a.App > MaxApp):
			t.Errorf("seed %d: app latency %s is outside %s-%s", seed, a.App, MinApp, MaxApp)
		case a.Animation != 0 && !(a.Animation >= SlowAnimation && a.Animation <= 0.6 || a.Animation >= FastFloor && a.Animation <= 4):
			t.Errorf("seed %d: animation rate %g is neither 0.25-0.6 (slowed) nor 2-4 (sped up)", seed, a.Animation)
		case a.Scale() < 1 || a.Scale() > MaxScale:
			t.Errorf("seed %d: scale %g is outside 1-%g", seed, a.Scale(), MaxScale)
		}
		switch {
		case a.Animation > 0 && a.Animation < 1:
			slower++
		case a.Animation > 1:
			faster++
		}
	}
	want := map[Kind]float64{KindCPU: 0.7, KindNetwork: 0.6, KindJitter: 0.7, KindAnimation: 0.5, KindApp: 0.7}
	for k, share := range want {
		got := float64(on[k]) / draws
		if got < share-0.05 || got > share+0.05 {
			t.Errorf("%s is on in %.0f%% of %d draws, want about %.0f%%", k, got*100, draws, share*100)
		}
	}
	if slower < draws/5 || faster < draws/5 {
		t.Errorf("animations slowed in %d draws and sped up in %d of %d: want both often", slower, faster, draws)
	}
}

// A response's delay is keyed on the seed, method, path and occurrence: the
// same again for the same key, another for another, and the same on another
// worker's port.
func TestHoldIsKeyedOnMethodPathAndOccurrence(t *testing.T) {
	sh := Shake{Seed: 4242, Jitter: 800 * time.Millisecond}
	first := sh.Hold("GET", "http://127.0.0.1:4001/api/products?q=hat", 1)
	if again := sh.Hold("GET", "http://127.0.0.1:4001/api/products?q=hat", 1); again != first {
		t.Errorf("the same request drew %s, then %s", first, again)
	}
	if other := sh.Hold("GET", "http://127.0.0.1:5123/api/products?q=hat#top", 1); other != first {
		t.Errorf("the same path on another port (another worker's app) drew %s, want %s: the host must not count", other, first)
	}
	distinct := map[time.Duration]bool{first: true}
	for _, d := range []time.Duration{
		sh.Hold("GET", "http://127.0.0.1:4001/api/products?q=hat", 2),
		sh.Hold("POST", "http://127.0.0.1:4001/api/products?q=hat", 1),
		sh.Hold("GET", "http://127.0.0.1:4001/api/products?q=ha", 1),
		Shake{Seed: 4243, Jitter: sh.Jitter}.Hold("GET", "http://127.0.0.1:4001/api/products?q=hat", 1),
	} {
		if d < 0 || d > sh.Jitter {
			t.Errorf("a delay of %s is outside 0-%s", d, sh.Jitter)
		}
		distinct[d] = true
	}
	if len(distinct) < 4 {
		t.Errorf("five different keys drew only %d different delays: the occurrence, method, path and seed must each count", len(distinct))
	}
	if d := (Shake{Seed: 4242}).Hold("GET", "/", 1); d != 0 {
		t.Errorf("no jitter held a response %s", d)
	}
	// Over many requests, one in three is slow (60-100% of the jitter), the
	// others fast (0-20%).
	var fast, slow int
	for i := 1; i <= 600; i++ {
		switch d := sh.Hold("GET", "/api/x", i); {
		case d <= sh.Jitter/5:
			fast++
		case d >= sh.Jitter*3/5:
			slow++
		default:
			t.Errorf("request %d held %s: neither fast (0-%s) nor slow (%s-%s)", i, d, sh.Jitter/5, sh.Jitter*3/5, sh.Jitter)
		}
	}
	if slow < 160 || slow > 240 {
		t.Errorf("of 600 responses %d were slow and %d fast: want about one in three slow", slow, fast)
	}
}

func TestSeedsAndRounds(t *testing.T) {
	seen := map[uint64]bool{}
	for round := 1; round <= 50; round++ {
		for _, key := range []string{"features/a.feature:3", "features/a.feature:9", "features/b.feature:3"} {
			s := Seed(7, key, round)
			if s == 0 || s > 0xffffffff || s < 1<<31 {
				t.Fatalf("seed %d for %s round %d: want ten digits, 2147483648-4294967295", s, key, round)
			}
			if s != Seed(7, key, round) {
				t.Fatalf("seed for %s round %d changed between two calls", key, round)
			}
			seen[s] = true
		}
	}
	if len(seen) != 150 {
		t.Errorf("150 attempts drew %d distinct seeds", len(seen))
	}
	workers := map[int]int{}
	orders := map[uint64]bool{}
	for n := 1; n <= 60; n++ {
		o, w := Round(99, n, 3)
		if o2, w2 := Round(99, n, 3); o2 != o || w2 != w {
			t.Fatalf("round %d drew %d/%d, then %d/%d", n, o, w, o2, w2)
		}
		workers[w]++
		orders[o] = true
	}
	if len(workers) != 3 || workers[0] != 0 || workers[4] != 0 {
		t.Errorf("60 rounds at most 3 workers ran at %v workers: want each of 1, 2 and 3", workers)
	}
	if len(orders) != 60 {
		t.Errorf("60 rounds drew %d distinct orders", len(orders))
	}
}

func TestStringAndScale(t *testing.T) {
	for _, c := range []struct {
		sh     Shake
		text   string
		scale  float64
		reason string
	}{
		{Shake{}, "no perturbation", 1, "nothing on: limits as configured"},
		{Shake{CPU: 5}, "CPU 5x slower", 2, "a CPU five times slower doubles the limits"},
		{Shake{Latency: 120 * time.Millisecond, Throughput: 312500}, "network +120ms at 2.5 Mbit/s", 1.12, "latency adds its seconds"},
		{Shake{Jitter: 650 * time.Millisecond, Animation: 0.4, App: 300 * time.Millisecond}, "responses held 0-650ms, animations at 0.4x, app +0-300ms", 1.95, "animations do not slow a step's condition"},
		{Shake{CPU: 6, Latency: 150 * time.Millisecond, Jitter: 1500 * time.Millisecond, App: 1200 * time.Millisecond}, "CPU 6x slower, network +150ms, responses held 0-1.5s, app +0-1.2s", MaxScale, "the most a limit grows"},
	} {
		if got := c.sh.String(); got != c.text {
			t.Errorf("%s: String is %q, want %q", c.reason, got, c.text)
		}
		if got := c.sh.Scale(); got != c.scale {
			t.Errorf("%s: Scale is %g, want %g", c.reason, got, c.scale)
		}
	}
	if kinds := (Shake{CPU: 1, Animation: 1}).Kinds(); len(kinds) != 0 {
		t.Errorf("a CPU at 1x and animations at 1x are no perturbation; Kinds says %v", kinds)
	}
}
