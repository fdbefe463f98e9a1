package terrain

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/shake"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
)

// The flake hunter (ROMAINE_HUNT, docs/flakes.md): every selected scenario
// runs N times, each attempt under a perturbation of its own (internal/shake)
// put on its page through the page's recorder; failed attempts are run
// again under the same perturbation; the verdict (report.Hunt) is read from
// the run's record. ROMAINE_SHAKE puts one perturbation on every scenario:
// how a verdict's failure is replayed. hunt_run.go runs the rounds.

// hunter is the run's flake hunter, or its one perturbation; nil when
// neither ROMAINE_HUNT nor ROMAINE_SHAKE is set.
type hunter struct {
	s     *Suite
	n     int               // attempts per scenario; 0 under ROMAINE_SHAKE alone
	seed  uint64            // the hunt's
	fixed uint64            // ROMAINE_SHAKE
	homes map[string]string // a scenario's file:line -> the FILE:LINE that runs it (an outline's, for its examples)

	mu      sync.Mutex
	round   int               // the hunt round being run (its attempt)
	workers int               // scenarios it runs at once
	order   uint64            // its random order
	replays map[string]replay // in a replay round: the scenarios replayed, by file:line; nil otherwise
	// shaken is each running scenario's perturbation, by its recording, for
	// the limits; unshaken its page with the limits as configured.
	shaken   sync.Map // *support.Recording -> shake.Shake
	unshaken sync.Map // *Scenario -> *support.Page
}

// replay is one run again of a failed attempt: its perturbation's seed and
// its factory seed.
type replay struct {
	shake   uint64
	factory int64
}

func huntSettings() []setting {
	return []setting{
		{env: "ROMAINE_HUNT", flag: "hunt", usage: "flake hunt: run each scenario N times, each under a perturbation of its own (N, or N:SEED to hunt the same way again; 0 for none)",
			get: func(c *Config) string {
				if c.HuntSeed != 0 {
					return fmt.Sprintf("%d:%d", c.Hunt, c.HuntSeed)
				}
				return strconv.Itoa(c.Hunt)
			},
			set: func(c *Config, v string) (err error) {
				n, seed, hasSeed := strings.Cut(strings.TrimSpace(v), ":")
				if c.Hunt, err = strconv.Atoi(strings.TrimSpace(n)); err != nil {
					return err
				}
				c.HuntSeed = 0
				if hasSeed {
					c.HuntSeed, err = strconv.ParseUint(strings.TrimSpace(seed), 10, 64)
				}
				return err
			}},
		{env: "ROMAINE_HUNT_REPLAYS", flag: "hunt-replays", usage: "how many times the flake hunter runs a failed attempt again under its perturbation (a whole number, 0 or more)",
			get: func(c *Config) string { return strconv.Itoa(c.HuntReplays) },
			set: func(c *Config, v string) (err error) { c.HuntReplays, err = strconv.Atoi(strings.TrimSpace(v)); return }},
		{env: "ROMAINE_SHAKE", flag: "shake", usage: "run every scenario under the perturbation of this seed, as a flake hunt's verdict gives it (a whole number; 0 for none)",
			get: func(c *Config) string { return strconv.FormatUint(c.Shake, 10) },
			set: func(c *Config, v string) (err error) {
				c.Shake, err = strconv.ParseUint(strings.TrimSpace(v), 10, 64)
				return
			}},
	}
}

