// Command bench-suite runs the demo feature suite (a test binary built with
// go test -c) at several worker counts, plain, under DEMO_CHAOS or as a flake
// hunt (ROMAINE_HUNT: each scenario -hunt times, rows per attempt), and prints
// for each run: wall time, CPU-seconds per scenario over every process of the
// run, peak memory, speed-up against one worker and efficiency against the
// ideal max(longest scenario, total / workers). It prints figures; it asserts
// nothing (see make bench-suite and docs/performance.md).
//
// CPU is counted without cgroups: this process makes itself the child
// subreaper, so every process the run starts (the test binary, Chromium and
// its helpers, orphans included) is reaped here, and getrusage(RUSAGE_CHILDREN)
// after the run holds all their user+system time. A sampler reads /proc every
// 200 ms for the per-process breakdown (-by-process) and the peak of the sum
// of proportional set sizes (PSS: shared pages divided among their users).
package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/romaine-bdd/romaine/internal/proctree"
)

func main() {
	bin := flag.String("bin", "bin/features.test", "the suite's test binary (go test -c -o bin/features.test .)")
	workers := flag.String("workers", "1,2,4", "worker counts, comma separated")
	modes := flag.String("modes", "plain,chaos", "plain, chaos, hunt, comma separated (hunt: ROMAINE_HUNT=-hunt without replays; a binary built with -tags benchhunt hunts under perturbations that slow nothing, to measure the hunter's own cost)")
	hunt := flag.Int("hunt", 3, "attempts of each scenario in the hunt mode")
	byProcess := flag.Bool("by-process", false, "also print CPU-seconds by process kind")
	byStep := flag.Bool("by-step", false, "also print where the step time went, by step wording")
	traces := flag.String("traces", "", "ROMAINE_TRACE values to compare, comma separated (e.g. off,retain-on-failure,on); empty: as the environment says")
	rounds := flag.Int("rounds", 1, "times the whole set of runs is repeated, interleaved (noise shows as the spread)")
	flag.Parse()
	if err := proctree.BecomeSubreaper(); err != nil {
		fail("%v", err)
	}
	timings, err := os.MkdirTemp("", "bench-suite-timings-")
	if err != nil {
		fail("%v", err)
	}
	defer os.RemoveAll(timings)
	var counts []int
	for _, f := range strings.Split(*workers, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fail("-workers %q: want whole numbers 1 or more, comma separated, e.g. 1,2,4", *workers)
		}
		counts = append(counts, n)
	}
	for _, mode := range strings.Split(*modes, ",") {
		if mode != "plain" && mode != "chaos" && mode != "hunt" {
			fail("-modes %q: want plain, chaos or hunt, comma separated, e.g. plain,hunt", *modes)
		}
	}
	if *hunt < 1 {
		fail("-hunt %d: want 1 or more attempts", *hunt)
	}
	if _, err := os.Stat(*bin); err != nil {
		fail("-bin %s: %v; build it first: go test -c -o %s .", *bin, err, *bin)
	}
	traceList := []string{""}
	if *traces != "" {
		traceList = strings.Split(*traces, ",")
	}
	fmt.Printf("bench-suite: %s, %d cores, load average %s, extra env: %s\n", *bin, numCPU(), proctree.Loadavg(), extraEnv())
	fmt.Printf("%-6s %-17s %3s %5s %8s %9s %9s %9s %8s %8s %7s\n", "mode", "trace", "wkr", "scen", "wall s", "CPU s", "CPU/scen", "peak MiB", "ideal s", "speedup", "effic.")
	for round := 1; round <= max(*rounds, 1); round++ {
		if *rounds > 1 {
			fmt.Printf("round %d, load average %s\n", round, proctree.Loadavg())
		}
		for _, mode := range strings.Split(*modes, ",") {
			for _, trace := range traceList {
				runSet(*bin, mode, trace, counts, *byStep, *byProcess, timings, *hunt)
			}
		}
	}
}

