// Package chrome starts, finds and connects to the browser Romaine drives: the
// Chrome or Chromium process, a remote one at a DevTools endpoint, and the CDP
// connection to it (which sends a mouse press and its release back to back).
// It is internal: terrain uses it to give each worker a browser; a domain step
// never needs it, it drives pages through support.
package chrome

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
)

// Options says which browser to start and how.
type Options struct {
	// Bin is the Chrome or Chromium executable; "" looks for one on this machine.
	// rod's own browser download is never used: CI machines have no internet.
	Bin string
	// Headful shows the window (for debugging on a desktop).
	Headful bool
	// TempDir is where the browser's profile folder is made; "" is the system's.
	TempDir string
	// Log, when set, is told about choices worth knowing (running without the
	// sandbox).
	Log func(msg string)
	// SiteIsolation runs cross-origin frames in processes of their own, as
	// desktop Chrome does (rod turns it off by default). Frames work either way.
	SiteIsolation bool
}

// NotFoundError says that no usable browser executable was found.
type NotFoundError struct {
	Bin    string   // the configured path that did not work, or ""
	Looked []string // what was looked for when none was configured
}

// Error says where the browser was looked for and how to point at one.
func (e *NotFoundError) Error() string {
	if e.Bin != "" {
		return fmt.Sprintf("browser %q is not an executable file", e.Bin)
	}
	return "no Chrome or Chromium found (looked for " + strings.Join(e.Looked, ", ") + ")"
}

// Find returns the path of the browser to start: bin when given, otherwise
// the first Chrome or Chromium rod knows of on this machine.
func Find(bin string) (string, error) {
	if bin != "" {
		p, err := exec.LookPath(bin)
		if err != nil {
			return "", &NotFoundError{Bin: bin}
		}
		return p, nil
	}
	if p, ok := launcher.LookPath(); ok {
		return p, nil
	}
	return "", &NotFoundError{Looked: []string{"chromium", "chromium-browser", "google-chrome", "chrome", "microsoft-edge", "/usr/bin/chromium", "/snap/bin/chromium"}}
}

// Browser is a started browser and what it takes to stop it: the process we
// launched, or only our connection to a remote one (Connect).
type Browser struct {
	rod     *rod.Browser
	process *process // the browser we started; nil for a remote one
	conn    *wire    // our connection to it, launched or remote
	remote  bool     // someone else's browser: Close and Kill only hang up
	// ControlURL is the DevTools WebSocket URL the browser is driven through.
	ControlURL string
}

// Launch starts a headless browser with a fresh profile. The flags suit a
// CI container on a closed network: no sandbox when root (Chrome refuses to start
// otherwise), no background traffic to Google's services. ctx bounds the start:
// a browser that has not opened DevTools and answered over it by ctx's
// deadline is killed, and the error says so.
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	bin, err := Find(opts.Bin)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(opts.TempDir, "romaine-chrome-")
	if err != nil {
		return nil, fmt.Errorf("creating the browser's profile folder: %w", err)
	}
	// rod's launcher is used for its flags (Chrome's for automation), not to
	// start the browser (see process). DevTools listens on loopback only:
	// nothing else on the network may drive it.
	l := launcher.New().Bin(bin).UserDataDir(dir).Headless(!opts.Headful).
		Set("remote-debugging-address", "127.0.0.1").Set("disable-gpu").Set("disable-quic").Set("disable-component-update").
		Set("disable-background-networking").Set("disable-sync").Set("no-first-run").
		Set("window-size", "1280,900")
	if why := noSandboxReason(); why != "" {
		l = l.NoSandbox(true)
		if opts.Log != nil {
			opts.Log("romaine: Chrome runs with --no-sandbox (" + why + ")")
		}
	}
	if opts.SiteIsolation {
		l = l.Delete("disable-site-isolation-trials").Set("disable-features", "TranslateUI").Set("site-per-process")
	}
	var proc *process
	fail := func(what string, err error) (*Browser, error) {
		if proc != nil {
			proc.kill()
			proc.wait(closeGrace)
		}
		_ = os.RemoveAll(dir)
		if ctx.Err() != nil {
			err = startError(ctx, err)
		}
		return nil, fmt.Errorf("%s %s: %w", what, bin, err)
	}
	proc, u, err := startProcess(ctx, bin, l.FormatArgs(), dir)
	if err != nil {
		return fail("starting", err)
	}
	w, err := dialWire(ctx, u)
	if err != nil {
		return fail("connecting to", fmt.Errorf("at %s: %w", u, err))
	}
	b, err := connectRod(ctx, w)
	if err != nil {
		w.hangUp()
		return fail("connecting to", fmt.Errorf("at %s: %w", u, err))
	}
	return &Browser{rod: b, process: proc, conn: w, ControlURL: u}, nil
}

