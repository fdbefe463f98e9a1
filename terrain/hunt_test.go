package terrain_test

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/shake"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/terrain"
)

// shakenApp says "calm" unless the flake hunter asks it to be slow (the
// romaine-latency cookie): a scenario that fails exactly under the app
// latency kind, whatever the machine's load, so a hunt's verdict can be
// known in advance.
func shakenApp() terrain.Option {
	return terrain.WithApp(terrain.HandlerApp{New: func(*terrain.Worker) (http.Handler, func() error, error) {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			word := "calm"
			if c, err := r.Cookie(shake.LatencyCookie); err == nil && c.Value != "" {
				word = "slowed by " + c.Value + " ms"
			}
			fmt.Fprintf(w, `<!doctype html><title>App</title><link rel="icon" href="data:,"><h1>The app</h1><p>%s</p>`, word)
		}), nil, nil
	}})
}

// readRun reads a messages report back into the run the reports show.
func readRun(t *testing.T, path string) *report.Run {
	t.Helper()
	envs, err := report.ReadFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	return report.Build(envs)
}

// scaledSecond is a one-second step limit grown by scale, as the hunter grows it.
func scaledSecond(scale float64) time.Duration {
	return time.Duration(float64(time.Second) * scale).Round(time.Millisecond)
}

const calm = "testdata/features/shaken.feature:3"

// A hunt runs each scenario N times, each attempt under the perturbation its
// seed draws; the failures are those the draws say, each replayed under its
// seed; the verdict lists the flaky scenario first, with the kind that broke
// it. The same hunt seed hunts the same way again.
func TestHuntFindsWhatFailsUnderAPerturbation(t *testing.T) {
	const attempts = 6
	// A hunt seed under which the calm scenario is slowed in some attempts
	// and not in others.
	var seed uint64
	var want []int // the rounds whose perturbation slows the app
	for seed = 1; ; seed++ {
		want = nil
		for round := 1; round <= attempts; round++ {
			if shake.Draw(shake.Seed(seed, calm, round)).App > 0 {
				want = append(want, round)
			}
		}
		if len(want) >= 2 && len(want) <= attempts-2 {
			break
		}
	}
	messages := filepath.Join(t.TempDir(), "run.ndjson")
	status, out, _ := runWith(t, map[string]string{"ROMAINE_FEATURES": "testdata/features/shaken.feature", "ROMAINE_TIMEOUT": "1s",
		"ROMAINE_HUNT": fmt.Sprintf("%d:%d", attempts, seed), "ROMAINE_HUNT_REPLAYS": "1", "ROMAINE_REPORTS": "messages:" + messages, "ROMAINE_PROGRESS": "off"},
		[]terrain.Option{shakenApp()}, nil)
	if status != 1 {
		t.Errorf("status %d, want 1: a scenario failed under a perturbation", status)
	}
	for _, line := range []string{
		fmt.Sprintf("romaine: flake hunt: %d attempt(s) of each of 2 scenario(s)", attempts),
		fmt.Sprintf("(ROMAINE_HUNT=%d:%d hunts the same way again)", attempts, seed),
		"romaine: flake hunt: 1 likely flaky, 0 failing every time, 1 steady",
		fmt.Sprintf("  likely flaky      %d of %d  failed  %s  Calm only while the app is not slowed", len(want), attempts, calm),
		fmt.Sprintf("      broke it most: app latency (%d of %d attempts with it failed, 0 of %d without)", len(want), len(want), attempts-len(want)),
		fmt.Sprintf("  steady            0 of %d  failed  testdata/features/shaken.feature:7  The page is there whatever happens", attempts),
	} {
		if !strings.Contains(out, line) {
			t.Errorf("the output lacks %q; output:\n%s", line, out)
		}
	}
	h := readRun(t, messages).Hunt()
	if h == nil || len(h.Scenarios) != 2 {
		t.Fatalf("the record's verdict: %+v", h)
	}
	flaky := h.Scenarios[0]
	var got []int
	for i, f := range flaky.Failures {
		got = append(got, f.Shake.Round)
		sh := shake.Draw(f.Shake.Seed)
		if f.Shake.Seed != shake.Seed(seed, calm, f.Shake.Round) || f.Shake.Text != sh.String() {
			t.Errorf("failure %d: seed %d (%s), want the seed of round %d, %d", i+1, f.Shake.Seed, f.Shake.Text, f.Shake.Round, shake.Seed(seed, calm, f.Shake.Round))
		}
		wantReplays := 0
		if i < 3 {
			wantReplays = 1 // the first three failures, ROMAINE_HUNT_REPLAYS times each
		}
		if f.Replays != wantReplays || f.Reproduced != wantReplays {
			t.Errorf("failure %d (round %d) replayed %d times, failing %d: want %d and %d", i+1, f.Shake.Round, f.Replays, f.Reproduced, wantReplays, wantReplays)
		}
		if !strings.Contains(f.Command, fmt.Sprintf("ROMAINE_SHAKE=%d ROMAINE_SEED=", f.Shake.Seed)) || !strings.HasSuffix(f.Command, "ROMAINE_FEATURES="+calm) {
			t.Errorf("failure %d replays with %q", i+1, f.Command)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("failed in rounds %v, want %v (the rounds whose perturbation slows the app)", got, want)
	}
}

// ROMAINE_SHAKE=SEED runs every scenario under the perturbation of SEED, as
// a verdict's replay command does, with step limits grown by its scale; its
// attempts are noted but make no verdict.
func TestShakeReplaysOnePerturbation(t *testing.T) {
	slowed, calmSeed := uint64(0), uint64(0)
	for s := uint64(1 << 31); slowed == 0 || calmSeed == 0; s++ {
		switch sh := shake.Draw(s); {
		case sh.App > 0 && slowed == 0 && sh.Scale() > 1.5:
			slowed = s
		case sh.App == 0 && calmSeed == 0:
			calmSeed = s
		}
	}
	sh := shake.Draw(slowed)
	messages := filepath.Join(t.TempDir(), "run.ndjson")
	status, out, _ := runWith(t, map[string]string{"ROMAINE_FEATURES": calm, "ROMAINE_TIMEOUT": "1s", "ROMAINE_SHAKE": fmt.Sprint(slowed),
		"ROMAINE_REPORTS": "messages:" + messages, "ROMAINE_PROGRESS": "off"}, []terrain.Option{shakenApp()}, nil)
	if status != 1 {
		t.Errorf("status %d under shake %d (%s), want 1", status, slowed, sh)
	}
	for _, want := range []string{
		fmt.Sprintf("romaine: every scenario runs under shake %d: %s (step limits x%g)", slowed, sh, sh.Scale()),
		fmt.Sprintf("slowed by %d ms", sh.App.Milliseconds()),
		fmt.Sprintf("timed out after %s", scaledSecond(sh.Scale())),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q; output:\n%s", want, out)
		}
	}
	run := readRun(t, messages)
	a := run.Features[0].Scenarios[0].Attempts[0]
	if a.Shake == nil || a.Shake.Seed != slowed || a.Shake.Round != 0 || a.Shake.Replay {
		t.Errorf("the attempt's note: %+v", a.Shake)
	}
	if run.Hunt() != nil {
		t.Error("a run under ROMAINE_SHAKE has a hunt verdict")
	}
	if status, out, _ := runWith(t, map[string]string{"ROMAINE_FEATURES": calm, "ROMAINE_TIMEOUT": "1s", "ROMAINE_SHAKE": fmt.Sprint(calmSeed), "ROMAINE_PROGRESS": "off"},
		[]terrain.Option{shakenApp()}, nil); status != 0 {
		t.Errorf("under shake %d (%s), which leaves the app alone, status %d; output:\n%s", calmSeed, shake.Draw(calmSeed), status, out)
	}
}

