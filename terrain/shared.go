package terrain

import (
	"context"
	"sync"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// sharedBrowser is the one browser all workers use under ROMAINE_BROWSERS=shared:
// each worker drives it over a DevTools connection of its own (so it reads
// only its own pages' events) and each scenario has a browser context of its
// own. One browser process, one GPU process and one network process serve
// every worker, instead of a set per worker.
//
// A crash or hang fails the scenarios running on it (each worker's diagnosis
// finds it gone); the first worker to mend replaces it, and the others connect
// to the replacement: generations tell a broken browser from its successor.
type sharedBrowser struct {
	mu  sync.Mutex
	b   *chrome.Browser
	gen int // counts launches; a worker remembers the one it connected to
}

// connect gives w a connection to the shared browser, launching it first
// (within ROMAINE_START_TIMEOUT) when there is none.
func (sb *sharedBrowser) connect(ctx context.Context, s *Suite, w *Worker) (*chrome.Browser, error) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if sb.b == nil {
		lctx, cancel := context.WithTimeout(ctx, s.cfg.StartTimeout)
		b, err := chrome.Launch(lctx, chrome.Options{Bin: s.cfg.Browser, Headful: s.cfg.Headful, TempDir: s.runDir, Log: s.logOnce})
		cancel()
		if err != nil {
			return nil, browserError(s.cfg, err)
		}
		sb.b = b
		sb.gen++
	}
	c, err := chrome.Connect(ctx, sb.b.ControlURL, remoteTimeout)
	if err != nil {
		return nil, err
	}
	w.browserGen = sb.gen
	return c, nil
}

// broken ends the shared browser when it is still the one of generation gen,
// which a worker found crashed or hung; a later one is left alone.
func (sb *sharedBrowser) broken(gen int) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if sb.b != nil && sb.gen == gen {
		sb.b.Kill()
		_ = sb.b.Close()
		sb.b = nil
	}
}

// kill kills the shared browser at once (Ctrl-C); close still removes its profile.
func (sb *sharedBrowser) kill() {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if sb.b != nil {
		sb.b.Kill()
	}
}

// close ends the shared browser, after every worker has hung up.
func (sb *sharedBrowser) close() error {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if sb.b == nil {
		return nil
	}
	err := sb.b.Close()
	sb.b = nil
	return err
}
