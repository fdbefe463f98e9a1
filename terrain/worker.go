package terrain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/ports"
	"github.com/romaine-bdd/romaine/support"
)

// Worker is one lane of the run: a port, the app serving on it and a browser.
// Scenarios borrow a worker one at a time; N concurrent scenarios make at most N.
type Worker struct {
	Index   int    // its lane, 1, 2, ...: a worker started in place of a stopped one gets its index
	Port    int    // the app's port (0 for ROMAINE_APP_URL)
	BaseURL string // where the app answers
	// TempDir is the worker's own temporary folder (browser profile, the app's
	// TMPDIR): removed when the worker stops, and by the next run when this one
	// was killed before it could.
	TempDir string
	// Values is for worker hooks to keep what they made (a database name, a
	// logged-in token); only the worker's current scenario touches it.
	Values map[string]any

	// mu guards the parts a browser restart or an app restart replaces (in the
	// goroutine of the worker's scenario) while stop may run in another (Ctrl-C,
	// the end of the run): browser, pages, stopApp and stopped.
	mu sync.Mutex
	// browser is the worker's own; scenarios reach it through Scenario.Page.
	browser *chrome.Browser
	// pages hands each scenario its page: fresh, or the last one wiped (ROMAINE_ISOLATION).
	pages   *support.Pages
	stopApp func() error
	// stopped is set by stop: a restart under way then closes what it made.
	stopped bool

	lease      *ports.Lease
	appOutput  *tailBuffer
	appExited  <-chan struct{}
	appExitErr func() error
	// browserBroken is set when the browser crashed or hung during a scenario;
	// the worker starts a new one before its next scenario.
	browserBroken atomic.Bool
	// browserGen is the generation of the shared browser w is connected to
	// (ROMAINE_BROWSERS=shared); set only while w starts its browser.
	browserGen int
}

// parts is the worker's browser and pages as they are now.
func (w *Worker) parts() (*chrome.Browser, *support.Pages) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.browser, w.pages
}

// errWorkerStopped is what a restart finds when the worker was stopped under it.
var errWorkerStopped = errors.New("the worker was stopped (the run is stopping)")

// startWorker brings a worker up: port, app and browser (the app and the browser
// start side by side, each within ROMAINE_START_TIMEOUT), then the
// BeforeWorker hooks. ctx ends when the run stops.
func (s *Suite) startWorker(ctx context.Context, index int) (w *Worker, err error) {
	w = &Worker{Index: index, Values: map[string]any{}}
	defer func() {
		if err != nil {
			_ = w.stop(context.Background(), nil)
			w = nil
		}
	}()
	if w.TempDir, err = s.workerDir(index); err != nil {
		return w, err
	}
	if _, isURL := s.app.(URLApp); !isURL {
		port := 0
		if s.cfg.BasePort != 0 {
			port = s.cfg.BasePort + index - 1
		}
		lease, err := ports.TakeOn(s.cfg.AppHost, port)
		if err != nil {
			var busy *ports.BusyError
			if errors.As(err, &busy) {
				return w, &ConfigError{Setting: "ROMAINE_BASE_PORT", Message: fmt.Sprintf(
					"worker %d needs port %d (ROMAINE_BASE_PORT=%d plus %d) but %v. Choose another ROMAINE_BASE_PORT, stop what uses the port, or unset ROMAINE_BASE_PORT to let Romaine pick free ports.",
					index, busy.Port, s.cfg.BasePort, index-1, busy)}
			}
			return w, err
		}
		w.lease, w.Port = lease, lease.Port
	}

	var wg sync.WaitGroup
	var browser *chrome.Browser
	var browserErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		browser, browserErr = s.browserFor(ctx, w)
	}()
	base, stop, appErr := s.app.start(ctx, w, w.lease)
	w.mu.Lock()
	w.BaseURL, w.stopApp = base, stop
	w.mu.Unlock()
	if appErr == nil {
		appErr = waitReady(ctx, w, base+s.cfg.ReadyPath, s.cfg.StartTimeout)
	}
	wg.Wait()
	w.mu.Lock()
	w.browser = browser
	if browserErr == nil && appErr == nil {
		w.pages = s.newPages(w)
	}
	w.mu.Unlock()
	if appErr != nil {
		return w, appErr
	}
	if browserErr != nil {
		return w, browserErr
	}
	for _, h := range s.hooks.beforeWorker {
		if err := h(ctx, w); err != nil {
			return w, fmt.Errorf("before-worker hook of worker %d: %w", index, err)
		}
	}
	return w, nil
}

