package support

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestUnknownStateIsRefusedAtOnce(t *testing.T) {
	p := &Page{policy: DefaultPolicy()}
	err := p.ExpectState(t.Context(), Loc("Save"), "pressed")
	var le *LocatorError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), `unknown state "pressed": use support.Disabled, Enabled, Checked or Unchecked`) {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkScriptsLoadingCheck measures what the readiness rule (ready.go)
// costs an action on a page that loads no script: the Go-side look at the
// script requests in flight, once per check.
func BenchmarkScriptsLoadingCheck(b *testing.B) {
	e := newPageEvents(nil)
	for range b.N {
		if pending, _, _ := e.scriptsLoading(time.Now().Add(-5 * time.Second)); len(pending) > 0 {
			b.Fatal("no script was loading")
		}
	}
}

// A request the page makes long after it booted is not waited for, even
// right after another one ended: an app that polls its server would
// otherwise be booting for ever, each action waiting for its poll. One made
// right after a script arrived (a loader's template) is, and so is one right
// after such a request while the document is young (the next template).
func TestBootRequestsFollowScriptsNotPolls(t *testing.T) {
	e := newPageEvents(nil)
	e.scripts.domReady = time.Now().Add(-time.Minute)
	stuck := time.Now().Add(-5 * time.Second)
	e.fetchStarted("poll-1", "http://127.0.0.1/poll", "http://127.0.0.1/")
	if pending, _, _ := e.scriptsLoading(stuck); len(pending) != 0 {
		t.Fatalf("a poll a minute after DOMContentLoaded is waited for: %v", pending)
	}
	e.scriptStarted("module", "http://127.0.0.1/js/todos.js")
	e.scriptEnded("module")
	e.fetchStarted("template", "http://127.0.0.1/tpl/todos.html", "http://127.0.0.1/")
	if pending, _, _ := e.scriptsLoading(stuck); len(pending) != 1 || !pending[0].fetch {
		t.Fatalf("the template asked for right after its module arrived is not waited for: %v", pending)
	}
	e.scriptEnded("template")
	e.scripts.lastScript = time.Now().Add(-2 * bootGap) // the module came a while ago
	e.fetchStarted("poll-2", "http://127.0.0.1/poll", "http://127.0.0.1/")
	if pending, _, _ := e.scriptsLoading(stuck); len(pending) != 0 {
		t.Fatalf("a poll right after the template ended is waited for: %v", pending)
	}
}

func TestBootRequestsFollowEachOtherWhileYoung(t *testing.T) {
	e := newPageEvents(nil)
	e.scripts.domReady = time.Now().Add(-3 * bootGap)
	stuck := time.Now().Add(-5 * time.Second)
	e.scriptStarted("module", "http://127.0.0.1/js/todos.js")
	e.scriptEnded("module")
	e.fetchStarted("first", "http://127.0.0.1/tpl/todos.html", "http://127.0.0.1/")
	e.scriptEnded("first")
	e.scripts.lastScript = time.Now().Add(-2 * bootGap)
	e.fetchStarted("second", "http://127.0.0.1/tpl/stats.html", "http://127.0.0.1/")
	if pending, _, _ := e.scriptsLoading(stuck); len(pending) != 1 || pending[0].url != "http://127.0.0.1/tpl/stats.html" {
		t.Fatalf("the template asked for right after the first one, %v after DOMContentLoaded, is not waited for: %v", 3*bootGap, pending)
	}
}
