// Package testenv is what tests need of the machine and the repository:
// python3 and a browser for a suite against an app of another language,
// pinned npm tools, the documentation's sections.
package testenv

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// NeedPythonAndBrowser skips the test when python3 or a browser is missing,
// unless they are Required: there a skip would hide that nothing ran, so it fails.
func NeedPythonAndBrowser(t testing.TB) {
	t.Helper()
	_, errPython := exec.LookPath("python3")
	_, errBrowser := chrome.Find(os.Getenv("ROMAINE_BROWSER"))
	if err := errors.Join(errPython, errBrowser); err != nil {
		if Required() {
			t.Fatalf("this test needs python3 and Chromium, and CI machines have them: %v", err)
		}
		t.Skip(err)
	}
}

// Required says whether a test whose prerequisites (a browser, python3) are
// missing fails rather than skips: on CI (CI set), and under make test, which
// sets BROWSER_TESTS=required, so that a green run never means nothing ran.
// go test alone, on a machine without them, skips.
func Required() bool {
	_, ci := os.LookupEnv("CI")
	return ci || os.Getenv("BROWSER_TESTS") == "required"
}

// CallsWithoutDeadline writes to w every call to the browser made without a
// deadline by code (not a test) whose function starts with prefix (a package
// path), and says how many: a package's TestMain fails on any, since a browser
// that stops answering would hold such a call.
func CallsWithoutDeadline(w io.Writer, prefix string) int {
	n := 0
	for _, c := range chrome.CallsWithoutDeadline() {
		if strings.HasPrefix(c.Func, prefix) && !strings.HasSuffix(c.File, "_test.go") {
			fmt.Fprintf(w, "a call to the browser without a deadline: %s\n", c)
			n++
		}
	}
	return n
}
