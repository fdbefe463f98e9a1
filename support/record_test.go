package support_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/cdp"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// record starts a recording of p with one consumer whose hooks are h; it is
// ended when the test ends.
func record(t *testing.T, p *support.Page, h support.Hooks) *support.Recording {
	t.Helper()
	r, err := p.Record(t.Context(), support.RecordOptions{
		Scenario:  support.ScenarioInfo{Name: t.Name(), Attempt: 1},
		Consumers: []support.Consumer{func(context.Context, *support.Recording) (support.Hooks, error) { return h, nil }},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.End(context.Background(), support.Ending{Status: "passed", Attempt: 1}) })
	return r
}

// step runs do as a step of r, as terrain marks one.
func step(t *testing.T, r *support.Recording, text string, do func() error) {
	t.Helper()
	r.StepStarted(text)
	err := do()
	status := "passed"
	if err != nil {
		status = "failed"
	}
	r.StepEnded(t.Context(), status, err)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
}

// recorded waits for what the browser reports asynchronously (a frame's
// requests and console come after the top page has loaded), with the time
// of a page load, as a loaded machine may need it.
func recorded(t *testing.T, what string, cond func() bool) {
	t.Helper()
	eventuallyWithin(t, loadPolicy.Timeout, what, cond)
}

func findRequest(reqs []support.Request, suffix string) (support.Request, bool) {
	for _, q := range reqs {
		if strings.HasSuffix(q.URL, suffix) {
			return q, true
		}
	}
	return support.Request{}, false
}

// ended waits until the request whose URL ends with suffix has ended.
func ended(t *testing.T, r *support.Recording, suffix string) support.Request {
	t.Helper()
	var q support.Request
	recorded(t, "the request "+suffix+" to end", func() bool {
		var ok bool
		q, ok = findRequest(r.Requests(), suffix)
		return ok && !q.Ended.IsZero()
	})
	if q.Ended.Before(q.Started) {
		t.Errorf("%s ended (%s) before it started (%s)", suffix, q.Ended, q.Started)
	}
	return q
}

func TestRecordRequestsConsoleAndDocuments(t *testing.T) {
	t.Parallel()
	p := newPage(t, site{
		"/": `<a href="/next">Next</a><p id="out"></p><script>
console.log("hello", 42); console.error("bad thing");
fetch("/api/ok").then((r) => r.text()).then(() => out.append("ok "));
fetch("/api/missing").then(() => out.append("missing "));
setTimeout(() => { throw new Error("boom") }, 0);
</script>`,
		"/api/ok": `fine`,
		"/next":   `<p>Next page</p>`,
	})
	var ends []support.Ending
	r := record(t, p, support.Hooks{Ended: func(_ context.Context, e support.Ending) []support.Artifact {
		ends = append(ends, e)
		return []support.Artifact{{Path: "film.html", MediaType: "text/html", Data: []byte("<p>film</p>")}}
	}})
	ctx := t.Context()
	step(t, r, "I am on the home page", func() error {
		if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
			return err
		}
		return errors.Join(p.ExpectText(ctx, "ok", support.Within("#out")), p.ExpectText(ctx, "missing", support.Within("#out")))
	})
	step(t, r, `I click "Next"`, func() error {
		if err := p.Click(ctx, support.Loc("Next")); err != nil {
			return err
		}
		return p.ExpectText(ctx, "Next page")
	})

	home := ended(t, r, "/")
	if home.Type != "Document" || home.Method != "GET" || home.Status != 200 || home.Step != 0 {
		t.Errorf("the home page's request: %+v", home)
	}
	ok := ended(t, r, "/api/ok")
	if ok.Type != "Fetch" || ok.Status != 200 || ok.Step != 0 || ok.Frame == "" {
		t.Errorf("/api/ok: %+v", ok)
	}
	if missing := ended(t, r, "/api/missing"); missing.Status != 404 {
		t.Errorf("/api/missing: %+v, want status 404", missing)
	}
	if next := ended(t, r, "/next"); next.Type != "Document" || next.Step != 1 {
		t.Errorf("/next: %+v, want a document of step 1", next)
	}

	var console []string
	recorded(t, "the uncaught error", func() bool {
		console = nil
		for _, m := range r.Console() {
			console = append(console, m.Level+": "+m.Text)
		}
		return len(console) >= 3
	})
	if console[0] != "log: hello 42" || console[1] != "error: bad thing" || !strings.HasPrefix(console[2], "uncaught: ") || !strings.Contains(console[2], "boom") {
		t.Errorf("console = %q, want the log, the error and the uncaught error, in order", console)
	}

	var docs []support.Document
	for _, d := range r.Documents() {
		if d.Parent == "" && !strings.HasPrefix(d.URL, "about:") {
			docs = append(docs, d)
		}
	}
	if len(docs) != 2 || !strings.HasSuffix(docs[0].URL, "/") || !strings.HasSuffix(docs[1].URL, "/next") {
		t.Fatalf("documents = %+v, want the home page, then /next", docs)
	}
	if docs[0].Left.IsZero() || !docs[1].Left.IsZero() || docs[0].Loader == docs[1].Loader || docs[1].Step != 1 {
		t.Errorf("the home page is left, /next is shown, each its own loader: %+v", docs)
	}

	steps := r.Steps()
	if len(steps) != 2 || steps[1].Text != `I click "Next"` || steps[1].Status != "passed" || steps[1].Ended.Before(steps[1].Started) {
		t.Errorf("steps = %+v", steps)
	}
	files := r.End(ctx, support.Ending{Status: "passed", Attempt: 2})
	if len(files) != 1 || files[0].Path != "film.html" {
		t.Errorf("End returned %+v, want the consumer's file", files)
	}
	if len(ends) != 1 || !ends[0].Flaky() || ends[0].Failed() {
		t.Errorf("Ended saw %+v, want one ending, flaky (passed on attempt 2)", ends)
	}
	if again := r.End(ctx, support.Ending{Status: "failed"}); again != nil || len(ends) != 1 {
		t.Errorf("a second End ran the hooks again")
	}
	r.StepStarted("a step a failure skipped") // godog runs its hooks after the end
	r.StepEnded(ctx, "skipped", nil)
	if n := len(r.Steps()); n != 2 {
		t.Errorf("%d steps after a step marked past the end, want 2", n)
	}
}