// startError says why a start ran out of time or was cut short.
func startError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("it did not open DevTools and answer over it within its start limit (ROMAINE_START_TIMEOUT); it was killed (%w)", err)
	}
	return fmt.Errorf("the start was cut short (the run is stopping): %w", err)
}

// connectRod drives the browser over w. rod's Connect makes one call on the
// browser's own context, which also outlives it (it carries the browser's
// events): that one call gets the ceiling on purpose, and the browser gets
// ctx's values without its deadline afterwards, unmarked, so that a call on
// it without a deadline is counted.
func connectRod(ctx context.Context, w *wire) (*rod.Browser, error) {
	life := context.WithoutCancel(ctx)
	b := rod.New().Context(WithCallLimit(life, callCeiling)).Client(w)
	if err := b.Connect(); err != nil {
		return nil, err
	}
	return b.Context(life), nil
}

// Rod is the rod browser to make pages of (support.NewPage, support.NewPages).
func (b *Browser) Rod() *rod.Browser { return b.rod }

// Close ends the browser process and removes its profile. It asks Chrome to quit
// over CDP (instant) and kills the process group only if that did not work.
// For a browser Romaine did not launch (Connect) it only hangs up.
func (b *Browser) Close() error {
	if b.remote {
		b.conn.hangUp() // someone else's browser, shared by other workers
		return nil
	}
	// A browser that hangs (stopped, frozen) must not hang the run: the kill below ends it.
	err := b.rod.Timeout(closeGrace).Close()
	if !b.process.wait(closeGrace) {
		b.Kill()
		b.process.wait(closeGrace)
	}
	b.conn.hangUp()
	if err != nil && !errors.Is(err, ErrClosed) && !errors.Is(err, context.DeadlineExceeded) {
		return errors.Join(fmt.Errorf("closing the browser: %w", err), b.process.remove())
	}
	return b.process.remove()
}

// closeGrace is how long a browser may take to quit when asked before it is killed.
const closeGrace = 5 * time.Second

// PID is the browser's process id (the leader of its process group).
// 0 for a remote browser, which is not ours to kill.
func (b *Browser) PID() int {
	if b.process == nil {
		return 0
	}
	return b.process.pid()
}

// Kill ends our use of a browser that crashed or stopped answering, at once,
// without asking: every call on it fails with ErrClosed from then on. A
// browser Romaine launched is killed with its helper processes (Close still
// removes the profile); for one it did not (Connect) the connection is closed:
// hanging up is all that is ours to do, and it ends every wait on it.
func (b *Browser) Kill() {
	if b.process != nil {
		b.process.kill()
	}
	b.conn.hangUp()
}

// ProcessesMentioning lists the live processes (zombies are not: they serve
// nothing) whose command line contains s, from /proc (none without it).
func ProcessesMentioning(s string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if strings.Contains(string(cmdline), s) && Alive(pid) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// Alive reports whether pid is a running process, not a zombie.
func Alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}

// noSandboxReason says why Chrome must run without its sandbox ("" when it need
// not): as root Chrome refuses to start with it, and in a container the
// kernel features it needs are usually missing.
func noSandboxReason() string {
	if os.Geteuid() == 0 {
		return "running as root, where Chrome refuses its sandbox"
	}
	for _, f := range []string{"/.dockerenv", "/run/.containerenv"} {
		if _, err := os.Stat(f); err == nil {
			return "running in a container (" + f + "), where the sandbox's kernel features are usually missing"
		}
	}
	return ""
}
