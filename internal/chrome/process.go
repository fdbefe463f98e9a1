package chrome

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a browser Romaine started: its own process group (a kill
// reaches its helpers), killed by the kernel when this process dies however
// it dies (Pdeathsig, as chromedp does), and bounded while it starts. It was
// rod's launcher, whose start could not be cut short at once (a kill on it
// sleeps a second first) and whose guard left browsers behind.
type process struct {
	cmd     *exec.Cmd
	exited  chan struct{} // closed once the browser has exited and been waited for
	profile string
}

// devToolsLine is what Chrome prints on stderr once DevTools listens.
var devToolsLine = regexp.MustCompile(`DevTools listening on (ws://\S+)`)

// startProcess runs bin with args and waits, within ctx, for its DevTools
// URL. A browser that exits, or does not open DevTools by ctx's end, is
// killed with its helpers; the error says what it printed last.
func startProcess(ctx context.Context, bin string, args []string, profile string) (*process, string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, "", err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr, cmd.Stdout = w, nil
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	// Pdeathsig fires when the thread that started the browser exits; Go
	// ends a thread only when a goroutine locked to it returns, which no
	// caller of Launch does.
	err = cmd.Start()
	w.Close() // the browser holds its own copy
	if err != nil {
		r.Close()
		return nil, "", err
	}
	p := &process{cmd: cmd, exited: make(chan struct{}), profile: profile}
	go func() { _ = cmd.Wait(); close(p.exited) }()
	found := make(chan string, 1)
	var mu sync.Mutex
	var last []string
	go func() {
		defer r.Close()
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := devToolsLine.FindStringSubmatch(line); m != nil {
				select {
				case found <- m[1]:
				default:
				}
				continue
			}
			mu.Lock()
			if last = append(last, line); len(last) > 10 {
				last = last[1:]
			}
			mu.Unlock()
		}
	}()
	printed := func() string {
		mu.Lock()
		defer mu.Unlock()
		if len(last) == 0 {
			return "it printed nothing"
		}
		return "it printed: " + strings.Join(last, " | ")
	}
	select {
	case u := <-found:
		return p, u, nil
	case <-p.exited:
		return nil, "", fmt.Errorf("it exited before it opened DevTools (%s; %s)", p.cmd.ProcessState, printed())
	case <-ctx.Done():
		p.kill()
		p.wait(closeGrace)
		return nil, "", fmt.Errorf("%w; %s", ctx.Err(), printed())
	}
}

func (p *process) pid() int { return p.cmd.Process.Pid }

// kill ends the browser and its helpers at once.
func (p *process) kill() {
	_ = syscall.Kill(-p.pid(), syscall.SIGKILL)
	_ = syscall.Kill(p.pid(), syscall.SIGKILL)
}

// wait waits at most d for the browser to exit, and says whether it did.
func (p *process) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-p.exited:
		return true
	case <-t.C:
		return false
	}
}

// remove removes the browser's profile, once it has exited.
func (p *process) remove() error {
	if err := os.RemoveAll(p.profile); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing the browser's profile: %w", err)
	}
	return nil
}
