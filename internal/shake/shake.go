// Package shake is the flake hunter's perturbation: what one attempt of a
// scenario runs under (a slower CPU, a slow network, responses held back in
// another order, animations at another speed, a slower app), drawn from a
// seed so that the same seed gives the same perturbation, and the same delay
// to each response, every time (ROMAINE_SHAKE=SEED replays it).
//
// hooks.go puts a Shake on a scenario's page through the page's recorder.
package shake

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"
)

// Shake is one attempt's perturbation. A zero field is that kind left off.
type Shake struct {
	Seed uint64 // what it was drawn from; 0 for one made by hand

	// CPU slows the page's CPU this many times (Emulation.setCPUThrottlingRate); 0 or 1: off.
	CPU float64
	// Latency is added to every request's round trip (Network.emulateNetworkConditions).
	Latency time.Duration
	// Throughput caps download and upload, in bytes per second; 0: no cap.
	Throughput float64
	// Jitter is the most a response is held back before the page gets it; each
	// response's own delay is drawn from the seed, its method, path and
	// occurrence (Hold): one in three is slow, so responses arrive in another
	// order than asked.
	Jitter time.Duration
	// Animation is the playback rate of CSS and Web Animations
	// (Animation.setPlaybackRate): below 1 slower, above 1 faster; 0 or 1: off.
	Animation float64
	// App is the most the app is asked to delay each answer, through the
	// romaine-latency cookie (an app that honours it; see docs/flakes.md).
	App time.Duration
}

// The bounds of a drawn Shake: a correct scenario still fits its step limits,
// which grow with the slow-down (Scale).
const (
	MinCPU, MaxCPU           = 2.0, 6.0
	MinLatency, MaxLatency   = 20 * time.Millisecond, 150 * time.Millisecond
	MinMbit, MaxMbit         = 1.0, 20.0 // throughput, when capped
	MinJitter, MaxJitter     = 500 * time.Millisecond, 1500 * time.Millisecond
	MinApp, MaxApp           = 300 * time.Millisecond, 1200 * time.Millisecond
	SlowAnimation, FastFloor = 0.25, 2.0 // slowed: 0.25-0.6x; sped up: 2-4x
	MaxScale                 = 3.0
)

