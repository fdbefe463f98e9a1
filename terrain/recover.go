package terrain

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"time"

	"github.com/cucumber/godog"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// A worker recovers from a browser that crashed or stopped answering, and from
// an app that exited: the scenario that was running fails saying which, and the
// worker replaces the broken part before it takes another scenario, so one crash
// costs one scenario, not the rest of the run.

// diagnose is an after-step hook: when a step failed because the worker's app
// exited or its browser died, it says so (godog prints it before the step's own
// error, which then only tells what the step was doing).
func (s *Suite) diagnose(ctx context.Context, _ *godog.Step, _ godog.StepResultStatus, err error) (context.Context, error) {
	if err == nil {
		return ctx, nil
	}
	scn, scnErr := FromContext(ctx)
	if scnErr != nil {
		return ctx, nil
	}
	w := scn.Worker
	switch {
	case s.interrupted.Load():
		return ctx, errors.New("romaine: the run was interrupted (Ctrl-C or SIGTERM) during this step")
	case w.appGone(s.cfg.Timeout):
		return ctx, fmt.Errorf("romaine: worker %d: the app exited (%s) during this scenario; it is started again for the next one.%s",
			w.Index, w.appExitStatus(), showOutput(w.appOutput.lastLines()))
	case !w.browserAnswers(s.hangLimit()):
		w.browserBroken.Store(true)
		return ctx, fmt.Errorf("romaine: the browser of worker %d crashed (it no longer answers); the worker starts a new browser before its next scenario", w.Index)
	}
	return ctx, nil
}

// closePage gives the scenario's page back to the worker's pages, which close
// it or wipe it for the next scenario (ROMAINE_ISOLATION), waiting at most hangLimit. A
// browser that cannot close a page in that time is hung: it is replaced, and
// the run goes on. The scenario's steps were all checked by then, so a slow
// close (a starved machine) is not the scenario's failure: it is printed.
func (s *Suite) closePage(scn *Scenario) error {
	limit := s.hangLimit()
	_, pages := scn.Worker.parts()
	if pages == nil {
		return nil // the worker was stopped (Ctrl-C): its pages went with it
	}
	// Not cut short by Ctrl-C: a wipe stopped halfway would only fail the scenario.
	err, inTime := putWithin(context.WithoutCancel(s.runCtx), limit, func(ctx context.Context) error { return pages.Put(ctx, scn.Page) })
	switch {
	case !inTime:
		scn.Worker.browserBroken.Store(true)
		fmt.Fprintf(s.errOut, "romaine: worker %d: the browser did not close the page of %q within %s; it is replaced by a new browser\n", scn.Worker.Index, scn.Name, limit)
	case err != nil && scn.Worker.browserAnswers(s.hangLimit()):
		return fmt.Errorf("closing the page: %w", err) // a page that could not be wiped is replaced
	}
	return nil // a browser that died was reported by the step it broke
}

// hangLimit is how long a browser may take to close a page or to answer before
// it counts as hung: three step limits, and at least 15s. Either takes well under
// a second, but many times that on a starved machine, and a healthy browser must
// never be declared crashed. A crashed one fails at once: its connection is closed.
func (s *Suite) hangLimit() time.Duration {
	return support.Policy{Timeout: s.cfg.Timeout}.HangLimit()
}

// mend readies w for its next scenario: a new browser for one that crashed
// or hangs, a new app process for one that exited. A worker that cannot be
// mended is retired; the pool starts a fresh one when it is needed.
func (s *Suite) mend(w *Worker) error {
	if s.interrupted.Load() || s.pool.isClosed() {
		return nil
	}
	var err error
	if w.browserBroken.Load() || !w.browserAnswers(s.hangLimit()) {
		err = s.restartBrowser(w)
	}
	if err == nil && w.appHasExited() {
		err = s.restartApp(w)
	}
	if err != nil {
		s.pool.retire(w)
		if s.interrupted.Load() || s.pool.isClosed() {
			return nil // stopped under the repair: the run is stopping, and says so
		}
		return fmt.Errorf("romaine: worker %d could not recover and was stopped: %w", w.Index, err)
	}
	return nil
}

