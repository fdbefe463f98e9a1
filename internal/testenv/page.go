package testenv

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/support"
)

// NewPage is a page at baseURL in a browser started for the test (its
// profile in the test's temporary folder); both end with the test. Without
// a browser it skips, except on CI (CI set), where a skip would hide that
// nothing ran.
func NewPage(t testing.TB, ctx context.Context, baseURL string) *support.Page {
	t.Helper()
	if _, err := chrome.Find(""); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no browser on this machine (%v); with CI set this is a failure", err)
		}
		t.Fatal(err)
	}
	b, err := chrome.Launch(ctx, chrome.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	p, err := support.NewPage(ctx, b.Rod(), support.PageOptions{BaseURL: baseURL, Policy: support.Policy{Timeout: 10 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}
