package terrain

import (
	"strings"
	"testing"
)

func TestReportsAndRemoteBrowserSettings(t *testing.T) {
	c := DefaultConfig()
	env := map[string]string{
		"ROMAINE_REPORTS":     "junit:out.xml,html:r.html",
		"ROMAINE_BROWSER_URL": "http://chrome:9222, ws://farm:3000/?token=abc",
		"ROMAINE_APP_HOST":    "runner",
	}
	if err := c.applyEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	if err := c.validate(); err != nil {
		t.Fatal(err)
	}
	if eps := c.browserEndpoints(); len(eps) != 2 || eps[1] != "ws://farm:3000/?token=abc" || c.AppHost != "runner" {
		t.Fatalf("endpoints %q, app host %q", eps, c.AppHost)
	}
	if DefaultConfig().AppHost != "127.0.0.1" {
		t.Errorf("the apps must bind on loopback unless told otherwise")
	}
	for setting, tc := range map[string]struct{ value, want string }{
		"ROMAINE_REPORTS":     {"xml:out.xml", `ROMAINE_REPORTS="xml:out.xml": "xml:out.xml": unknown report kind "xml"; kinds: messages, junit, html`},
		"ROMAINE_BROWSER_URL": {"chrome:9222", `ROMAINE_BROWSER_URL names "chrome:9222", which is not a DevTools endpoint URL: write ws://HOST:PORT/PATH (kept as is) or http://HOST:PORT`},
	} {
		c := DefaultConfig()
		if err := c.applyEnv(func(k string) (string, bool) { return tc.value, k == setting }); err != nil {
			t.Fatal(err)
		}
		if err := c.validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s=%s: want %q, got %v", setting, tc.value, tc.want, err)
		}
	}
}
