package terrain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/romaine-bdd/romaine/internal/ports"
)

// App is the system under test, given to WithApp: a HandlerApp (a Go handler
// served in this process, one per worker), a CommandApp (any program, one per
// worker) or a URLApp (one already running, shared by every worker).
type App interface {
	// start serves the app for w on the leased port and returns its base URL and
	// how to stop it. Unexported: the three kinds above cover every app, and the
	// port lease is the runner's business.
	start(ctx context.Context, w *Worker, port *ports.Lease) (baseURL string, stop func() error, err error)
}

// HandlerApp serves a Go http.Handler in this process, one per worker (so each
// worker has its own database, say).
type HandlerApp struct {
	// New makes the worker's handler; close (may be nil) is called when the worker stops.
	New func(w *Worker) (h http.Handler, close func() error, err error)
	// ResetPath is POSTed to before every scenario unless ROMAINE_APP_RESET says otherwise.
	ResetPath string
	// FactoryPath is where factories create records, with {model} for the
	// model's name ("/test/factories/{model}"), as in ROMAINE_FACTORY_PATH.
	// Deprecated spelling: a path without {model} is read as a fmt pattern with
	// %s for the model, as before; write {model} instead.
	FactoryPath string
}

// factoryPathFormat turns a factory path with {model} into the fmt pattern
// factories.HTTPStore takes; a path without {model} is already one (the
// deprecated %s spelling).
func factoryPathFormat(path string) string {
	if !strings.Contains(path, "{model}") {
		return path
	}
	return strings.ReplaceAll(strings.ReplaceAll(path, "%", "%%"), "{model}", "%s")
}

func (a HandlerApp) start(_ context.Context, w *Worker, port *ports.Lease) (string, func() error, error) {
	h, closeApp, err := a.New(w)
	if err != nil {
		return "", nil, fmt.Errorf("creating the app for worker %d: %w", w.Index, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ln := port.Listener()
	go func() { _ = srv.Serve(ln) }()
	stop := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := srv.Shutdown(ctx)
		if closeApp != nil {
			err = errors.Join(err, closeApp())
		}
		return err
	}
	return port.URL(), stop, nil
}

// CommandApp starts any program, in any language, per worker with `sh -c`. It
// gets PORT and ROMAINE_WORKER in its environment and must listen on
// 127.0.0.1:$PORT (or all interfaces).
type CommandApp struct {
	Command string // the shell command, as ROMAINE_APP_CMD
	// env adds to a worker's app's environment (coverage's folder).
	env func(w *Worker) ([]string, error)
}

func (a CommandApp) start(ctx context.Context, w *Worker, port *ports.Lease) (string, func() error, error) {
	port.Unbind()
	cmd := exec.Command("sh", "-c", appGuard, "romaine-app", a.Command)
	cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port.Port), "HOST="+port.Host, "ROMAINE_WORKER="+strconv.Itoa(w.Index))
	if w.TempDir != "" {
		cmd.Env = append(cmd.Env, "TMPDIR="+w.TempDir)
	}
	if a.env != nil {
		extra, err := a.env(w)
		if err != nil {
			return "", nil, fmt.Errorf("readying ROMAINE_APP_CMD %q: %w", a.Command, err)
		}
		cmd.Env = append(cmd.Env, extra...)
	}
	out := &tailBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = out, out
	// Its own process group, so stopping it stops whatever the shell started;
	// SIGUSR1 to the guard shell when this process dies, however it dies.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGUSR1}
	if err := startLocked(cmd); err != nil {
		return "", nil, fmt.Errorf("starting ROMAINE_APP_CMD %q: %w", a.Command, err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	w.appOutput = out
	w.appExited = exited
	w.appExitErr = func() error { return waitErr }
	stop := func() error {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(appStopGrace):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		return nil
	}
	return port.URL(), stop, nil
}

// appStopGrace is how long an app has to exit after SIGTERM before it is
// killed: time to finish its requests, and for a Go app built with -cover
// to write its coverage counters, which it does only as it exits.
const appStopGrace = 5 * time.Second

// appGuard is the shell that runs ROMAINE_APP_CMD ($1) and stays its parent.
// The kernel sends it SIGUSR1 when the runner dies (Pdeathsig), even by SIGKILL
// or a go test -timeout panic, and it then kills the app's whole process group:
// the app, and whatever it started (go run's binary, npm's node). Pdeathsig alone
// would reach only the shell, never its children. A SIGTERM (the runner stopping
// the app) goes to the whole group; the guard outlives it until the app exits,
// so that the runner waits for the app, and exits with the app's status.
//
// Not SIGHUP: a shell cannot trap a signal ignored when it started, and a run
// started under nohup (or by a CI agent that ignores hangups) passes SIGHUP on
// ignored, so the guard would outlive the runner and leave the app serving.
// Nothing that starts a run ignores SIGUSR1.
const appGuard = `trap 'kill -KILL 0' USR1
trap ':' TERM
sh -c "$1" &
app=$!
while :; do
  wait "$app"; status=$?
  kill -0 "$app" 2>/dev/null || exit "$status"
done`

// startLocked starts cmd from a thread that stays put: Pdeathsig fires when the
// thread that started the child ends, and Go may end an idle thread; a locked
// thread that is unlocked again is kept (see chromedp's allocate_linux.go).
func startLocked(cmd *exec.Cmd) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return cmd.Start()
}