// stop ends the worker's browser and app and frees its port, running the
// AfterWorker hooks first. It stops everything it can even when a part fails.
// A browser that does not close its pages within closeLimit is hung: it is
// hung up on (killed, when it is ours) before they are closed.
// A worker stops once: a second stop (Ctrl-C racing a retirement) returns at once.
func (w *Worker) stop(ctx context.Context, after []WorkerHook) error {
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		return nil
	}
	w.stopped = true // from now on a restart closes what it makes
	w.mu.Unlock()
	var errs []error
	for _, h := range after {
		if err := h(ctx, w); err != nil {
			errs = append(errs, fmt.Errorf("after-worker hook of worker %d: %w", w.Index, err))
		}
	}
	w.mu.Lock()
	browser, pages, stopApp := w.browser, w.pages, w.stopApp
	w.browser, w.pages, w.stopApp = nil, nil, nil
	w.mu.Unlock()
	errs = append(errs, closeBrowser(browser, pages))
	if stopApp != nil {
		errs = append(errs, stopApp())
	}
	if w.lease != nil {
		w.lease.Release()
	}
	if w.TempDir != "" {
		errs = append(errs, os.RemoveAll(w.TempDir))
	}
	return errors.Join(errs...)
}

// closeBrowser closes pages, then browser (either may be nil). A browser that
// does not close its pages within closeLimit is hung: killed (hung up on,
// when it is not ours), which ends the wait at once.
func closeBrowser(browser *chrome.Browser, pages *support.Pages) error {
	var errs []error
	if pages != nil {
		err, inTime := within(closeLimit, pages.Close)
		if !inTime && browser != nil {
			browser.Kill()
		}
		errs = append(errs, err)
	}
	if browser != nil {
		errs = append(errs, browser.Close())
	}
	return errors.Join(errs...)
}

// closeLimit is how long a worker's pages may take to close when it stops.
const closeLimit = 5 * time.Second

// launchBrowser starts a browser for w, its profile in the worker's folder,
// within ROMAINE_START_TIMEOUT.
func (s *Suite) launchBrowser(ctx context.Context, w *Worker) (*chrome.Browser, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.StartTimeout)
	defer cancel()
	b, err := chrome.Launch(ctx, chrome.Options{Bin: s.cfg.Browser, Headful: s.cfg.Headful, TempDir: w.TempDir, Log: s.logOnce})
	if err != nil {
		return nil, browserError(s.cfg, err)
	}
	return b, nil
}

func (s *Suite) newPages(w *Worker) *support.Pages {
	return support.NewPages(s.runCtx, w.browser.Rod(), support.PageOptions{
		BaseURL: w.BaseURL,
		Policy:  support.Policy{Timeout: s.cfg.Timeout, Slice: support.DefaultPolicy().Slice, Navigation: s.cfg.NavigationTimeout},
	}, support.Isolation(s.cfg.Isolation))
}

// browserError turns a missing or broken browser into the paragraph a newcomer needs.
func browserError(cfg Config, err error) error {
	var nf *chrome.NotFoundError
	if errors.As(err, &nf) {
		if nf.Bin != "" {
			return &ConfigError{Setting: "ROMAINE_BROWSER", Message: fmt.Sprintf(
				"ROMAINE_BROWSER=%q is not an executable file. Set ROMAINE_BROWSER to the path of Chrome or Chromium (e.g. /usr/bin/chromium), or unset it to let Romaine look for one.", nf.Bin)}
		}
		return &ConfigError{Setting: "ROMAINE_BROWSER", Message: nf.Error() + ". Install Chromium (Debian/Ubuntu: apt-get install -y chromium; macOS: install Google Chrome) or set ROMAINE_BROWSER to the path of a Chrome or Chromium executable. Romaine never downloads a browser."}
	}
	bin := cfg.Browser
	if bin == "" {
		bin, _ = chrome.Find("")
	}
	return fmt.Errorf("romaine: starting the browser %s (ROMAINE_BROWSER to choose another): %w", bin, err)
}
