package coverage_test

import (
	"os"
	"runtime"
	"testing"

	"github.com/romaine-bdd/romaine/internal/chrome"
	"github.com/romaine-bdd/romaine/internal/testbrowser"
)

// One browser for the package's tests (internal/testbrowser, as support's,
// the corpus's and film's).
var shared testbrowser.Shared

func TestMain(m *testing.M) { os.Exit(testbrowser.Main(m, &shared, runtime.GOMAXPROCS(0))) }

// needBrowser skips without a browser, except on CI and under make test
// (testenv.Required), where it fails.
func needBrowser(t testing.TB) *chrome.Browser { return shared.Need(t) }
