package romaine_test

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/utils"

	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/terrain"
)

// stressFeatures are run under stress: the pages whose JavaScript timing is
// hardest (a list rebuilt every 50 ms, links pushed by late content), and
// forms, keys and navigation.
var stressFeatures = []string{"features/deals.feature", "features/sign_in.feature", "features/keyboard.feature", "features/inventory.feature"}

// hogLimit is when the CPU hog stops by itself, whatever happens to the test.
const hogLimit = time.Minute

// TestStress runs a feature set at 4 workers while a CPU hog keeps every core
// busy (and then some), as on a loaded CI machine: every scenario must pass,
// and nothing the run started may be left running. Skipped with -short.
func TestStress(t *testing.T) {
	if testing.Short() {
		t.Skip("the stress run takes up to a minute")
	}
	for k, v := range map[string]string{
		"ROMAINE_FEATURES":  strings.Join(stressFeatures, " "),
		"ROMAINE_WORKERS":   "4",
		"ROMAINE_FORMAT":    "progress",
		"ROMAINE_ARTIFACTS": t.TempDir(),
		"ROMAINE_TAGS":      "",
		"ROMAINE_APP_CMD":   "",
		"ROMAINE_APP_URL":   "",
	} {
		t.Setenv(k, v)
	}
	before := children(t)
	stop := hog(2 * runtime.NumCPU())
	var out lockedbuf.Buffer
	s := terrain.New(append(suiteOptions(), terrain.WithOutput(&out))...)
	start := time.Now()
	status := s.Run()
	took := time.Since(start)
	stop()
	summary := ""
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.Contains(l, "scenarios (") {
			summary = l
		}
	}
	t.Logf("under a CPU hog of %d spinning threads on %d cores: %s in %s", 2*runtime.NumCPU(), runtime.NumCPU(), summary, took.Round(time.Second))
	if status != 0 {
		t.Fatalf("godog status %d under stress; output:\n%s", status, out.String())
	}
	// Every worker's browser and app is stopped when the run ends.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	sleep := utils.BackoffSleeper(10*time.Millisecond, 200*time.Millisecond, nil)
	for {
		left := newChildren(before, children(t))
		if len(left) == 0 {
			break
		}
		if sleep(ctx) != nil {
			t.Fatalf("processes left running after the run: %s", strings.Join(left, "; "))
		}
	}
}

// hog spins n goroutines (threads) until stop is called or hogLimit passes.
func hog(n int) (stop func()) {
	ctx, cancel := context.WithTimeout(context.Background(), hogLimit)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := uint64(1)
			for ctx.Err() == nil {
				for i := 0; i < 1<<20; i++ {
					x = x*6364136223846793005 + 1442695040888963407
				}
			}
			hogSink.Add(x)
		}()
	}
	return func() { cancel(); wg.Wait() }
}

// hogSink keeps the hog's arithmetic from being optimised away.
var hogSink syncCounter

type syncCounter struct {
	mu sync.Mutex
	n  uint64
}

func (c *syncCounter) Add(v uint64) { c.mu.Lock(); c.n += v; c.mu.Unlock() }

// children lists this process's child processes as "pid command".
func children(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Skipf("no /proc on this system: %v", err)
	}
	for _, task := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + task.Name() + "/children")
		if err != nil {
			continue
		}
		for _, pid := range strings.Fields(string(b)) {
			cmd, _ := os.ReadFile("/proc/" + pid + "/cmdline")
			out[pid] = string(bytes.ReplaceAll(cmd, []byte{0}, []byte{' '}))
		}
	}
	return out
}

func newChildren(before, now map[string]string) []string {
	var left []string
	for pid, cmd := range now {
		if _, ok := before[pid]; !ok && cmd != "" {
			left = append(left, pid+" "+cmd)
		}
	}
	return left
}