// A step's attempt log holds each state its waits saw: the button is
// disabled, then covered, then the click goes through. The page changes
// when the log shows the state before, so every state is seen however slow
// the machine.
func TestRecordAttemptLog(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<button id="save" disabled onclick="rec('saved')">Save</button>
<div id="cover" style="position:fixed;inset:0;background:rgba(0,0,0,.3);display:none"></div>`})
	var seen []support.Step
	r := record(t, p, support.Hooks{StepEnded: func(_ context.Context, st support.Step) { seen = append(seen, st) }})
	p = p.WithPolicy(support.Policy{Timeout: 20 * time.Second, Slice: 200 * time.Millisecond})
	clicked := make(chan error, 1)
	r.StepStarted(`I click "Save"`)
	go func() { clicked <- p.Click(ctx, support.Loc("Save")) }()
	logged := func(k string) {
		recorded(t, "an attempt that saw "+k, func() bool {
			st := r.Steps()[0]
			return len(st.Attempts) > 0 && kind(st.Attempts[len(st.Attempts)-1].State) == k
		})
	}
	logged("disabled")
	js(t, p, "save.disabled = false, cover.style.display = 'block'")
	logged("covered")
	js(t, p, "cover.remove()")
	err := <-clicked
	r.StepEnded(ctx, "passed", err)
	if err != nil {
		t.Fatal(err)
	}
	wantEvents(t, p, "saved")
	if len(seen) != 1 {
		t.Fatalf("StepEnded ran %d times, want once", len(seen))
	}
	var states []string
	for _, a := range seen[0].Attempts {
		if a.At.Before(seen[0].Started) || a.At.After(seen[0].Ended) {
			t.Errorf("attempt %+v outside its step (%s to %s)", a, seen[0].Started, seen[0].Ended)
		}
		k := kind(a.State)
		if k != "" && (len(states) == 0 || states[len(states)-1] != k) {
			states = append(states, k)
		}
	}
	if want := []string{"disabled", "covered", "passed"}; !slices.Equal(states, want) {
		t.Errorf("attempt states %q, want %q; log: %+v", states, want, seen[0].Attempts)
	}
	if got := r.Steps()[0].Attempts; len(got) != len(seen[0].Attempts) {
		t.Errorf("Steps has %d attempts, StepEnded saw %d", len(got), len(seen[0].Attempts))
	}
}

func kind(state string) string {
	switch {
	case state == "":
		return "passed"
	case strings.Contains(state, "disabled"):
		return "disabled"
	case strings.HasPrefix(state, "covered by div#cover"):
		return "covered"
	case strings.HasPrefix(state, "waiting for a frame"):
		return "" // between two states, as long as frames take
	}
	return state
}

// Leaving runs while the old document still answers, for navigations the
// page starts (a link, location.href) and one the test starts (Visit): a
// coverage consumer's precise coverage then has every document's functions.
func TestRecordLeavingRunsBeforeTheDocumentGoes(t *testing.T) {
	t.Parallel()
	p := newPage(t, site{
		"/":      `<a href="/next">Next</a><script>function home() {} home()</script>`,
		"/next":  `<button onclick="location.href = '/third'">Third</button><script>function nextPage() {} nextPage()</script>`,
		"/third": `<p>Third page</p><script>function third() {} third()</script>`,
	})
	var mu sync.Mutex
	var leaves []string
	covered := map[string]bool{}
	take := func(ctx context.Context, s *support.Session) error {
		res, err := proto.ProfilerTakePreciseCoverage{}.Call(s.Client(ctx))
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for _, sc := range res.Result {
			for _, f := range sc.Functions {
				covered[f.FunctionName] = true
			}
		}
		return nil
	}
	r := record(t, p, support.Hooks{
		Attach: func(ctx context.Context, s *support.Session) error {
			if err := (proto.ProfilerEnable{}).Call(s.Client(ctx)); err != nil {
				return err
			}
			_, err := proto.ProfilerStartPreciseCoverage{CallCount: true, Detailed: true}.Call(s.Client(ctx))
			return err
		},
		Leaving: func(ctx context.Context, l support.Leave) {
			res, err := proto.RuntimeEvaluate{Expression: "location.pathname", ReturnByValue: true}.Call(l.Session.Client(ctx))
			seen := fmt.Sprint(err)
			if err == nil {
				seen = res.Result.Value.Str()
			}
			if err := take(ctx, l.Session); err != nil {
				seen += "; coverage: " + err.Error()
			}
			mu.Lock()
			defer mu.Unlock()
			leaves = append(leaves, fmt.Sprintf("leaving %s: the document says %s", path(l.Document.URL), seen))
		},
	})
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute) // the coverage taken below is a call of the test's own
	defer cancel()
	for _, do := range []func() error{
		func() error { return p.WithPolicy(loadPolicy).Visit(ctx, "/") },
		func() error { return p.Click(ctx, support.Loc("Next")) },        // a link
		func() error { return p.Click(ctx, support.Loc("Third")) },       // location.href
		func() error { return p.ExpectText(ctx, "Third page") },          // (the click does not wait for the load)
		func() error { return p.WithPolicy(loadPolicy).Visit(ctx, "/") }, // ours
	} {
		if err := do(); err != nil {
			t.Fatal(err)
		}
	}
	if err := take(ctx, r.Sessions()[0]); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"leaving /: the document says /", "leaving /next: the document says /next", "leaving /third: the document says /third"}
	if !slices.Equal(leaves, want) {
		t.Errorf("leaves:\n%s\nwant:\n%s", strings.Join(leaves, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range []string{"home", "nextPage", "third"} {
		if !covered[f] {
			t.Errorf("the coverage taken lacks %s(): the document had gone before it was taken", f)
		}
	}
}

func path(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
	}
	return u
}

// A response held by Hold reaches the page only when the recording ends;
// the others are not held up by it, and WaitRequests sees it in flight.
func TestRecordHoldReleasedAtTheEnd(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{
		"/": `<button onclick="fetch('/api/slow').then((r) => r.text()).then(() => out.append('slow done ')); fetch('/api/fast').then((r) => r.text()).then(() => out.append('fast done '))">Go</button>
<p id="out"></p>`,
		"/api/slow": "slow", "/api/fast": "fast",
	})
	var mu sync.Mutex
	var asked []string
	r := record(t, p, support.Hooks{Hold: func(q support.Request) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, fmt.Sprintf("%s %s %d", q.Method, path(q.URL), q.Status))
		if strings.HasSuffix(q.URL, "/api/slow") {
			return time.Hour
		}
		return 0
	}})
	if err := p.Click(ctx, support.Loc("Go")); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(ctx, "fast done", support.Within("#out")); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectNoText(ctx, "slow done"); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if err := r.WaitRequests(short); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "1 still in flight") {
		t.Errorf("WaitRequests while /api/slow is held: %v, want 1 still in flight; requests: %+v", err, r.Requests())
	}
	r.End(ctx, support.Ending{Status: "passed", Attempt: 1})
	if err := p.ExpectText(ctx, "fast done slow done", support.Within("#out")); err != nil {
		t.Errorf("the held response did not reach the page after the end: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(asked, "GET /api/slow 200") || !slices.Contains(asked, "GET /api/fast 200") {
		t.Errorf("Hold was asked about %q, want both responses with their status", asked)
	}
}

// A cross-site frame runs in a process (and CDP session) of its own: its
// requests and console are recorded too, and Attach runs on its session
// before any of its scripts.
func TestRecordOutOfProcessFrame(t *testing.T) {
	t.Parallel()
	other := serve(t, site{"/pay": `<p>Pay here</p><script>console.log("in frame", window.attached);
fetch("/frame-data").then((r) => r.text()).then(() => console.log("frame fetched"))</script>`, "/frame-data": "data"})
	// The same server by another name: another site, so another process.
	frameURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + "/pay"
	p, _ := isolatedPage(t, serve(t, site{"/": `<h1>Shop</h1><iframe title="Payment" src="` + frameURL + `"></iframe>`}))
	var mu sync.Mutex
	var attached []*support.Session
	r := record(t, p, support.Hooks{Attach: func(ctx context.Context, s *support.Session) error {
		mu.Lock()
		attached = append(attached, s)
		mu.Unlock()
		if s.Main {
			return nil
		}
		_, err := proto.PageAddScriptToEvaluateOnNewDocument{Source: "window.attached = 'before its scripts'"}.Call(s.Client(ctx))
		return err
	}})
	ctx := t.Context()
	if err := p.WithPolicy(loadPolicy).Visit(ctx, "/"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("requests: %+v\nsessions: %d, problems: %q, console: %+v", r.Requests(), len(r.Sessions()), r.Problems(), r.Console())
		}
	})
	data := ended(t, r, "/frame-data")
	if data.Status != 200 || data.Type != "Fetch" {
		t.Errorf("the frame's request: %+v", data)
	}
	var console []string
	recorded(t, "the frame's console", func() bool {
		console = nil
		for _, m := range r.Console() {
			if m.Frame {
				console = append(console, m.Text)
			}
		}
		return len(console) == 2
	})
	if want := []string{"in frame before its scripts", "frame fetched"}; !slices.Equal(console, want) {
		t.Errorf("the frame's console = %q, want %q", console, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(attached) != 2 || !attached[0].Main || attached[1].Main {
		t.Errorf("Attach ran on %d sessions, want the page's, then the frame's", len(attached))
	}
	if s := r.Sessions(); len(s) != 2 {
		t.Errorf("Sessions() = %d, want 2", len(s))
	}
	if probs := r.Problems(); len(probs) > 0 {
		t.Errorf("problems: %q", probs)
	}
}

// Scenarios record side by side, each its own page (run with -race).
func TestRecordConcurrentScenarios(t *testing.T) {
	t.Parallel()
	srv := serve(t, site{
		"/":     `<button onclick="console.log('clicked'); fetch('/api').then(() => out.append('done'))">Go</button><p id="out"></p>`,
		"/api":  "answer",
		"/next": "next",
	})
	b := needBrowser(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Run(fmt.Sprint("scenario ", i), func(t *testing.T) {
				p, err := support.NewPage(t.Context(), b.Rod(), support.PageOptions{BaseURL: srv.URL, Policy: loadPolicy})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = p.Close() })
				r := record(t, p, support.Hooks{StepEnded: func(context.Context, support.Step) {}})
				stop := make(chan struct{})
				var readers sync.WaitGroup
				readers.Add(1)
				go func() { // a consumer reading while events arrive
					defer readers.Done()
					for {
						select {
						case <-stop:
							return
						default:
							_, _, _, _ = r.Requests(), r.Console(), r.Steps(), r.Documents()
							runtime.Gosched()
						}
					}
				}()
				ctx := t.Context()
				step(t, r, "I visit", func() error { return p.Visit(ctx, "/") })
				step(t, r, "I go", func() error {
					if err := p.Click(ctx, support.Loc("Go")); err != nil {
						return err
					}
					return p.ExpectText(ctx, "done")
				})
				close(stop)
				readers.Wait()
				ended(t, r, "/api")
				if n := len(r.Steps()); n != 2 {
					t.Errorf("%d steps, want 2", n)
				}
			})
		}()
	}
	wg.Wait()
}

// counting is a CDP connection that notes every command sent.
type counting struct {
	*cdp.Client
	mu    sync.Mutex
	calls []string
}

func (c *counting) Call(ctx context.Context, session, method string, params any) ([]byte, error) {
	c.mu.Lock()
	c.calls = append(c.calls, method)
	c.mu.Unlock()
	return c.Client.Call(ctx, session, method, params)
}

// switchedOn is the commands sent so far that turn a domain or a feature
// on, each once, sorted.
func (c *counting) switchedOn() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var on []string
	for _, m := range c.calls {
		if strings.HasSuffix(m, ".enable") || m == "Target.setAutoAttach" || m == "Page.setLifecycleEventsEnabled" || strings.HasPrefix(m, "Profiler.start") {
			on = append(on, m)
		}
	}
	slices.Sort(on)
	return slices.Compact(on)
}

// With no consumer, a scenario turns on nothing beyond what the page's
// failure artifacts need; with one, the recorder turns on what its hooks need.
func TestRecordOffEnablesNothing(t *testing.T) {
	t.Parallel()
	var conn *counting
	own := ownBrowser(t, func(c *cdp.Client) rod.CDPClient { conn = &counting{Client: c}; return conn })
	srv := serve(t, site{"/": `<button onclick="console.log('hi'); out.textContent = 'clicked'">Go</button><p id="out"></p>`})
	scenario := func(consumers ...support.Consumer) []string {
		p, err := support.NewPage(t.Context(), own, support.PageOptions{BaseURL: srv.URL, Policy: loadPolicy})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		conn.mu.Lock()
		conn.calls = nil
		conn.mu.Unlock()
		ctx := t.Context()
		r, err := p.Record(ctx, support.RecordOptions{Consumers: consumers})
		if err != nil {
			t.Fatal(err)
		}
		if (r == nil) != (len(consumers) == 0) {
			t.Fatalf("Record with %d consumers gave %v", len(consumers), r)
		}
		r.StepStarted("I go")
		err = errors.Join(p.Visit(ctx, "/"), p.Click(ctx, support.Loc("Go")), p.ExpectText(ctx, "clicked"))
		r.StepEnded(ctx, "passed", err)
		r.End(ctx, support.Ending{Status: "passed", Attempt: 1})
		if err != nil {
			t.Fatal(err)
		}
		return conn.switchedOn()
	}
	if on := scenario(); len(on) > 0 {
		t.Errorf("with no consumer, a scenario turned on %q", on)
	}
	for _, c := range []struct {
		hooks support.Hooks
		want  []string
	}{
		{support.Hooks{StepEnded: func(context.Context, support.Step) {}}, []string{"Target.setAutoAttach"}},
		{support.Hooks{Leaving: func(context.Context, support.Leave) {}}, []string{"Debugger.enable", "Target.setAutoAttach"}},
		{support.Hooks{Hold: func(support.Request) time.Duration { return 0 }}, []string{"Fetch.enable", "Target.setAutoAttach"}},
	} {
		consumer := func(context.Context, *support.Recording) (support.Hooks, error) { return c.hooks, nil }
		if on := scenario(consumer); !slices.Equal(on, c.want) {
			t.Errorf("with a consumer of %+v, a scenario turned on %q, want %q", c.hooks, on, c.want)
		}
	}
}

// A step says whether it used the page, whichever way it did: the step film
// takes no snapshot of one that did not (a factory, an HTTP step).
func TestRecordStepUsedPage(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<p>Hello</p>`})
	var seen []support.Step
	r := record(t, p, support.Hooks{StepEnded: func(_ context.Context, st support.Step) { seen = append(seen, st) }})
	framed := p.InFrame(support.Loc("Editor")).WithPolicy(support.Policy{Timeout: time.Second})
	for _, c := range []struct {
		text string
		do   func() error
		used bool
	}{
		{"I am on the page", func() error { return p.Visit(ctx, "/") }, true},
		{"a product exists", func() error { return nil }, false},
		{`I should see "Hello"`, func() error { return p.ExpectText(ctx, "Hello") }, true},
		{"the next dialog is accepted", func() error { p.NextDialog(true); return nil }, false},
		{"a step of the user's own, on rod", func() error { _, err := p.Rod().Eval(`() => 1`); return err }, true},
		{"a step on a copy of the page", func() error { _ = framed.ExpectNoText(ctx, "Bye"); return nil }, true},
		{"an HTTP step", func() error { _, err := p.Resolve("/api"); return err }, false},
	} {
		step(t, r, c.text, c.do)
		if got := seen[len(seen)-1]; got.Text != c.text || got.UsedPage != c.used {
			t.Errorf("step %q: UsedPage %v, want %v", got.Text, got.UsedPage, c.used)
		}
	}
}
