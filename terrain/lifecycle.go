package terrain

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/factories"
	"github.com/romaine-bdd/romaine/internal/schedule"
	"github.com/romaine-bdd/romaine/internal/slug"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// InitializeScenario registers the steps and wires the per-scenario lifecycle:
// before it, a worker, a fresh page and a clean app; after a failed step, the
// page's artifacts; after it, the page closed and the worker returned.
func (s *Suite) InitializeScenario(sc *godog.ScenarioContext) {
	for _, register := range s.steps {
		register(sc)
	}
	sc.Before(s.beforeScenario)
	sc.StepContext().Before(s.beforeStep)
	sc.StepContext().Before(s.stepStarted)
	sc.StepContext().After(s.diagnose)
	sc.StepContext().After(s.afterStep)
	sc.StepContext().After(s.stepEnded)
	sc.After(s.afterScenario)
	s.recordReports(sc) // last, so the record sees every other hook's result
}

func (s *Suite) beforeScenario(ctx context.Context, gs *godog.Scenario) (context.Context, error) {
	s.sched.Started(gs)
	s.progress.started()
	if err := s.setUp(); err != nil {
		return ctx, errSetup
	}
	s.scenarios.Add(1)
	if s.interrupted.Load() {
		return ctx, s.notStarted()
	}
	w, err := s.pool.acquire(ctx)
	if err != nil {
		if s.interrupted.Load() {
			return ctx, s.notStarted()
		}
		return ctx, err
	}
	// An app that exited since the worker's last scenario is started again.
	if err := s.mend(w); err != nil {
		return ctx, err
	}
	scn := &Scenario{
		Name: gs.Name, URI: schedule.StripLines(gs.Uri), Worker: w, Values: map[string]any{}, Attempt: s.currentAttempt(),
		suite: s, started: time.Now(), remembered: map[string]factories.Attrs{},
	}
	if err := s.resetApp(ctx, w); err != nil {
		s.pool.release(w)
		return ctx, err
	}
	scn.Page, err = s.takePage(ctx, w)
	if err != nil {
		s.pool.release(w)
		return ctx, err
	}
	scn.Data = s.factories.NewSession(s.factorySeed(gs), s.storeFor(w))
	ctx = context.WithValue(ctx, scenarioKey{}, scn)
	if err := s.startRecording(ctx, gs, scn); err != nil {
		return ctx, err
	}
	for _, h := range s.hooks.beforeScenario {
		hctx, err := h(ctx, scn)
		if err != nil {
			// Keep the context that holds the scenario whatever the hook returned
			// (often nil): afterScenario needs it to close the page and return the worker.
			return ctx, fmt.Errorf("before-scenario hook: %w", err)
		}
		if hctx != nil {
			ctx = hctx
		}
	}
	return ctx, nil
}

// takePage takes the scenario's page from w's pages, within hangLimit: a
// browser that cannot give a page in that time is hung, and is replaced before
// the worker's next scenario.
func (s *Suite) takePage(ctx context.Context, w *Worker) (*support.Page, error) {
	_, pages := w.parts()
	if pages == nil {
		return nil, errStopping
	}
	limit := s.hangLimit()
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	p, err := pages.Take(ctx)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		w.browserBroken.Store(true)
		return nil, fmt.Errorf("romaine: worker %d: the browser gave no page within %s (three times ROMAINE_TIMEOUT, at least 15s): it is hung, and is replaced before the worker's next scenario", w.Index, limit)
	case err != nil:
		return nil, fmt.Errorf("romaine: worker %d: %w", w.Index, err)
	}
	return p, nil
}

// beforeStep starts the step's list of {{references}} afresh.
func (s *Suite) beforeStep(ctx context.Context, _ *godog.Step) (context.Context, error) {
	if scn, err := FromContext(ctx); err == nil {
		scn.resolved = nil
	}
	return ctx, nil
}

func (s *Suite) afterStep(ctx context.Context, st *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
	if status == godog.StepUndefined {
		s.didYouMean(st.Text)
		return ctx, nil
	}
	scn, scnErr := FromContext(ctx)
	if scnErr == nil && s.reports != nil {
		s.reports.recorder.Resolved(ctx, st, scn.resolved)
	}
	if scnErr != nil || scn.Page == nil {
		return ctx, nil
	}
	var dialogErr error // the step's failure when it is this hook that fails it
	if dialogs := scn.Page.UnexpectedDialogs(); len(dialogs) > 0 && err == nil {
		dialogErr = fmt.Errorf("the page opened a dialog nobody expected, and it was dismissed: %s; if it is meant to open, add  When I accept the next dialog  (or dismiss) before the step that opens it", strings.Join(dialogs, ", "))
		err = dialogErr
	}
	// A crashed browser has nothing to save, nor has one the run stopped (Ctrl-C).
	if err == nil || scn.Worker.browserBroken.Load() || s.interrupted.Load() {
		return ctx, errors.Join(dialogErr)
	}
	name := slug.Of(scn.Name) + "-" + slug.Of(st.Id)
	if scn.Attempt > 1 { // godog numbers steps afresh each attempt: the attempt keeps the first one's folder
		name += fmt.Sprintf("-attempt-%d", scn.Attempt)
	}
	dir := filepath.Join(s.cfg.Artifacts, slug.Of(strings.TrimSuffix(filepath.Base(scn.URI), ".feature")), name)
	saved, saveErr := scn.Page.SaveArtifacts(context.WithoutCancel(ctx), dir)
	for _, a := range saved {
		ctx = godog.Attach(ctx, godog.Attachment{Body: a.Data, FileName: filepath.Base(a.Path), MediaType: a.MediaType})
	}
	if saveErr != nil {
		return ctx, errors.Join(dialogErr, saveErr)
	}
	return ctx, errors.Join(dialogErr, fmt.Errorf("page saved in %s", dir))
}

