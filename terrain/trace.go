package terrain

import (
	"fmt"

	"github.com/romaine-bdd/romaine/film"
	"github.com/romaine-bdd/romaine/support"
)

// The step film (ROMAINE_TRACE, package film): each scenario's page is
// recorded step by step, and a failed or flaky scenario's film goes into the
// reports.

// traceSetting binds Config.Trace.
func traceSetting() setting {
	return setting{env: "ROMAINE_TRACE", flag: "trace",
		usage: "the step film: retain-on-failure (kept for failed and flaky scenarios), on (every scenario) or off",
		get:   func(c *Config) string { return c.Trace },
		set:   func(c *Config, v string) error { c.Trace = v; return nil }}
}

// validateTrace checks ROMAINE_TRACE.
func (c *Config) validateTrace() error {
	if _, err := film.ParseMode(c.Trace); err != nil {
		return &ConfigError{Setting: "ROMAINE_TRACE", Message: fmt.Sprintf("ROMAINE_TRACE=%q: %v", c.Trace, err)}
	}
	return nil
}

// recordConsumers are the consumers of each scenario's recording: those
// given with WithConsumer, and the film unless ROMAINE_TRACE=off.
func (s *Suite) recordConsumers() []support.Consumer {
	mode, err := film.ParseMode(s.cfg.Trace)
	if err != nil || mode == film.Off {
		return s.consumers
	}
	return append(s.consumers[:len(s.consumers):len(s.consumers)], film.Consumer(film.Options{Mode: mode}))
}
