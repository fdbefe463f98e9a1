// Package testenv is what tests need of the machine and the repository:
// python3 and a browser for a suite against an app of another language,
// pinned npm tools, the documentation's sections.
package testenv

import (
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// NeedPythonAndBrowser skips the test when python3 or a browser is missing,
// unless CI is set: there a skip would hide that nothing ran, so it fails.
func NeedPythonAndBrowser(t testing.TB) {
	t.Helper()
	_, errPython := exec.LookPath("python3")
	_, errBrowser := chrome.Find(os.Getenv("ROMAINE_BROWSER"))
	if err := errors.Join(errPython, errBrowser); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("this test needs python3 and Chromium, and CI machines have them: %v", err)
		}
		t.Skip(err)
	}
}
