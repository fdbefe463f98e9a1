package support

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
)

// BrowserOptions says which browser to start and how.
type BrowserOptions struct {
	// Bin is the Chrome or Chromium executable; "" looks for one on this machine.
	// rod's own browser download is never used: CI machines have no internet.
	Bin string
	// Headful shows the window (for debugging on a desktop).
	Headful bool
	// SiteIsolation runs cross-origin frames in processes of their own, as
	// desktop Chrome does (rod turns it off by default). Frames work either way.
	SiteIsolation bool
}

// BrowserNotFoundError says that no usable browser executable was found.
type BrowserNotFoundError struct {
	Bin    string   // the configured path that did not work, or ""
	Looked []string // what was looked for when none was configured
}

func (e *BrowserNotFoundError) Error() string {
	if e.Bin != "" {
		return fmt.Sprintf("browser %q is not an executable file", e.Bin)
	}
	return "no Chrome or Chromium found (looked for " + strings.Join(e.Looked, ", ") + ")"
}

// FindBrowser returns the path of the browser to start: bin when given, otherwise
// the first Chrome or Chromium rod knows of on this machine.
func FindBrowser(bin string) (string, error) {
	if bin != "" {
		p, err := exec.LookPath(bin)
		if err != nil {
			return "", &BrowserNotFoundError{Bin: bin}
		}
		return p, nil
	}
	if p, ok := launcher.LookPath(); ok {
		return p, nil
	}
	return "", &BrowserNotFoundError{Looked: []string{"chromium", "chromium-browser", "google-chrome", "chrome", "microsoft-edge", "/usr/bin/chromium", "/snap/bin/chromium"}}
}

// Browser is a started browser and what it takes to stop it.
type Browser struct {
	*rod.Browser
	launcher *launcher.Launcher
}

// LaunchBrowser starts a headless browser with a fresh profile. The flags suit a
// CI container on a closed network: no sandbox when root (Chrome refuses to start
// otherwise), no background traffic to Google's services.
func LaunchBrowser(ctx context.Context, opts BrowserOptions) (*Browser, error) {
	bin, err := FindBrowser(opts.Bin)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "romaine-chrome-")
	if err != nil {
		return nil, fmt.Errorf("creating the browser's profile folder: %w", err)
	}
	l := launcher.New().Context(ctx).Bin(bin).UserDataDir(dir).Headless(!opts.Headful).
		Set("disable-gpu").Set("disable-quic").Set("disable-component-update").
		Set("disable-background-networking").Set("disable-sync").Set("no-first-run").
		Set("window-size", "1280,900")
	if os.Geteuid() == 0 {
		l = l.NoSandbox(true)
	}
	if opts.SiteIsolation {
		l = l.Delete("disable-site-isolation-trials").Set("disable-features", "TranslateUI").Set("site-per-process")
	}
	u, err := l.Launch()
	if err != nil {
		l.Kill()
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	b := rod.New().ControlURL(u)
	if err := b.Connect(); err != nil {
		l.Kill()
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("connecting to %s at %s: %w", bin, u, err)
	}
	return &Browser{Browser: b, launcher: l}, nil
}

// Close ends the browser process and removes its profile. It asks Chrome to quit
// over CDP (instant) and kills the process group only if that did not work.
func (b *Browser) Close() error {
	err := b.Browser.Close()
	done := make(chan struct{})
	go func() { b.launcher.Cleanup(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		b.launcher.Kill()
		<-done
	}
	if err != nil && !strings.Contains(err.Error(), "use of closed network connection") {
		return fmt.Errorf("closing the browser: %w", err)
	}
	return nil
}
