package terrain

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

// ROMAINE_TRACE: retain-on-failure unless set, from a flag or the
// environment; a value that is none of the modes stops the run, naming them;
// off registers no film (so no scenario is recorded for it).
func TestTraceSetting(t *testing.T) {
	c := DefaultConfig()
	if c.Trace != "retain-on-failure" || c.validate() != nil {
		t.Errorf("default ROMAINE_TRACE = %q (valid: %v), want retain-on-failure", c.Trace, c.validate())
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	c.bindFlags(fs)
	if err := fs.Parse([]string{"-romaine.trace=on"}); err != nil || c.Trace != "on" {
		t.Errorf("-romaine.trace=on gave %q (%v)", c.Trace, err)
	}
	if err := c.applyEnv(func(k string) (string, bool) {
		return map[string]string{"ROMAINE_TRACE": "retain"}[k], k == "ROMAINE_TRACE"
	}); err != nil {
		t.Fatal(err)
	}
	err := c.validate()
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Setting != "ROMAINE_TRACE" || !strings.Contains(err.Error(), `ROMAINE_TRACE="retain"`) ||
		!strings.Contains(err.Error(), "retain-on-failure") || !strings.Contains(err.Error(), "off") {
		t.Errorf("ROMAINE_TRACE=retain: %v; want a configuration error naming the setting, the value and the modes", err)
	}
	for mode, films := range map[string]int{"off": 0, "on": 1, "retain-on-failure": 1} {
		s := New(WithConsumer(nil))
		s.cfg.Trace = mode
		if got := len(s.recordConsumers()) - 1; got != films {
			t.Errorf("ROMAINE_TRACE=%s: %d films among the recording's consumers, want %d", mode, got, films)
		}
	}
}
