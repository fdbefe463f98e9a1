package terrain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// pool hands workers to scenarios. A scenario takes a free worker; a new one is
// started only when none is free, so the number of workers never exceeds the
// number of scenarios running at once. A start that fails is tried once more; a
// worker that fails twice makes every later request fail at once, with a short
// error that points at the full one, rather than each scenario waiting for the
// same failure again and printing the app's output again.
type pool struct {
	mu      sync.Mutex
	free    []*Worker
	all     []*Worker
	next    int
	started int
	broken  error
	closed  bool
	// closing stops the workers once; a second close (Ctrl-C racing the end of
	// the run) waits for the first to finish.
	closing  sync.Once
	closeErr error
	starter  func(ctx context.Context, index int) (*Worker, error)
	// warn prints a line for the person running the suite.
	warn func(format string, args ...any)
}

// startAttempts is how often a worker's start is tried: one retry absorbs a
// passing hiccup (a slow first start on a loaded machine, a port taken at the
// wrong moment) without hiding an app that cannot start at all.
const startAttempts = 2

func (p *pool) acquire(ctx context.Context) (*Worker, error) {
	p.mu.Lock()
	if p.broken != nil {
		p.mu.Unlock()
		return nil, brokenAgain(p.broken)
	}
	if p.closed {
		p.mu.Unlock()
		return nil, errors.New("romaine: the run is stopping; no new scenarios start")
	}
	if n := len(p.free); n > 0 {
		w := p.free[n-1]
		p.free = p.free[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.next++
	index := p.next
	p.mu.Unlock()

	w, err := p.starter(ctx, index)
	var ce *ConfigError
	for attempt := 2; err != nil && attempt <= startAttempts && ctx.Err() == nil && !errors.As(err, &ce) && !p.isClosed(); attempt++ {
		if p.warn != nil {
			p.warn("romaine: worker %d did not start (%s); trying again\n", index, headline(err))
		}
		w, err = p.starter(ctx, index)
	}
	p.mu.Lock()
	if err != nil {
		first := p.broken == nil
		if first {
			p.broken = err
		}
		p.mu.Unlock()
		if !first {
			return nil, brokenAgain(err)
		}
		return nil, err
	}
	if p.closed {
		// The run stopped while this worker started: nobody else will stop it.
		p.mu.Unlock()
		_ = w.stop(context.Background(), nil)
		return nil, errors.New("romaine: the run is stopping; no new scenarios start")
	}
	p.all = append(p.all, w)
	p.started++
	p.mu.Unlock()
	return w, nil
}

func (p *pool) release(w *Worker) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if slices.Contains(p.all, w) { // not retired, nor stopped with the run
		p.free = append(p.free, w)
	}
}

// retire stops w, which could not be mended, and forgets it; a later request
// starts a fresh worker in its place.
func (p *pool) retire(w *Worker) {
	p.mu.Lock()
	p.all = slices.DeleteFunc(p.all, func(x *Worker) bool { return x == w })
	p.mu.Unlock()
	_ = w.stop(context.Background(), nil)
}

func (p *pool) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

// brokenAgain is the error of every scenario after the first that found no
// worker: the full one (with the app's last lines) was given once.
func brokenAgain(err error) error {
	return fmt.Errorf("romaine: no worker could start: %s (the full error, with the app's last lines, is on the first scenario that failed this way)", headline(err))
}

// headline is the first line of err, without the romaine: prefix.
func headline(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	line = strings.TrimPrefix(line, "romaine: ")
	if len(line) > 300 {
		line = line[:300] + "..."
	}
	return line
}

// close stops every worker that was started, in parallel, once; later calls
// wait for it and return the same result.
func (p *pool) close(ctx context.Context, after []WorkerHook) error {
	p.closing.Do(func() { p.closeErr = p.stopAll(ctx, after) })
	return p.closeErr
}

func (p *pool) stopAll(ctx context.Context, after []WorkerHook) error {
	p.mu.Lock()
	p.closed = true
	all := p.all
	p.all, p.free = nil, nil
	p.mu.Unlock()
	errs := make([]error, len(all))
	var wg sync.WaitGroup
	for i, w := range all {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = w.stop(ctx, after) }()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// size is how many workers are running; started, how many ever started.
func (p *pool) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.all)
}

func (p *pool) startedCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.started
}
