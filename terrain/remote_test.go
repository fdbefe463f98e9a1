package terrain_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/steps"
	"github.com/romaine-bdd/romaine/terrain"
)

// startChromium starts Chromium as a separate process with a DevTools port of
// its own choosing, as a Chrome container does, and returns its port and
// browser WebSocket URL (read from the line it prints when listening).
func startChromium(t *testing.T) (port, wsURL string) {
	t.Helper()
	bin, err := chrome.Find(os.Getenv("ROMAINE_BROWSER"))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless=new", "--remote-debugging-port=0", "--user-data-dir=" + t.TempDir(), "--disable-gpu", "--no-first-run", "about:blank"}
	if os.Geteuid() == 0 {
		args = append(args, "--no-sandbox")
	}
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
	listening := regexp.MustCompile(`DevTools listening on (ws://[^:]+:(\d+)/\S+)`)
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			go func() { // keep draining, so Chromium never blocks on a full pipe
				for sc.Scan() {
				}
			}()
			return m[2], m[1]
		}
	}
	t.Fatalf("Chromium exited without saying where DevTools listens: %v", sc.Err())
	return "", ""
}

// TestRemoteBrowserAndAppHost runs features in a Chromium this test started
// (one worker through http://localhost:PORT, resolved by /json/version, the
// other through its ws:// URL), with the app servers bound on 127.0.0.2.
// ROMAINE_BROWSER names no browser, so a launched one could not pass.
func TestRemoteBrowserAndAppHost(t *testing.T) {
	if l, err := net.Listen("tcp", "127.0.0.2:0"); err != nil {
		t.Skipf("this machine has no 127.0.0.2 loopback address: %v", err)
	} else {
		l.Close()
	}
	port, wsURL := startChromium(t)
	for _, k := range []string{"ROMAINE_APP_CMD", "ROMAINE_APP_URL", "ROMAINE_READY_PATH", "ROMAINE_APP_RESET", "ROMAINE_TIMEOUT",
		"ROMAINE_BASE_PORT", "ROMAINE_HEADFUL", "ROMAINE_TAGS", "ROMAINE_FACTORY_PATH", "ROMAINE_REPORTS"} {
		t.Setenv(k, "")
	}
	t.Setenv("ROMAINE_FEATURES", "testdata/features/remote.feature")
	t.Setenv("ROMAINE_FORMAT", "progress")
	t.Setenv("ROMAINE_ARTIFACTS", t.TempDir())
	t.Setenv("ROMAINE_WORKERS", "2")
	t.Setenv("ROMAINE_BROWSER", "/nonexistent/chrome")
	t.Setenv("ROMAINE_BROWSER_URL", "http://localhost:"+port+", "+wsURL)
	t.Setenv("ROMAINE_APP_HOST", "127.0.0.2")
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := r.Context().Value(http.LocalAddrContextKey).(net.Addr).String()
		fmt.Fprintf(w, `<!DOCTYPE html><p>served on %s</p><button onclick="this.nextSibling.textContent='clicked 1'">Count</button><span></span>`, addr)
	})
	var out lockedbuf.Buffer
	s := terrain.New(terrain.WithSteps(steps.Register), terrain.WithOutput(&out),
		terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) { return page, nil, nil }}))
	if status := s.Run(); status != 0 {
		t.Fatalf("status %d:\n%s", status, out.String())
	}
	if terrain.WorkersStarted(s) != 2 {
		t.Errorf("want both endpoints used by a worker each, %d workers started", terrain.WorkersStarted(s))
	}
}

// A run whose browser endpoint is down stops before any app starts, naming it.
func TestRemoteBrowserDownStopsTheRun(t *testing.T) {
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	down := "http://" + closed.Addr().String()
	closed.Close()
	t.Setenv("ROMAINE_BROWSER_URL", down)
	status, out, s := run(t, map[string]string{"ROMAINE_APP_CMD": "exit 1"}, nil)
	if status != 2 || terrain.WorkersStarted(s) != 0 || !strings.Contains(out, "romaine: configuration: ROMAINE_BROWSER_URL: browser endpoint "+down+": unreachable") {
		t.Fatalf("want status 2, no worker and the endpoint named; got %d, %d workers:\n%s", status, terrain.WorkersStarted(s), out)
	}
}

// In a farm, an endpoint that is down is said so and skipped: the run goes on
// with the others. An app host the apps cannot bind on stops the run at once.
func TestRemoteFarmSkipsADeadEndpoint(t *testing.T) {
	port, _ := startChromium(t)
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	down := "http://" + closed.Addr().String()
	closed.Close()
	deadWS := "ws" + strings.TrimPrefix(down, "http") + "/devtools/browser/gone"
	t.Setenv("ROMAINE_BROWSER_URL", deadWS+","+down+",http://127.0.0.1:"+port)
	t.Setenv("ROMAINE_BROWSER", "/nonexistent/chrome")
	status, out, _ := run(t, map[string]string{"ROMAINE_APP_CMD": staticSite(t), "ROMAINE_WORKERS": "2"}, nil)
	// Both are found down before the run: the ws:// one by a connection to its port.
	if status != 0 || !strings.Contains(out, "romaine: ROMAINE_BROWSER_URL: browser endpoint "+deadWS+": unreachable") ||
		!strings.Contains(out, "browser endpoint "+down+": unreachable") {
		t.Fatalf("want the run to pass on the live endpoint and name the dead ones; status %d:\n%s", status, out)
	}

	t.Setenv("ROMAINE_APP_HOST", "0.0.0.0")
	app := map[string]string{"ROMAINE_APP_CMD": staticSite(t)}
	if status, out, _ := run(t, app, nil); status != 2 || !strings.Contains(out, "ROMAINE_APP_HOST=0.0.0.0: the browser must reach the apps at this name") {
		t.Errorf("ROMAINE_APP_HOST=0.0.0.0: want status 2 and why; got %d:\n%s", status, out)
	}
	t.Setenv("ROMAINE_APP_HOST", "no-such-host.invalid")
	if status, out, _ := run(t, app, nil); status != 2 || !strings.Contains(out, `ROMAINE_APP_HOST="no-such-host.invalid": the app servers cannot listen there`) {
		t.Errorf("an unresolvable ROMAINE_APP_HOST: want status 2 and why; got %d:\n%s", status, out)
	}
}