// Draw is the perturbation of seed. Each kind is on or off by its own draw,
// so that the verdict can tell which kind a failure goes with.
func Draw(seed uint64) Shake {
	if neutral {
		// Every call made, every response paused and let go at once: the
		// hunter's own cost with no slow-down (neutral_bench.go).
		return Shake{Seed: seed, Jitter: neutralJitter}
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	sh := Shake{Seed: seed}
	between := func(lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }
	dur := func(lo, hi time.Duration) time.Duration {
		return time.Duration(between(float64(lo), float64(hi))).Round(10 * time.Millisecond)
	}
	// Every draw is made whether or not its kind is on, so that one kind's
	// values do not depend on another's being on.
	cpuOn, cpu := r.Float64() < 0.7, math.Round(between(MinCPU, MaxCPU)*10)/10
	netOn, latency := r.Float64() < 0.6, dur(MinLatency, MaxLatency)
	capped, mbit := r.Float64() < 0.5, math.Round(between(MinMbit, MaxMbit)*10)/10
	jitterOn, jitter := r.Float64() < 0.7, dur(MinJitter, MaxJitter)
	animOn, slow, rate := r.Float64() < 0.5, r.Float64() < 0.5, r.Float64()
	appOn, app := r.Float64() < 0.7, dur(MinApp, MaxApp)
	if cpuOn {
		sh.CPU = cpu
	}
	if netOn {
		sh.Latency = latency
		if capped {
			sh.Throughput = mbit * 125000
		}
	}
	if jitterOn {
		sh.Jitter = jitter
	}
	if animOn {
		if slow {
			sh.Animation = math.Round((SlowAnimation+rate*0.35)*100) / 100
		} else {
			sh.Animation = math.Round((FastFloor+rate*2)*10) / 10
		}
	}
	if appOn {
		sh.App = app
	}
	return sh
}

// Seed is the seed of one attempt of a hunt: from the hunt's seed, the
// scenario (its file:line) and the attempt's round. It is never 0 and fits in
// 32 bits, to be typed again.
func Seed(hunt uint64, key string, round int) uint64 {
	return mix(hunt, key, uint64(round))&0xffffffff | 1<<31
}

// Round is how round n of a hunt runs its scenarios: the seed of their random
// order, and how many run at once (1 to most).
func Round(hunt uint64, n, most int) (order uint64, workers int) {
	order = mix(hunt, "order", uint64(n)) | 1
	workers = 1 + int(mix(hunt, "workers", uint64(n))%uint64(max(most, 1)))
	return order, workers
}

// Hold is how long the response to the occurrence-th request (counted from
// 1) for method and raw's path and query is held back, the same for the same
// seed: one response in three is slow (60-100% of Jitter), the others fast
// (0-20%). Slow answers are rare and long, as in production, and a slow one
// before a fast one is what puts responses in another order; held evenly,
// they would cost as much and reorder less. The host is left out: each
// worker's app has a port of its own.
func (sh Shake) Hold(method, raw string, occurrence int) time.Duration {
	if sh.Jitter <= 0 {
		return 0
	}
	where := raw
	if u, err := url.Parse(raw); err == nil {
		u.Scheme, u.Host, u.User, u.Fragment = "", "", nil, ""
		where = u.String()
	}
	h := mix(sh.Seed, method+" "+where, uint64(occurrence))
	frac, slow := float64(h>>11)/float64(1<<53), h%3 == 0
	share := 0.2 * frac
	if slow {
		share = 0.6 + 0.4*frac
	}
	return time.Duration(share * float64(sh.Jitter)).Round(time.Millisecond)
}

// Kind names one kind of perturbation, as the verdict counts them.
type Kind string

// The kinds, in the order String names them.
const (
	KindCPU       Kind = "CPU"
	KindNetwork   Kind = "network"
	KindJitter    Kind = "response jitter"
	KindAnimation Kind = "animations"
	KindApp       Kind = "app latency"
)

// Kinds lists the kinds that are on.
func (sh Shake) Kinds() []Kind {
	var out []Kind
	if sh.CPU > 1 {
		out = append(out, KindCPU)
	}
	if sh.Latency > 0 || sh.Throughput > 0 {
		out = append(out, KindNetwork)
	}
	if sh.Jitter > 0 {
		out = append(out, KindJitter)
	}
	if sh.Animation > 0 && sh.Animation != 1 {
		out = append(out, KindAnimation)
	}
	if sh.App > 0 {
		out = append(out, KindApp)
	}
	return out
}

// String says what the perturbation does, in a line:
// "CPU 4.2x slower, network +120ms at 2.5 Mbit/s, responses held 0-650ms,
// animations at 0.4x, app +300ms".
func (sh Shake) String() string {
	var parts []string
	if sh.CPU > 1 {
		parts = append(parts, fmt.Sprintf("CPU %gx slower", sh.CPU))
	}
	if sh.Latency > 0 || sh.Throughput > 0 {
		n := fmt.Sprintf("network +%s", sh.Latency)
		if sh.Throughput > 0 {
			n += fmt.Sprintf(" at %g Mbit/s", math.Round(sh.Throughput/12500)/10)
		}
		parts = append(parts, n)
	}
	if sh.Jitter > 0 {
		parts = append(parts, fmt.Sprintf("responses held 0-%s", sh.Jitter))
	}
	if sh.Animation > 0 && sh.Animation != 1 {
		parts = append(parts, fmt.Sprintf("animations at %gx", sh.Animation))
	}
	if sh.App > 0 {
		parts = append(parts, fmt.Sprintf("app +0-%s", sh.App))
	}
	if len(parts) == 0 {
		return "no perturbation"
	}
	return strings.Join(parts, ", ")
}

// Scale is how many times longer a step may wait under sh: the step and
// navigation limits are multiplied by it. A CPU slowed 5 times adds 1; each
// second of delay a request may meet (latency, jitter, app) adds 1; at most
// MaxScale.
func (sh Shake) Scale() float64 {
	s := 1.0
	if sh.CPU > 1 {
		s += (sh.CPU - 1) / 4
	}
	s += (sh.Latency + sh.Jitter + sh.App).Seconds()
	return math.Min(math.Round(s*100)/100, MaxScale)
}

// neutral makes every draw slow nothing down; only the benchhunt build sets
// it, to measure what the hunter itself costs (docs/flakes.md).
var neutral = false

// neutralJitter is a neutral draw's: every response paused and let go at once.
var neutralJitter = time.Nanosecond

// mix hashes a seed, a name and a number into 64 well-mixed bits.
func mix(seed uint64, name string, n uint64) uint64 {
	h := fnv.New64a()
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], seed)
	binary.LittleEndian.PutUint64(b[8:], n)
	h.Write(b[:])
	h.Write([]byte(name))
	return splitmix(h.Sum64())
}

// splitmix is SplitMix64's finaliser: FNV's low bits alone are not random enough.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