// runSet runs the suite at each worker count in one mode and trace setting.
// A hunt's row counts attempts as scenarios (its scenarios times -hunt).
func runSet(bin, mode, trace string, counts []int, byStep, byProcess bool, timings string, hunt int) {
	if mode != "hunt" {
		hunt = 0
	}
	var wall1 float64
	shown := trace
	if shown == "" {
		shown = "(env)"
	}
	for _, n := range counts {
		r := run(bin, n, mode == "chaos", hunt, trace, byStep, filepath.Join(timings, mode+".json"))
		if n == 1 {
			wall1 = r.wall
		}
		ideal := max(r.longest, r.total/float64(n))
		speed := "-" // against the run at 1 worker, when there is one
		if wall1 > 0 {
			speed = fmt.Sprintf("%.2fx", wall1/r.wall)
		}
		failed := ""
		if r.failed > 0 || r.err != nil {
			failed = fmt.Sprintf("  (%d failed, %v)", r.failed, r.err)
		}
		fmt.Printf("%-6s %-17s %3d %5d %8.1f %9.1f %9.2f %9.0f %8.1f %8s %6.0f%%%s\n", mode, shown, n, r.scenarios, r.wall, r.cpu,
			r.cpu/float64(max(r.scenarios, 1)), r.peakPSS/1024/1024, ideal, speed, 100*ideal/r.wall, failed)
		if byProcess {
			printKinds(r.kinds, r.scenarios)
		}
		if byStep {
			printSteps(r.steps, 12)
		}
	}
}

type result struct {
	scenarios, failed int
	wall, cpu         float64
	longest, total    float64 // seconds, from the JUnit report
	peakPSS           float64
	kinds             map[string]float64 // CPU-seconds by process kind (sampled)
	steps             []stepKind         // step time by wording, longest first
	err               error
}

// run runs the suite once; timings is shared by the runs of one mode, so runs
// after the first schedule longest first, as a user's repeated runs do. The
// messages report that byStep reads is written only then: recording it is
// work the measured run would otherwise not do.
func run(bin string, workers int, chaos bool, hunt int, trace string, byStep bool, timings string) result {
	dir, err := os.MkdirTemp("", "bench-suite-")
	if err != nil {
		fail("%v", err)
	}
	defer os.RemoveAll(dir)
	junit, messages := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "run.ndjson")
	reports := "junit:" + junit
	if byStep {
		reports += ",messages:" + messages
	}
	cmd := exec.Command(bin, "-test.run", "^TestFeatures$", "-test.count=1")
	cmd.Env = append(os.Environ(), "DISABLE_ROD_FLAG=1", "ROMAINE_WORKERS="+strconv.Itoa(workers), "ROMAINE_FORMAT=progress",
		"ROMAINE_PROGRESS=off", "ROMAINE_REPORTS="+reports, "ROMAINE_TIMINGS="+timings, "ROMAINE_ARTIFACTS="+filepath.Join(dir, "artifacts"))
	if trace != "" {
		cmd.Env = append(cmd.Env, "ROMAINE_TRACE="+trace)
	}
	if chaos {
		cmd.Env = append(cmd.Env, "DEMO_CHAOS=1")
	} else {
		cmd.Env = append(cmd.Env, "DEMO_CHAOS=")
	}
	if hunt > 0 {
		cmd.Env = append(cmd.Env, "ROMAINE_HUNT="+strconv.Itoa(hunt), "ROMAINE_HUNT_REPLAYS=0")
	} else {
		cmd.Env = append(cmd.Env, "ROMAINE_HUNT=")
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	before := childrenCPU()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fail("starting %s: %v", bin, err)
	}
	s := newSampler(os.Getpid())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.loop(stop) }()
	werr := cmd.Wait()
	wall := time.Since(start).Seconds()
	close(stop)
	wg.Wait()
	proctree.ReapOrphans(10 * time.Second)
	r := result{wall: wall, cpu: childrenCPU() - before, peakPSS: s.peak, kinds: s.kinds()}
	if werr != nil {
		r.err = fmt.Errorf("the suite exited: %v; its output ends: %s", werr, tail(out.String(), 15))
	}
	r.scenarios, r.failed, r.longest, r.total = readJUnit(junit)
	if hunt > 0 { // JUnit holds each scenario's final attempt
		r.scenarios, r.total = r.scenarios*hunt, r.total*float64(hunt)
	}
	if byStep {
		if r.steps, err = readSteps(messages); err != nil && r.err == nil {
			r.err = err
		}
	}
	return r
}

// childrenCPU is the user+system time of every reaped descendant so far.
func childrenCPU() float64 {
	c, err := proctree.ChildrenCPU()
	if err != nil {
		fail("%v", err)
	}
	return c
}

