package terrain

import (
	"context"
	"errors"
	"sync"
)

// pool hands workers to scenarios. A scenario takes a free worker; a new one is
// started only when none is free, so the number of workers never exceeds the
// number of scenarios running at once. A worker that failed to start makes every
// later request fail at once with the same error, rather than each scenario
// waiting for the same failure again.
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
}

func (p *pool) acquire(ctx context.Context) (*Worker, error) {
	p.mu.Lock()
	if p.broken != nil {
		p.mu.Unlock()
		return nil, p.broken
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
	p.mu.Lock()
	if err != nil {
		if p.broken == nil {
			p.broken = err
		}
		p.mu.Unlock()
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
	p.free = append(p.free, w)
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
