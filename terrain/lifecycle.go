package terrain

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/factories"
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
	sc.StepContext().After(s.afterStep)
	sc.After(s.afterScenario)
}

func (s *Suite) beforeScenario(ctx context.Context, gs *godog.Scenario) (context.Context, error) {
	s.sched.started(gs)
	if err := s.Prepare(); err != nil {
		return ctx, errSetup
	}
	w, err := s.pool.acquire(ctx)
	if err != nil {
		return ctx, err
	}
	scn := &Scenario{
		Name: gs.Name, URI: featureLine.ReplaceAllString(gs.Uri, ""), Worker: w, Values: map[string]any{}, Attempt: s.Attempt(),
		suite: s, started: time.Now(), remembered: map[string]factories.Attrs{},
	}
	if err := s.resetApp(ctx, w); err != nil {
		s.pool.release(w)
		return ctx, err
	}
	scn.Page, err = w.pages.Take(ctx)
	if err != nil {
		s.pool.release(w)
		return ctx, fmt.Errorf("romaine: worker %d: %w", w.Index, err)
	}
	scn.Data = s.factories.NewSession(newSeed(), s.storeFor(w))
	ctx = context.WithValue(ctx, scenarioKey{}, scn)
	for _, h := range s.hooks.beforeScenario {
		if ctx, err = h(ctx, scn); err != nil {
			return ctx, fmt.Errorf("before-scenario hook: %w", err)
		}
	}
	return ctx, nil
}

func (s *Suite) afterStep(ctx context.Context, st *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
	if status == godog.StepUndefined {
		s.didYouMean(st.Text)
		return ctx, nil
	}
	scn, scnErr := FromContext(ctx)
	if scnErr != nil || scn.Page == nil {
		return ctx, nil
	}
	if dialogs := scn.Page.UnexpectedDialogs(); len(dialogs) > 0 && err == nil {
		return ctx, fmt.Errorf("the page opened a dialog nobody expected, and it was dismissed: %s; if it is meant to open, add  When I accept the next dialog  (or dismiss) before the step that opens it", strings.Join(dialogs, ", "))
	}
	if err == nil {
		return ctx, nil
	}
	dir := filepath.Join(s.cfg.Artifacts, slug(strings.TrimSuffix(filepath.Base(scn.URI), ".feature")), slug(scn.Name)+"-"+slug(st.Id))
	saved, saveErr := scn.Page.SaveArtifacts(context.WithoutCancel(ctx), dir)
	for _, a := range saved {
		ctx = godog.Attach(ctx, godog.Attachment{Body: a.Data, FileName: filepath.Base(a.Path), MediaType: a.MediaType})
	}
	var te *support.TimeoutError
	switch {
	case saveErr != nil:
		return ctx, saveErr
	case errors.As(err, &te):
		te.Artifacts = dir // printed as part of the step's own error
		return ctx, nil
	default:
		return ctx, fmt.Errorf("page saved in %s", dir)
	}
}

func (s *Suite) afterScenario(ctx context.Context, gs *godog.Scenario, err error) (context.Context, error) {
	scn, scnErr := FromContext(ctx)
	if scnErr != nil {
		s.sched.finished(gs, 0, err)
		return ctx, nil // the scenario never started; its error is already reported
	}
	s.sched.finished(gs, scn.Elapsed(), err)
	var errs []error
	for _, h := range s.hooks.afterScenario {
		if herr := h(ctx, scn, err); herr != nil {
			errs = append(errs, fmt.Errorf("after-scenario hook: %w", herr))
		}
	}
	if err != nil && scn.Data != nil {
		fmt.Fprintf(s.errOut, "romaine: %q failed on worker %d; factory seed %d\n", gs.Name, scn.Worker.Index, scn.Data.Seed())
	}
	if scn.Page != nil {
		if cerr := scn.Page.Close(); cerr != nil {
			errs = append(errs, fmt.Errorf("closing the page: %w", cerr))
		}
	}
	s.pool.release(scn.Worker)
	return ctx, errors.Join(errs...)
}

// didYouMean prints the steps an undefined step is close to; godog prints the
// snippet for a new step definition itself.
func (s *Suite) didYouMean(text string) {
	if s.suggest == nil {
		return
	}
	if near := s.suggest(text); len(near) > 0 {
		fmt.Fprintf(s.out, "romaine: undefined step %q; did you mean:\n", text)
		for _, n := range near {
			fmt.Fprintf(s.out, "    %s\n", n)
		}
	}
}

// resetApp POSTs the reset path, when there is one, so the scenario starts clean.
func (s *Suite) resetApp(ctx context.Context, w *Worker) error {
	if s.cfg.ResetPath == "" {
		return nil
	}
	url := w.BaseURL + s.cfg.ResetPath
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("romaine: resetting the app (ROMAINE_APP_RESET): POST %s: %w", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("romaine: resetting the app (ROMAINE_APP_RESET): POST %s answered %s; set ROMAINE_APP_RESET to a path that empties the app's state, or unset it", url, resp.Status)
	}
	return nil
}

func (s *Suite) storeFor(w *Worker) factories.Store {
	if s.store != nil {
		return s.store(w)
	}
	path := ""
	if h, ok := s.app.(HandlerApp); ok {
		path = h.FactoryPath
	}
	if s.cfg.FactoryPath != "" {
		path = strings.ReplaceAll(strings.ReplaceAll(s.cfg.FactoryPath, "%", "%%"), "{model}", "%s")
	}
	return factories.HTTPStore{BaseURL: w.BaseURL, PathFormat: path}
}

// newSeed is a random factory seed; it is printed when a scenario fails.
func newSeed() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1)
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func slug(s string) string {
	s = strings.Trim(unsafeChars.ReplaceAllString(s, "-"), "-")
	if len(s) > 60 {
		s = s[:60]
	}
	if s == "" {
		s = "x"
	}
	return s
}