func TestHuntSettings(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"ROMAINE_HUNT": "many"}, `ROMAINE_HUNT="many" is not valid`},
		{map[string]string{"ROMAINE_HUNT": "-2"}, "ROMAINE_HUNT=-2: it must be 0 (no hunt) or how many times to run each scenario, e.g. 20"},
		{map[string]string{"ROMAINE_HUNT": "0:7"}, "ROMAINE_HUNT=0:7: a seed needs a number of attempts before it, e.g. ROMAINE_HUNT=20:7"},
		{map[string]string{"ROMAINE_HUNT": "5", "ROMAINE_SHAKE": "123"}, "ROMAINE_HUNT=5 and ROMAINE_SHAKE=123 are both set"},
		{map[string]string{"ROMAINE_HUNT": "5", "ROMAINE_RETRIES": "2"}, "ROMAINE_HUNT=5 with ROMAINE_RETRIES=2: a hunt runs each scenario 5 times already"},
		{map[string]string{"ROMAINE_HUNT_REPLAYS": "-1"}, "ROMAINE_HUNT_REPLAYS=-1: it must be 0 (no replays) or more"},
		{map[string]string{"ROMAINE_SHAKE": "-5"}, `ROMAINE_SHAKE="-5" is not valid`},
	} {
		env := map[string]string{"ROMAINE_FEATURES": calm, "ROMAINE_HUNT": "", "ROMAINE_SHAKE": "", "ROMAINE_RETRIES": "", "ROMAINE_HUNT_REPLAYS": ""}
		for k, v := range c.env {
			env[k] = v
		}
		status, out, _ := runWith(t, env, []terrain.Option{shakenApp()}, nil)
		if status != 2 || !strings.Contains(out, c.want) {
			t.Errorf("%v: status %d, want 2 and %q; output:\n%s", c.env, status, c.want, out)
		}
	}
}
