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
// worker that fails twice is remembered (broken): a scenario that then finds
// no worker free waits for a running one, or, when none runs, fails at once
// with a short error that points at the full one, rather than each scenario
// waiting for the same failure again and printing the app's output again.
//
// A worker's index is its lane: the lowest one not in use, so a worker started
// in place of one that was retired or failed to start gets that index back,
// and its port (ROMAINE_BASE_PORT plus index minus 1) stays in the range the
// configuration was checked for.
type pool struct {
	mu      sync.Mutex
	free    []*Worker
	all     []*Worker
	lanes   map[int]bool // indexes in use: running workers and starts under way
	started int
	broken  error
	closed  bool
	// changed is closed (and replaced) whenever a worker is freed or retired,
	// a start ends, or the pool closes: what a scenario waiting for a worker waits on.
	changed chan struct{}
	// ctx bounds every start; close cancels it, so a start under way at
	// Ctrl-C ends at once.
	ctx    context.Context
	cancel context.CancelFunc
	// closing stops the workers once; a second close (Ctrl-C racing the end of
	// the run) waits for the first to finish.
	closing  sync.Once
	closeErr error
	starter  func(ctx context.Context, index int) (*Worker, error)
	// warn prints a line for the person running the suite.
	warn func(format string, args ...any)
}

func newPool(starter func(ctx context.Context, index int) (*Worker, error), warn func(format string, args ...any)) *pool {
	ctx, cancel := context.WithCancel(context.Background())
	return &pool{lanes: map[int]bool{}, changed: make(chan struct{}), ctx: ctx, cancel: cancel, starter: starter, warn: warn}
}

// startAttempts is how often a worker's start is tried: one retry absorbs a
// passing hiccup (a slow first start on a loaded machine, a port taken at the
// wrong moment) without hiding an app that cannot start at all.
const startAttempts = 2

// errStopping is what a scenario gets that asks for a worker once the run is stopping.
var errStopping = errors.New("romaine: the run is stopping; no new scenarios start")

func (p *pool) acquire(ctx context.Context) (*Worker, error) {
	for {
		p.mu.Lock()
		switch {
		case p.closed:
			p.mu.Unlock()
			return nil, errStopping
		case len(p.free) > 0:
			w := p.free[len(p.free)-1]
			p.free = p.free[:len(p.free)-1]
			p.mu.Unlock()
			return w, nil
		case p.broken != nil && len(p.lanes) == 0:
			err := p.broken
			p.mu.Unlock()
			return nil, brokenAgain(err)
		case p.broken != nil:
			// Starting another would fail as the last did: wait for a running one.
			changed := p.changed
			p.mu.Unlock()
			select {
			case <-changed:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		index := 1
		for p.lanes[index] {
			index++
		}
		p.lanes[index] = true
		p.mu.Unlock()
		return p.start(ctx, index)
	}
}

// start starts the worker of lane index, trying twice.
func (p *pool) start(ctx context.Context, index int) (*Worker, error) {
	w, err := p.starter(p.ctx, index)
	var ce *ConfigError
	for attempt := 2; err != nil && attempt <= startAttempts && ctx.Err() == nil && !errors.As(err, &ce) && p.ctx.Err() == nil; attempt++ {
		if p.warn != nil {
			p.warn("romaine: worker %d did not start (%s); trying again\n", index, headline(err))
		}
		w, err = p.starter(p.ctx, index)
	}
	p.mu.Lock()
	p.wake()
	if err != nil {
		delete(p.lanes, index)
		closed, first := p.closed, p.broken == nil
		if !closed && first {
			p.broken = err
		}
		p.mu.Unlock()
		switch {
		case closed:
			return nil, errStopping
		case !first:
			return nil, brokenAgain(err)
		}
		return nil, err
	}
	if p.closed {
		// The run stopped while this worker started: nobody else will stop it.
		delete(p.lanes, index)
		p.mu.Unlock()
		_ = w.stop(context.Background(), nil)
		return nil, errStopping
	}
	p.all = append(p.all, w)
	p.started++
	p.mu.Unlock()
	return w, nil
}

// wake wakes the scenarios waiting for a worker; p.mu must be held.
func (p *pool) wake() {
	close(p.changed)
	p.changed = make(chan struct{})
}

func (p *pool) release(w *Worker) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if slices.Contains(p.all, w) { // not retired, nor stopped with the run
		p.free = append(p.free, w)
		p.wake()
	}
}

// retire stops w, which could not be mended, and forgets it; a later request
// starts a fresh worker in its place, on its lane.
func (p *pool) retire(w *Worker) {
	p.mu.Lock()
	p.all = slices.DeleteFunc(p.all, func(x *Worker) bool { return x == w })
	p.mu.Unlock()
	_ = w.stop(context.Background(), nil)
	p.mu.Lock()
	delete(p.lanes, w.Index)
	p.wake()
	p.mu.Unlock()
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

// close stops every worker that was started, in parallel, once, and ends the
// starts under way; later calls wait for it and return the same result.
func (p *pool) close(ctx context.Context, after []WorkerHook) error {
	p.closing.Do(func() { p.closeErr = p.stopAll(ctx, after) })
	return p.closeErr
}

func (p *pool) stopAll(ctx context.Context, after []WorkerHook) error {
	p.mu.Lock()
	p.closed = true
	all := p.all
	p.all, p.free = nil, nil
	p.wake()
	p.mu.Unlock()
	p.cancel()
	errs := make([]error, len(all))
	var wg sync.WaitGroup
	for i, w := range all {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = w.stop(ctx, after) }()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// killBrowsers kills every running worker's browser (hangs up on one that is
// not ours), at once: the steps running on them end now, with the
// connection's error, rather than when each browser has been asked to close.
func (p *pool) killBrowsers() {
	p.mu.Lock()
	all := slices.Clone(p.all)
	p.mu.Unlock()
	for _, w := range all {
		if b, _ := w.parts(); b != nil {
			b.Kill()
		}
	}
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
