package terrain

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestProgressLineNeverSplitsALineOfOutput(t *testing.T) {
	var screen bytes.Buffer
	p := newProgress("live", &screen, 2)
	p.begin(1, 3, 6*time.Second)
	w := p.through(&screen)
	p.started()
	fmt.Fprint(w, "Feature: half a line")
	p.tick() // mid-line: nothing may be drawn
	if strings.Contains(screen.String(), "romaine:") {
		t.Fatalf("the progress line was drawn inside a line of output: %q", screen.String())
	}
	fmt.Fprint(w, " and its end\n")
	p.finished(false, 2*time.Second)
	p.tick()
	out := screen.String()
	if !strings.HasPrefix(out, "Feature: half a line and its end\n") {
		t.Errorf("output was split: %q", out)
	}
	if !strings.HasSuffix(out, "\r\x1b[Kromaine: 1/3 done, 0 running, 0 failed, 0 flaky, 0:00 elapsed, eta ~0:02") {
		t.Errorf("live line: %q", out)
	}
	// The next write first erases the live line.
	fmt.Fprint(w, "next\n")
	if !strings.Contains(screen.String(), "eta ~0:02\r\x1b[Knext\n") {
		t.Errorf("the live line was not erased before output: %q", screen.String())
	}

	var log bytes.Buffer
	plain := newProgress("auto", &log, 1) // not a terminal: plain lines
	plain.begin(1, 2, 0)
	plain.tick()
	if got := log.String(); got != "romaine: 0/2 done, 0 running, 0 failed, 0 flaky, 0:00 elapsed\n" || strings.Contains(got, "\x1b") {
		t.Errorf("plain line: %q", got)
	}
	// A plain line owed in the middle of a line of output waits for its end.
	log.Reset()
	pw := plain.through(&log)
	fmt.Fprint(pw, "...")
	plain.tick()
	fmt.Fprint(pw, ".. 5\n")
	if got := log.String(); got != "..... 5\nromaine: 0/2 done, 0 running, 0 failed, 0 flaky, 0:00 elapsed\n" {
		t.Errorf("plain line owed mid-line: %q", got)
	}
	if newProgress("off", &log, 1) != nil {
		t.Error("ROMAINE_PROGRESS=off still shows progress")
	}
}

func TestScheduleSettingsSayWhatIsValid(t *testing.T) {
	cases := map[string][]string{
		"ROMAINE_ORDER=fastest":     {`ROMAINE_ORDER="fastest" is not an order`, "longest", "defined", "random:SEED"},
		"ROMAINE_ORDER=random:soon": {"random:42"},
		"ROMAINE_SHARD=0/2":         {`ROMAINE_SHARD="0/2" is not a shard`, "1 <= K <= N", "2/4"},
		"ROMAINE_SHARD=3/2":         {`ROMAINE_SHARD="3/2"`},
		"ROMAINE_SHARD=2":           {`ROMAINE_SHARD="2"`},
		"ROMAINE_RETRIES=-1":        {"ROMAINE_RETRIES=-1", "0 (no retries) or more"},
		"ROMAINE_RETRIES=twice":     {`ROMAINE_RETRIES="twice" is not valid`, "a whole number, 0 or more"},
		"ROMAINE_FAIL_ON_FLAKY=yes": {`ROMAINE_FAIL_ON_FLAKY="yes" is not valid`, "1/true or 0/false"},
		"ROMAINE_PROGRESS=loud":     {`ROMAINE_PROGRESS="loud"`, "auto", "off"},
	}
	for setting, want := range cases {
		name, value, _ := strings.Cut(setting, "=")
		c := DefaultConfig()
		err := c.applyEnv(func(k string) (string, bool) { return value, k == name })
		if err == nil {
			err = c.validate()
		}
		var ce *ConfigError
		if err == nil || !errorsAs(err, &ce) || ce.Setting != name {
			t.Errorf("%s: error %v, want a configuration error on %s", setting, err, name)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", setting, err, w)
			}
		}
	}
	for _, ok := range []string{"random", "random:7", "defined", "longest"} {
		c := DefaultConfig()
		c.Order, c.Shard, c.Retries = ok, "4/4", 3
		if err := c.validate(); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

func errorsAs(err error, target **ConfigError) bool { return errors.As(err, target) }

func TestARetryKeepsTheFirstRunsReportFiles(t *testing.T) {
	if got := attemptFormat("pretty,junit:out/report.xml,cucumber:c", 2); got != "pretty,junit:out/report.attempt2.xml,cucumber:c.attempt2" {
		t.Errorf("attempt 2's format %q", got)
	}
}

// Under the godog command there are no retries and no progress line, and godog
// deprecates its command: every run under it says so, and what to use instead.
func TestTheGodogCommandWarnsWhatItLacks(t *testing.T) {
	for _, tc := range []struct {
		reason  string
		edit    func(*Config)
		ignored string
	}{
		{"always, retries or not", func(*Config) {}, ""},
		{"retries asked for", func(c *Config) { c.Retries = 2 }, "ROMAINE_RETRIES"},
		{"a live progress line asked for", func(c *Config) { c.Progress = "live" }, "ROMAINE_PROGRESS"},
	} {
		var out bytes.Buffer
		s := New(WithOutput(&out))
		tc.edit(&s.cfg)
		s.commandLimits()
		got := out.String()
		for _, want := range []string{"the godog command runs without retries", "godog deprecates it", "go test -run TestFeatures .", "romaine run"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: the warning lacks %q:\n%s", tc.reason, want, got)
			}
		}
		if tc.ignored != "" && !strings.Contains(got, tc.ignored+" not applied under the godog command") {
			t.Errorf("%s: %s is not named as ignored:\n%s", tc.reason, tc.ignored, got)
		}
	}
}
