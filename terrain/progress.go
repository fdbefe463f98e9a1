package terrain

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress shows how far the run is: on a terminal, one live line kept under
// godog's output; elsewhere (CI logs), a plain line every few seconds. godog's
// output and Romaine's own lines pass through it, so the progress line is only
// ever written between whole lines of theirs and never splits one.
type progress struct {
	mu      sync.Mutex
	dst     io.Writer // where the progress line goes
	live    bool
	every   time.Duration
	workers int
	// atLineStart: the last byte written through was a newline (or nothing was).
	atLineStart bool
	shown       bool // the live line is on screen and must be erased before a write
	due         bool // a plain line is owed, to be written at the next line end

	attempt, total, done, running, failed, flaky int
	start                                        time.Time
	predicted, donePredicted                     time.Duration
	stopTick                                     chan struct{}
	ticking                                      sync.WaitGroup
}

// newProgress makes the progress display for mode (auto, live, plain, off)
// writing to dst; nil when off.
func newProgress(mode string, dst io.Writer, workers int) *progress {
	mode = strings.ToLower(strings.TrimSpace(mode))
	if mode == "off" {
		return nil
	}
	live := mode == "live" || (mode == "auto" && isTerminal(dst))
	every := 5 * time.Second
	if live {
		every = time.Second
	}
	return &progress{dst: dst, live: live, every: every, workers: max(workers, 1), atLineStart: true, start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// through returns a writer that writes to w in turn with the progress line.
func (p *progress) through(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return writerFunc(func(b []byte) (int, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.erase()
		n, err := w.Write(b)
		if len(b) > 0 {
			p.atLineStart = b[len(b)-1] == '\n'
		}
		switch {
		case p.live && p.atLineStart:
			p.draw()
		case p.due && p.atLineStart:
			fmt.Fprintln(p.dst, p.line())
			p.due = false
		}
		return n, err
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

func (p *progress) erase() {
	if p.shown {
		fmt.Fprint(p.dst, "\r\x1b[K")
		p.shown = false
	}
}

func (p *progress) draw() {
	fmt.Fprint(p.dst, "\r\x1b[K"+p.line())
	p.shown = true
}

// line is the progress in words; mu is held.
func (p *progress) line() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "romaine: %d/%d done, %d running, %d failed, %d flaky, %s elapsed", p.done, p.total, p.running, p.failed, p.flaky, clock(time.Since(p.start)))
	if p.attempt > 1 {
		fmt.Fprintf(&b, " (attempt %d)", p.attempt)
	}
	if p.predicted > 0 {
		fmt.Fprintf(&b, ", eta ~%s", clock(max(p.predicted-p.donePredicted, 0)/time.Duration(p.workers)))
	}
	return b.String()
}

func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

func (p *progress) begin(attempt, total int, predicted time.Duration) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.attempt, p.total, p.done, p.running, p.failed = attempt, total, 0, 0, 0
	p.predicted, p.donePredicted = predicted, 0
}

func (p *progress) started() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.running++
}

func (p *progress) finished(failed bool, share time.Duration) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.running = max(p.running-1, 0)
	p.done++
	p.donePredicted += share
	if failed {
		p.failed++
	}
}

func (p *progress) setFlaky(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.flaky = n
}

// run shows the line until the returned stop is called; stop erases a live line.
func (p *progress) run() (stop func()) {
	if p == nil {
		return func() {}
	}
	p.mu.Lock()
	p.stopTick = make(chan struct{})
	done := p.stopTick
	p.mu.Unlock()
	p.ticking.Add(1)
	go func() {
		defer p.ticking.Done()
		t := time.NewTicker(p.every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				p.tick()
			}
		}
	}()
	return func() {
		close(done)
		p.ticking.Wait()
		p.mu.Lock()
		defer p.mu.Unlock()
		p.erase()
	}
}

// tick redraws the live line, or prints a plain one, between whole lines
// (a plain line owed in the middle of one waits for its end).
func (p *progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.atLineStart {
		p.due = !p.live
		return
	}
	if p.live {
		p.draw()
		return
	}
	fmt.Fprintln(p.dst, p.line())
}