// URLApp is an app someone else runs; every worker shares it.
type URLApp struct {
	URL string // the app's base URL, as ROMAINE_APP_URL
}

func (a URLApp) start(context.Context, *Worker, *ports.Lease) (string, func() error, error) {
	return a.URL, func() error { return nil }, nil
}

// waitReady polls url until it answers below 500, the app exits, or the start
// timeout passes.
func waitReady(ctx context.Context, w *Worker, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	last := "no answer yet"
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil { // validate checks ROMAINE_READY_PATH; an app's own base URL could still be wrong
			return &appError{Worker: w.Index, URL: url, Reason: fmt.Sprintf("the ready URL cannot be asked for (%v)", err), Output: w.appOutput.lastLines(), Command: w.appExited != nil}
		}
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
			last = "it answered " + resp.Status
		} else if ctx.Err() == nil { // a request cut by our own deadline says nothing new
			var op *net.OpError
			if errors.As(err, &op) {
				last = "connection refused"
			} else {
				last = err.Error()
			}
		}
		select {
		case <-w.appExited:
			return &appError{Worker: w.Index, URL: url, Reason: fmt.Sprintf("the app exited before it was ready (%s)", w.appExitStatus()), Output: w.appOutput.lastLines(), Command: true}
		case <-ctx.Done():
			return &appError{Worker: w.Index, URL: url, Reason: fmt.Sprintf("the app was not ready after %s (%s)", timeout, last), Output: w.appOutput.lastLines(), Timeout: true, Command: w.appExited != nil}
		case <-tick.C:
		}
	}
}

// appError says why a worker's app could not start.
type appError struct {
	Worker  int    // the worker's index
	URL     string // the ready URL polled
	Reason  string // what was seen: an exit, an error status, no answer
	Output  string // the app's last lines
	Timeout bool   // the start timeout passed (else the app exited)
	Command bool   // started by ROMAINE_APP_CMD (else an app Romaine does not start)
}

// Error says why the app did not come up, what to check, and its last lines.
func (e *appError) Error() string {
	msg := fmt.Sprintf("romaine: worker %d: %s, polling %s. ", e.Worker, e.Reason, e.URL)
	switch {
	case !e.Command:
		msg += "Check that the app at ROMAINE_APP_URL is up and that ROMAINE_READY_PATH names a page it serves without an error, or raise ROMAINE_START_TIMEOUT."
		return msg
	case e.Timeout:
		msg += "Check that the app listens on 127.0.0.1:$PORT and that ROMAINE_READY_PATH names a page it serves, or raise ROMAINE_START_TIMEOUT."
	default:
		msg += "Check ROMAINE_APP_CMD: it must start a server on $PORT and keep running."
	}
	return msg + showOutput(e.Output)
}

// showOutput presents an app's last lines after an error message.
func showOutput(lines string) string {
	if lines == "" {
		return " The app printed nothing."
	}
	return "\n--- the app's last lines ---\n" + lines
}

// outputLines is how much of an app's output an error shows: enough for a stack
// trace's top or a failed migration, not a screenful of request logs.
const outputLines, outputBytes = 20, 4 << 10

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

// lastLines is the end of what was written: at most outputLines lines and
// outputBytes bytes, marked when earlier output was left out.
func (t *tailBuffer) lastLines() string {
	all := strings.TrimRight(t.String(), "\n")
	cut := len(all) > outputBytes
	if cut {
		all = all[len(all)-outputBytes:]
	}
	if lines := strings.Split(all, "\n"); len(lines) > outputLines {
		all, cut = strings.Join(lines[len(lines)-outputLines:], "\n"), true
	}
	if cut {
		return "(earlier output left out)\n" + all
	}
	return all
}

func (t *tailBuffer) String() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
