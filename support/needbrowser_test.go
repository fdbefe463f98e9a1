package support_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Browser tests skip on a machine without a browser, so that go test ./...
// works there; but under make test (BROWSER_TESTS=required) and on CI they
// fail, so that a green run can never mean nothing ran. A ROMAINE_BROWSER
// that does not exist stands for the missing browser.
func TestBrowserTestsFailWhenTheBrowserIsRequired(t *testing.T) {
	if os.Getenv("ROMAINE_TEST_CHILD") != "" {
		return // the child runs only the browser test below
	}
	for _, c := range []struct {
		reason, required string
		fails            bool
	}{
		{"go test on a machine without a browser skips", "", false},
		{"make test fails", "required", true},
	} {
		t.Run(c.reason, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestFill$", "-test.v")
			for _, kv := range os.Environ() {
				if !strings.HasPrefix(kv, "CI=") && !strings.HasPrefix(kv, "BROWSER_TESTS=") {
					cmd.Env = append(cmd.Env, kv)
				}
			}
			cmd.Env = append(cmd.Env, "ROMAINE_TEST_CHILD=1", "ROMAINE_BROWSER=/nonexistent/chromium", "BROWSER_TESTS="+c.required)
			out, err := cmd.CombinedOutput()
			switch {
			case c.fails && (err == nil || !strings.Contains(string(out), "no browser")):
				t.Errorf("with no browser and BROWSER_TESTS=%s the browser test did not fail (%v):\n%s", c.required, err, out)
			case !c.fails && (err != nil || !strings.Contains(string(out), "--- SKIP")):
				t.Errorf("with no browser and no requirement the browser test did not skip (%v):\n%s", err, out)
			}
		})
	}
}