func (c *Config) validateHunt() error {
	bad := func(setting, msg string) error { return &ConfigError{Setting: setting, Message: msg} }
	switch {
	case c.Hunt < 0:
		return bad("ROMAINE_HUNT", fmt.Sprintf("ROMAINE_HUNT=%d: it must be 0 (no hunt) or how many times to run each scenario, e.g. 20", c.Hunt))
	case c.Hunt == 0 && c.HuntSeed != 0:
		return bad("ROMAINE_HUNT", fmt.Sprintf("ROMAINE_HUNT=0:%d: a seed needs a number of attempts before it, e.g. ROMAINE_HUNT=20:%d", c.HuntSeed, c.HuntSeed))
	case c.HuntReplays < 0:
		return bad("ROMAINE_HUNT_REPLAYS", fmt.Sprintf("ROMAINE_HUNT_REPLAYS=%d: it must be 0 (no replays) or more, e.g. 3", c.HuntReplays))
	case c.Hunt > 0 && c.Shake != 0:
		return bad("ROMAINE_SHAKE", fmt.Sprintf("ROMAINE_HUNT=%d and ROMAINE_SHAKE=%d are both set: a hunt draws a perturbation for each attempt, ROMAINE_SHAKE replays one; set one of them", c.Hunt, c.Shake))
	case c.Hunt > 0 && c.Retries > 0:
		return bad("ROMAINE_RETRIES", fmt.Sprintf("ROMAINE_HUNT=%d with ROMAINE_RETRIES=%d: a hunt runs each scenario %d times already and replays its failures itself; unset ROMAINE_RETRIES", c.Hunt, c.Retries, c.Hunt))
	}
	return nil
}

// prepareHunt readies the hunter, when ROMAINE_HUNT or ROMAINE_SHAKE is set:
// its recorder consumer, the hooks that scale each scenario's limits, and a
// record of the run for the verdict (even with no ROMAINE_REPORTS).
func (s *Suite) prepareHunt() error {
	c := s.cfg
	if c.Hunt == 0 && c.Shake == 0 {
		return nil
	}
	h := &hunter{s: s, fixed: c.Shake}
	if c.Hunt > 0 && !s.viaRun {
		fmt.Fprintf(s.errOut, "romaine: warning: ROMAINE_HUNT=%d is not applied under the godog command (it runs each scenario once): hunt with go test or romaine run\n", c.Hunt)
	}
	if c.Hunt > 0 && s.viaRun {
		h.n, h.seed = c.Hunt, c.HuntSeed
		if h.seed == 0 {
			h.seed = uint64(newSeed(0)) | 1
		}
		homes, err := pickleHomes(c.Features, s.godogTags)
		if err != nil {
			return &ConfigError{Setting: "ROMAINE_FEATURES", Message: fmt.Sprintf("reading the feature files (%s): %v", strings.Join(c.Features, " "), err)}
		}
		h.homes = homes
		if s.reports == nil {
			s.reports = &reports{recorder: report.NewRecorder(s.results)}
		}
	}
	s.hunter = h
	s.consumers = append(s.consumers, h.consumer)
	s.hooks.beforeScenario = append(s.hooks.beforeScenario, h.scaleLimits)
	s.hooks.afterScenario = append(s.hooks.afterScenario, h.restoreLimits)
	if h.fixed != 0 {
		sh := shake.Draw(h.fixed)
		fmt.Fprintf(s.out, "romaine: every scenario runs under shake %d: %s (step limits x%g)\n", h.fixed, sh, sh.Scale())
	}
	return nil
}

// hunting says whether the run is a hunt.
func (h *hunter) hunting() bool { return h != nil && h.n > 0 }

// key is a scenario's file:line, as the reports key it.
func key(uri string, line int64) string {
	return report.CleanURI(uri) + ":" + strconv.FormatInt(line, 10)
}

func pickleKey(gs *godog.Scenario) string {
	if gs.Location == nil {
		return report.CleanURI(gs.Uri)
	}
	return key(gs.Uri, gs.Location.Line)
}

// draw is the perturbation of the scenario k now, and its note.
func (h *hunter) draw(k string) (shake.Shake, report.Shake) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var sh shake.Shake
	note := report.Shake{Path: k, Workers: h.workers, Order: h.order}
	if p, ok := h.homes[k]; ok {
		note.Path = p
	}
	switch rp, replayed := h.replays[k]; {
	case h.fixed != 0:
		sh = shake.Draw(h.fixed)
	case replayed:
		sh, note.Replay = shake.Draw(rp.shake), true
	case h.replays != nil: // beside a replayed example of its outline
		note.Aside = true
	default:
		sh, note.Round = shake.Draw(shake.Seed(h.seed, k, h.round)), h.round
	}
	note.Seed, note.Text = sh.Seed, sh.String()
	for _, kind := range sh.Kinds() {
		note.Kinds = append(note.Kinds, string(kind))
	}
	if h.workers > 1 {
		note.Kinds = append(note.Kinds, "other scenarios at once")
	}
	return sh, note
}

