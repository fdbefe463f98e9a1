package chrome

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/proto"
)

// testBound bounds what must end well within it: past it the test fails
// rather than hangs. It is below callCeiling, so a call that only the
// ceiling ends fails the test.
const testBound = 30 * time.Second

// A browser reached by Connect (shared, remote) gets the same connection as a
// launched one: a mouse press and its release go back to back. It once got
// rod's plain client, which sends the press alone.
func TestConnectedBrowserPipelinesPressAndRelease(t *testing.T) {
	b := launched(t)
	c, err := Connect(t.Context(), b.ControlURL, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(t.Context(), testBound)
	defer cancel()
	pr := PressRelease{Press: proto.InputDispatchMouseEvent{Type: proto.InputDispatchMouseEventTypeMousePressed}, Release: proto.InputDispatchMouseEvent{Type: proto.InputDispatchMouseEventTypeMouseReleased}}
	res, err := c.Rod().Call(ctx, "", "Browser.getVersion", pr)
	if err != nil {
		t.Fatal(err)
	}
	if string(res) != Pipelined {
		t.Errorf("a connected browser answered %s to a press and release, want %s (both sent by our connection)", res, Pipelined)
	}
}

// Killing a browser Romaine did not launch hangs up: it was a no-op, so
// everything waiting on a hung remote browser went on waiting.
func TestKillHangsUpOnAConnectedBrowser(t *testing.T) {
	b := launched(t)
	c, err := Connect(t.Context(), b.ControlURL, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Kill()
	ctx, cancel := context.WithTimeout(t.Context(), testBound)
	defer cancel()
	if _, err := (proto.BrowserGetVersion{}).Call(c.Rod().Context(ctx)); !errors.Is(err, ErrClosed) {
		t.Errorf("a call after Kill: %v; want ErrClosed", err)
	}
	// Only our connection ended: the browser itself is not ours to kill.
	if _, err := (proto.BrowserGetVersion{}).Call(b.Rod().Context(ctx)); err != nil {
		t.Errorf("the browser itself no longer answers after a connection to it was killed: %v", err)
	}
}

// A call waiting for its answer when the connection closes ends at once with
// ErrClosed: rod's client waited for its context, forever when it had no
// deadline (the hang of a step still running when Ctrl-C closed the browser).
func TestACallInFlightEndsWhenTheConnectionCloses(t *testing.T) {
	b := launched(t)
	ctx, cancel := context.WithTimeout(t.Context(), testBound)
	defer cancel()
	page, err := b.Rod().Context(ctx).Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		// Never answered: the page's JavaScript never returns.
		_, err := proto.RuntimeEvaluate{Expression: "while (true) {}"}.Call(page.Context(context.Background()))
		done <- err
	}()
	b.Kill()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("the call ended with %v, want ErrClosed", err)
		}
	case <-ctx.Done():
		t.Fatalf("a call was still waiting %s after its connection closed", testBound)
	}
}

// A call made on a context with no deadline is bounded all the same, and
// counted: the tests of the packages that drive browsers fail on any.
func TestCallsWithoutDeadlineAreCounted(t *testing.T) {
	b := launched(t)
	before := len(CallsWithoutDeadline())
	if _, err := (proto.BrowserGetVersion{}).Call(b.Rod().Context(context.Background())); err != nil {
		t.Fatal(err)
	}
	after := CallsWithoutDeadline()
	if len(after) != before+1 || after[before].Method != "Browser.getVersion" || !strings.HasSuffix(after[before].File, "deadline_test.go") {
		t.Errorf("calls without a deadline: %v (had %d before), want Browser.getVersion from this test counted", after, before)
	}
	// One on a context with a call limit is bounded by it, on purpose.
	if _, err := (proto.BrowserGetVersion{}).Call(b.Rod().Context(WithCallLimit(context.Background(), time.Minute))); err != nil {
		t.Fatal(err)
	}
	if n := len(CallsWithoutDeadline()); n != before+1 {
		t.Errorf("a call with a call limit was counted as one without a deadline")
	}
}

// A program that answers --version but never opens DevTools: the start ends
// by the caller's deadline, killed, saying why. It once waited forever.
func TestLaunchOfABrowserThatNeverOpensDevToolsEnds(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "fake-chrome")
	script := "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'Chromium 120.0'; exit 0; }\nexec sh -c 'while :; do sleep 1; done' fake-chrome \"$@\"\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := Launch(ctx, Options{Bin: fake, TempDir: tmp})
		done <- err
	}()
	bound, stop := context.WithTimeout(t.Context(), testBound)
	defer stop()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "did not open DevTools") || !strings.Contains(err.Error(), "ROMAINE_START_TIMEOUT") {
			t.Errorf("Launch: %v; want it to say the browser did not open DevTools within its start limit", err)
		}
	case <-bound.Done():
		t.Fatalf("Launch of a browser that never opens DevTools had not returned after %s", testBound)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "romaine-chrome-*"))
	for _, dir := range left {
		t.Errorf("the profile %s was left behind", dir)
	}
}

// launched is a browser of the test's own, closed at its end.
func launched(t *testing.T) *Browser {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), testBound)
	defer cancel()
	b, err := Launch(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}