// sampler follows the run's process tree.
type sampler struct {
	root  int
	peak  float64
	last  map[int]procCPU // pid -> last reading
	mu    sync.Mutex
	ticks float64
}

type procCPU struct {
	kind string
	sec  float64
}

func newSampler(root int) *sampler {
	t, _ := strconv.Atoi(strings.TrimSpace(runOut("getconf", "CLK_TCK")))
	if t == 0 {
		t = 100
	}
	return &sampler{root: root, last: map[int]procCPU{}, ticks: float64(t)}
}

func (s *sampler) loop(stop <-chan struct{}) {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		s.sample()
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

func (s *sampler) sample() {
	var pss float64
	for _, pid := range proctree.Descendants(s.root) {
		f := proctree.StatFields(pid)
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseFloat(f[11], 64)
		sy, _ := strconv.ParseFloat(f[12], 64)
		s.mu.Lock()
		// The kind is read again each time: a process may exec (the chromium
		// shell wrapper becomes the browser) or rename itself (helpers).
		k := kindOf(pid)
		if old, ok := s.last[pid]; ok && k == "gone" {
			k = old.kind
		}
		s.last[pid] = procCPU{kind: k, sec: (u + sy) / s.ticks}
		s.mu.Unlock()
		pss += readPSS(pid)
	}
	s.peak = max(s.peak, pss)
}

func (s *sampler) kinds() map[string]float64 {
	k := map[string]float64{}
	for _, pc := range s.last {
		k[pc.kind] += pc.sec
	}
	return k
}

// kindOf names a process: the test binary, or Chromium's browser, renderer,
// GPU, network (utility) or zygote process.
func kindOf(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return "gone"
	}
	// Chromium's helpers rewrite their command line as one space-separated string.
	args := strings.Fields(strings.ReplaceAll(string(b), "\x00", " "))
	if len(args) == 0 {
		return "gone"
	}
	if !strings.Contains(filepath.Base(args[0]), "chrom") {
		comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		return strings.TrimSpace(string(comm))
	}
	for _, a := range args {
		if t, ok := strings.CutPrefix(a, "--type="); ok {
			if t == "utility" {
				for _, a := range args {
					if s, ok := strings.CutPrefix(a, "--utility-sub-type="); ok {
						return "chromium " + t + " (" + strings.TrimSuffix(strings.TrimPrefix(s, "network.mojom."), "Service") + ")"
					}
				}
			}
			return "chromium " + t
		}
	}
	return "chromium browser"
}

func readPSS(pid int) float64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "Pss:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb * 1024
		}
	}
	return 0
}

func readJUnit(path string) (n, failed int, longest, total float64) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, 0, 0
	}
	var doc struct {
		Cases []struct {
			Classname string    `xml:"classname,attr"`
			Time      float64   `xml:"time,attr"`
			Failure   *struct{} `xml:"failure"`
		} `xml:"testsuite>testcase"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		fail("reading the JUnit report %s: %v", path, err)
	}
	for _, c := range doc.Cases {
		if c.Classname == "flake hunt" { // a hunt's verdict (ROMAINE_HUNT), not a scenario
			continue
		}
		n++
		total += c.Time
		longest = max(longest, c.Time)
		if c.Failure != nil {
			failed++
		}
	}
	return n, failed, longest, total
}

func printKinds(k map[string]float64, scenarios int) {
	names := make([]string, 0, len(k))
	for n := range k {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return k[names[i]] > k[names[j]] })
	for _, n := range names {
		fmt.Printf("         %-36s %7.1f CPU-s %6.2f per scenario\n", n, k[n], k[n]/float64(max(scenarios, 1)))
	}
}

func numCPU() int {
	n, _ := strconv.Atoi(strings.TrimSpace(runOut("nproc")))
	return n
}

// extraEnv lists the ROMAINE_ settings the runs inherit (isolation, browsers).
func extraEnv() string {
	var s []string
	for _, e := range os.Environ() {
		if strings.HasPrefix(e, "ROMAINE_") {
			s = append(s, e)
		}
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, " ")
}

func runOut(name string, args ...string) string {
	b, _ := exec.Command(name, args...).Output()
	return string(b)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-suite: "+format+"\n", args...)
	os.Exit(2)
}