func (s *Suite) afterScenario(ctx context.Context, gs *godog.Scenario, err error) (context.Context, error) {
	scn, scnErr := FromContext(ctx)
	if scnErr != nil {
		s.finished(gs, 0, err)
		return ctx, nil // the scenario never started; its error is already reported
	}
	s.finished(gs, scn.Elapsed(), err)
	var errs []error
	for _, h := range s.hooks.afterScenario {
		if herr := h(ctx, scn, err); herr != nil {
			errs = append(errs, fmt.Errorf("after-scenario hook: %w", herr))
		}
	}
	if scn.Data != nil {
		replay := report.Replay{Seed: scn.Data.Seed(), Command: fmt.Sprintf("ROMAINE_SEED=%d ROMAINE_FEATURES=%s", scn.Data.Seed(), scenarioPath(gs))}
		if err != nil {
			fmt.Fprintf(s.errOut, "romaine: %q failed on worker %d; factory seed %d (same data again: %s)\n", gs.Name, scn.Worker.Index, replay.Seed, replay.Command)
		}
		if s.reports != nil {
			s.reports.recorder.Replay(ctx, replay)
		}
	}
	ctx = s.endRecording(ctx, scn, err)
	if scn.Page != nil {
		if cerr := s.closePage(scn); cerr != nil {
			errs = append(errs, cerr)
		}
	}
	if rerr := s.mend(scn.Worker); rerr != nil {
		errs = append(errs, rerr)
	}
	s.pool.release(scn.Worker)
	return ctx, errors.Join(errs...)
}

// finished records a scenario's end for the timings, retries and progress.
func (s *Suite) finished(gs *godog.Scenario, elapsed time.Duration, err error) {
	share := s.sched.Finished(gs, elapsed, err)
	s.progress.finished(err != nil && !errors.Is(err, godog.ErrSkip), share)
}

// didYouMean prints the steps an undefined step is close to; godog prints the
// snippet for a new step definition itself.
func (s *Suite) didYouMean(text string) {
	if s.suggest == nil {
		return
	}
	s.definedOnce.Do(func() { s.defined = definedSteps(s.steps) })
	if near := s.suggest(text, s.defined); len(near) > 0 {
		fmt.Fprintf(s.out, "romaine: undefined step %q; did you mean:\n", text)
		for _, n := range near {
			fmt.Fprintf(s.out, "    %s\n", n)
		}
	}
}

// resetApp POSTs the reset path, when there is one, so the scenario starts
// clean. It has the step limit (ROMAINE_TIMEOUT), and reads the answer to its
// end so that the connection is reused by the next scenario's reset.
func (s *Suite) resetApp(ctx context.Context, w *Worker) error {
	if s.cfg.ResetPath == "" {
		return nil
	}
	url := w.BaseURL + s.cfg.ResetPath
	fail := func(format string, args ...any) error {
		return fmt.Errorf("romaine: resetting the app (ROMAINE_APP_RESET): POST %s: "+format, append([]any{url}, args...)...)
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return fail("%v; set ROMAINE_APP_RESET to a plain path such as /test/reset", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fail("no answer within %s (ROMAINE_TIMEOUT)", s.cfg.Timeout)
	case err != nil:
		return fail("%v", err)
	case resp.StatusCode >= 300:
		return fail("answered %s; set ROMAINE_APP_RESET to a path that empties the app's state, or unset it", resp.Status)
	}
	return nil
}

func (s *Suite) storeFor(w *Worker) factories.Store {
	if s.store != nil {
		return s.store(w)
	}
	path := ""
	if h, ok := s.app.(HandlerApp); ok {
		path = factoryPathFormat(h.FactoryPath)
	}
	if s.cfg.FactoryPath != "" {
		path = factoryPathFormat(s.cfg.FactoryPath)
	}
	// A record gets the step limit, and its errors name the settings a user
	// of ROMAINE_APP_CMD can change (not HTTPStore's Go fields).
	return factories.HTTPStore{BaseURL: w.BaseURL, PathFormat: path, Timeout: s.cfg.Timeout,
		TimeoutSetting: "ROMAINE_TIMEOUT", PathSetting: "ROMAINE_FACTORY_PATH"}
}

// scenarioPath is file:line, which runs just that scenario.
func scenarioPath(gs *godog.Scenario) string {
	uri := schedule.StripLines(gs.Uri) // an ordered run's paths are file:LINE already
	if gs.Location == nil {
		return uri
	}
	return fmt.Sprintf("%s:%d", uri, gs.Location.Line)
}

// newSeed is the factory seed of a scenario: ROMAINE_SEED when set (a
// replay), else random; it is printed when a scenario fails.
func newSeed(configured int64) int64 {
	if configured != 0 {
		return configured
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1)
}