// restartBrowser replaces w's browser. The broken one is hung up on (killed,
// when it is ours) before its pages are closed, so a hung one cannot hold the
// close; the new one has ROMAINE_START_TIMEOUT to start. A stop of the worker
// meanwhile (Ctrl-C) wins: what was started is closed again.
func (s *Suite) restartBrowser(w *Worker) error {
	fmt.Fprintf(s.errOut, "romaine: worker %d: starting a new browser\n", w.Index)
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		return errWorkerStopped
	}
	old, oldPages := w.browser, w.pages
	w.browser, w.pages = nil, nil
	w.mu.Unlock()
	if old != nil {
		old.Kill()
	}
	_ = closeBrowser(old, oldPages)
	if s.shared != nil {
		s.shared.broken(w.browserGen)
	}
	b, err := s.browserFor(s.pool.ctx, w)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		_ = b.Close()
		return errWorkerStopped
	}
	w.browser = b
	w.browserBroken.Store(false)
	w.pages = s.newPages(w)
	return nil
}

func (s *Suite) restartApp(w *Worker) error {
	fmt.Fprintf(s.errOut, "romaine: worker %d: the app exited (%s); starting it again\n", w.Index, w.appExitStatus())
	w.mu.Lock()
	stopOld := w.stopApp
	w.stopApp = nil
	stopped := w.stopped
	w.mu.Unlock()
	if stopOld != nil {
		_ = stopOld()
	}
	if stopped {
		return errWorkerStopped
	}
	base, stop, err := s.app.start(s.pool.ctx, w, w.lease)
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		if stop != nil {
			_ = stop()
		}
		return errWorkerStopped
	}
	w.stopApp = stop
	w.mu.Unlock()
	if err == nil {
		err = waitReady(s.pool.ctx, w, base+s.cfg.ReadyPath, s.cfg.StartTimeout)
	}
	return err
}

// browserAnswers asks the browser for its version: a crashed browser's
// connection is closed (an error at once), a hung one does not answer in limit.
func (w *Worker) browserAnswers(limit time.Duration) bool {
	b, _ := w.parts()
	if b == nil {
		return false
	}
	_, err := proto.BrowserGetVersion{}.Call(b.Rod().Timeout(limit))
	return err == nil
}

// appGone reports whether the worker's app has exited. A failed step often
// races the app's exit (the page saw the connection refused before this
// process reaped the app), so when nothing listens on the app's port any more
// it waits, at most limit, for the exit to arrive.
func (w *Worker) appGone(limit time.Duration) bool {
	if w.appExited == nil || w.appHasExited() {
		return w.appExited != nil
	}
	c, err := net.DialTimeout("tcp", w.appAddr(), limit)
	if err == nil {
		c.Close()
		return false // it still serves
	}
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case <-w.appExited:
		return true
	case <-t.C:
		return false
	}
}

// appAddr is where the worker's app listens: ROMAINE_APP_HOST and its port.
func (w *Worker) appAddr() string {
	host := "127.0.0.1"
	if w.lease != nil && w.lease.Host != "" {
		host = w.lease.Host
	}
	return net.JoinHostPort(host, strconv.Itoa(w.Port))
}

// appHasExited reports whether the worker's app process ended (only an app
// started by ROMAINE_APP_CMD can).
func (w *Worker) appHasExited() bool {
	if w.appExited == nil {
		return false
	}
	select {
	case <-w.appExited:
		return true
	default:
		return false
	}
}

// appExitStatus is how the app ended: "status 3" or "signal: killed".
func (w *Worker) appExitStatus() string {
	err := w.appExitErr()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return "status 0"
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return fmt.Sprintf("status %d", exit.ExitCode())
	case errors.As(err, &exit):
		return exit.ProcessState.String()
	}
	return err.Error()
}

// putWithin runs put with a context that ends after limit, and says whether it
// finished in time. A put that gave up because that context ended did not: it
// returns an error a moment before within's own clock would fire, and taken as
// a close that failed in time, a hung browser went unreported (the close of a
// stopped browser was then only repaired, not printed).
func putWithin(parent context.Context, limit time.Duration, put func(context.Context) error) (err error, inTime bool) {
	ctx, cancel := context.WithTimeout(parent, limit)
	defer cancel()
	err, inTime = within(limit, func() error { return put(ctx) })
	if inTime && err != nil && ctx.Err() != nil {
		return err, false
	}
	return err, inTime
}

// within runs f, waiting at most d for it. When d passes first, f goes on in
// its goroutine (the caller then kills what f waits on, which ends it).
func within(d time.Duration, f func() error) (err error, inTime bool) {
	done := make(chan error, 1)
	go func() { done <- f() }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case err := <-done:
		return err, true
	case <-t.C:
		return nil, false
	}
}
