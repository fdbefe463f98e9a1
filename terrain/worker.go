package terrain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/ports"
	"github.com/romaine-bdd/romaine/support"
)

// Worker is one lane of the run: a port, the app serving on it and a browser.
// Scenarios borrow a worker one at a time; N concurrent scenarios make at most N.
type Worker struct {
	Index   int    // 1, 2, ... in order of creation
	Port    int    // the app's port (0 for ROMAINE_APP_URL)
	BaseURL string // where the app answers
	// TempDir is the worker's own temporary folder (browser profile, the app's
	// TMPDIR): removed when the worker stops, and by the next run when this one
	// was killed before it could.
	TempDir string
	// browser is the worker's own; scenarios reach it through Scenario.Page.
	browser *chrome.Browser
	// pages hands each scenario its page: fresh, or the last one wiped (ROMAINE_ISOLATION).
	pages *support.Pages

	// Values is for worker hooks to keep what they made (a database name, a
	// logged-in token); only the worker's current scenario touches it.
	Values map[string]any

	lease      *ports.Lease
	stopApp    func() error
	appOutput  *tailBuffer
	appExited  <-chan struct{}
	appExitErr func() error
	// browserBroken is set when the browser crashed or hung during a scenario;
	// the worker starts a new one before its next scenario.
	browserBroken bool
	// browserGen is the generation of the shared browser w is connected to
	// (ROMAINE_BROWSERS=shared).
	browserGen int
}

// startWorker brings a worker up: port, app and browser (the app and the browser
// start side by side), then the BeforeWorker hooks.
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
	var browserErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.browser, browserErr = s.browserFor(w)
	}()
	base, stop, appErr := s.app.start(ctx, w, w.lease)
	w.BaseURL, w.stopApp = base, stop
	if appErr == nil {
		appErr = waitReady(ctx, w, base+s.cfg.ReadyPath, s.cfg.StartTimeout)
	}
	wg.Wait()
	if appErr != nil {
		return w, appErr
	}
	if browserErr != nil {
		return w, browserErr
	}
	w.pages = s.newPages(w)
	for _, h := range s.hooks.beforeWorker {
		if err := h(ctx, w); err != nil {
			return w, fmt.Errorf("before-worker hook of worker %d: %w", index, err)
		}
	}
	return w, nil
}

// stop ends the worker's browser and app and frees its port, running the
// AfterWorker hooks first. It stops everything it can even when a part fails.
func (w *Worker) stop(ctx context.Context, after []WorkerHook) error {
	var errs []error
	for _, h := range after {
		if err := h(ctx, w); err != nil {
			errs = append(errs, fmt.Errorf("after-worker hook of worker %d: %w", w.Index, err))
		}
	}
	if w.pages != nil {
		// A hung browser never answers; killing it ends the wait.
		err, inTime := within(closeLimit, w.pages.Close)
		if !inTime && w.browser != nil {
			w.browser.Kill()
		}
		errs = append(errs, err)
	}
	if w.browser != nil {
		errs = append(errs, w.browser.Close())
	}
	if w.stopApp != nil {
		errs = append(errs, w.stopApp())
	}
	if w.lease != nil {
		w.lease.Release()
	}
	if w.TempDir != "" {
		errs = append(errs, os.RemoveAll(w.TempDir))
	}
	return errors.Join(errs...)
}

// closeLimit is how long a worker's pages may take to close when it stops.
const closeLimit = 5 * time.Second

// launchBrowser starts a browser for w, its profile in the worker's folder.
func (s *Suite) launchBrowser(w *Worker) (*chrome.Browser, error) {
	b, err := chrome.Launch(s.runCtx, chrome.Options{Bin: s.cfg.Browser, Headful: s.cfg.Headful, TempDir: w.TempDir, Log: s.logOnce})
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
