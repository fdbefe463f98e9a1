package coverage_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/romaine-bdd/romaine/internal/chrome"
)

// One browser for the package's tests, started by the first that needs it.
var (
	browserOnce sync.Once
	browser     *chrome.Browser
	browserErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if browser != nil {
		if err := browser.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

// needBrowser skips without a browser, except on CI (CI set), where it fails.
func needBrowser(t testing.TB) *chrome.Browser {
	t.Helper()
	browserOnce.Do(func() {
		if _, browserErr = chrome.Find(""); browserErr == nil {
			browser, browserErr = chrome.Launch(context.Background(), chrome.Options{})
		}
	})
	if browserErr != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no browser (%v); with CI set this is a failure", browserErr)
		}
		t.Fatalf("no browser: %v", browserErr)
	}
	return browser
}