// consumer puts the scenario's perturbation on its page, and notes it on
// the record (attached to the step that ends the scenario).
func (h *hunter) consumer(ctx context.Context, r *support.Recording) (support.Hooks, error) {
	info := r.Scenario()
	sh, note := h.draw(key(info.URI, int64(info.Line)))
	h.shaken.Store(r, sh)
	app, err := r.Page().Resolve("/")
	if err != nil {
		return support.Hooks{}, fmt.Errorf("flake hunter: the app's address: %w", err)
	}
	return shake.Hooks(r, sh, app, func(_ support.Ending, undo error) []support.Artifact {
		h.shaken.Delete(r)
		if undo != nil {
			fmt.Fprintf(h.s.errOut, "romaine: flake hunter: taking the perturbation off the page of %q: %v\n", info.Name, undo)
		}
		body, _ := json.Marshal(note) // our own type always encodes
		return []support.Artifact{{Path: "shake.json", MediaType: report.ShakeMediaType, Data: body}}
	}), nil
}

// scaleLimits gives the scenario's steps limits that grow with its
// perturbation's slow-down (shake.Scale): a correct scenario must not fail
// because its page was made slower on purpose.
func (h *hunter) scaleLimits(ctx context.Context, scn *Scenario) (context.Context, error) {
	v, ok := h.shaken.Load(scn.Recording)
	if !ok || scn.Page == nil {
		return ctx, nil
	}
	scale := v.(shake.Shake).Scale()
	if scale <= 1 {
		return ctx, nil
	}
	pol := scn.Page.Policy()
	pol.Timeout = scaled(pol.Timeout, scale)
	pol.Navigation = scaled(pol.Navigation, scale)
	h.unshaken.Store(scn, scn.Page)
	scn.Page = scn.Page.WithPolicy(pol)
	return ctx, nil
}

// restoreLimits gives the scenario back its page as it was taken, before
// it is handed back to the worker.
func (h *hunter) restoreLimits(_ context.Context, scn *Scenario, _ error) error {
	if p, ok := h.unshaken.LoadAndDelete(scn); ok {
		scn.Page = p.(*support.Page)
	}
	return nil
}

// factorySeed is the scenario's factory seed: a replay's is the failed
// attempt's; otherwise ROMAINE_SEED's, or a random one.
func (s *Suite) factorySeed(gs *godog.Scenario) int64 {
	if h := s.hunter; h != nil {
		h.mu.Lock()
		rp, ok := h.replays[pickleKey(gs)]
		h.mu.Unlock()
		if ok && rp.factory != 0 {
			return rp.factory
		}
	}
	return newSeed(s.cfg.Seed)
}

// pickleHomes maps each scenario the paths and tags select, by its
// file:line (an example's row), to the FILE:LINE that runs it: godog selects
// an outline by its own line, with all its examples.
func pickleHomes(paths []string, tags string) (map[string]string, error) {
	opts := godog.Options{Paths: paths, Tags: tags}
	features, err := godog.TestSuite{Options: &opts}.RetrieveFeatures()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, ft := range features {
		for _, p := range ft.Pickles {
			sc := ft.FindScenario(p.AstNodeIds[0])
			if sc == nil || p.Location == nil {
				continue
			}
			out[key(ft.Uri, p.Location.Line)] = key(ft.Uri, sc.Location.Line)
		}
	}
	return out, nil
}

// scaled is d times scale, to the millisecond.
func scaled(d time.Duration, scale float64) time.Duration {
	return time.Duration(float64(d) * scale).Round(time.Millisecond)
}
