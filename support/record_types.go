package support

import (
	"context"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// What the recorder hands its consumers (record.go says when).

// ScenarioInfo names the scenario a Recording is of.
type ScenarioInfo struct {
	ID      string // the pickle id: one per scenario (an outline's example is one)
	Name    string // the scenario's name
	URI     string // its feature file
	Line    int    // its line in the file (file:line runs it alone)
	Attempt int    // 1 on a first run; 2 and more for a retry of a failed run
	Worker  int    // the worker it runs on
}

// A Consumer is a feature built on the recorder. It is called at each
// scenario's start and returns that scenario's hooks; an error fails the
// scenario before its first step (say which feature failed and why).
type Consumer func(ctx context.Context, r *Recording) (Hooks, error)

// Hooks are one consumer's hooks for one scenario; nil ones are not called.
// Only what is asked for costs: Leaving turns on the Debugger (for its
// pause) and a navigate listener in a world of its own, Hold turns on Fetch
// for every response.
type Hooks struct {
	// Attach readies a session: the page's own at the scenario's start, each
	// out-of-process frame's as it attaches (paused until Attach returns). An
	// error fails the scenario (the page's) or is one of Problems (a frame's).
	Attach func(ctx context.Context, s *Session) error
	// StepEnded runs after each step, on the scenario's goroutine, the page as
	// the step left it. Events of the step may still be on their way: read
	// them in Ended, by Step index.
	StepEnded func(ctx context.Context, st Step)
	// Leaving runs before a document goes, while it still answers on l.Session.
	Leaving func(ctx context.Context, l Leave)
	// Hold says how long to keep a response (r has its status) from the page.
	Hold func(r Request) time.Duration
	// Events are handlers of CDP events by method, run on the page's listener:
	// they must not wait.
	Events map[string]func(s *Session, m *rod.Message)
	// Ended runs once the scenario ended, before its page is wiped or closed;
	// the files it returns are attached to the scenario's last step.
	Ended func(ctx context.Context, e Ending) []Artifact
}

// Session is one CDP session of the scenario's page: the page's own, or an
// out-of-process frame's (a cross-site iframe under site isolation).
type Session struct {
	ID     proto.TargetSessionID // the session, as CDP names it
	Target proto.TargetTargetID  // the page's or the frame's target
	Main   bool                  // the page's own session
	URL    string                // what it showed when attached
	b      *rod.Browser
	gone   bool // detached (r.mu)
}

// Client sends CDP commands on the session, bounded by ctx:
// proto.ProfilerTakePreciseCoverage{}.Call(s.Client(ctx)). (For rod's page
// helpers on the page itself, use Recording.Page().Rod().)
func (s *Session) Client(ctx context.Context) proto.Client {
	return sessionClient{b: s.b, id: s.ID, ctx: ctx}
}

// sessionClient is a proto.Client of one session.
type sessionClient struct {
	b   *rod.Browser
	id  proto.TargetSessionID
	ctx context.Context
}

func (c sessionClient) Call(ctx context.Context, sessionID, method string, params any) ([]byte, error) {
	return c.b.Call(ctx, sessionID, method, params)
}

func (c sessionClient) GetSessionID() proto.TargetSessionID { return c.id }
func (c sessionClient) GetContext() context.Context         { return c.ctx }

// Request is one HTTP request of the page, of its frames, or of an HTTP step.
type Request struct {
	ID      string    // the browser's request id ("" for an HTTP step)
	Method  string    // GET, POST, ...
	URL     string    // the whole URL
	Type    string    // the browser's resource type (Document, XHR, Fetch, Script, ...), or HTTPStep
	Frame   string    // the frame that made it ("" for an HTTP step)
	Status  int       // the answer's status; 0 while unanswered, or when it failed
	Started time.Time // when it was sent
	Ended   time.Time // when its answer was read, or it failed; zero while in flight
	Failure string    // the network error (net::ERR_...), "canceled" when the page gave it up
	Step    int       // the step it began in, an index of Steps (-1: before the first)
}

// HTTPStep is the Type of a request an HTTP step sent (not the browser).
const HTTPStep = "HTTPStep"

// Message is a console message or an uncaught error.
type Message struct {
	At    time.Time // when the page logged it (the browser's clock)
	Level string    // log, info, warning, error, debug, ...; "uncaught" for an uncaught error
	Text  string    // the message, its arguments joined as the console shows them
	Frame bool      // from an out-of-process frame
	Step  int       // as Request.Step
}

// Document is one document a frame showed: a page load, or a frame's.
type Document struct {
	Frame     string    // the frame's id
	Parent    string    // its parent frame's id; "" for the page itself
	Loader    string    // the loader id: one per document
	URL       string    // its URL when it committed
	Committed time.Time // when the frame switched to it
	Left      time.Time // when it was left (Leaving ran, or the frame moved on); zero while shown
	Step      int       // as Request.Step
	in        *Session  // the session it is shown in
}

// Leave is what Leaving is told: the document about to go, and the session
// to ask it on.
type Leave struct {
	Session  *Session // the session that shows the document
	Document Document // the document about to go
}

// Step is one step of the scenario.
type Step struct {
	Index    int       // its place in Steps
	Text     string    // the step's text, without its keyword
	Started  time.Time // when it began
	Ended    time.Time // zero while it runs
	Status   string    // passed, failed, skipped, undefined, pending; "" while it runs
	Err      string    // why it failed
	Attempts []Attempt // each in-page check the step's waits saw answered, in order
	// UsedPage says the step called the page: any method of the Page (or of
	// its InFrame and WithPolicy copies), or took its Rod. A step that did
	// not (a factory, an HTTP step, a dialog armed for later) left the page
	// as the step before left it, but for what the page's own scripts did
	// meanwhile; the step film takes no snapshot of it.
	UsedPage bool
}

// Attempt is one answered check of a step's wait: what the page showed.
type Attempt struct {
	At    time.Time // when its answer came
	State string    // why it did not pass ("covered by div.overlay", "moving", "disabled"); "" when it passed
}

// Ending is how a scenario ended.
type Ending struct {
	Status  string // passed, failed, skipped, undefined, pending
	Err     error  // the scenario's error; nil when it passed
	Attempt int    // as ScenarioInfo.Attempt
}

// Failed reports whether the scenario failed.
func (e Ending) Failed() bool { return e.Status == "failed" || e.Status == "undefined" }

// Flaky reports whether it passed on a retry, having failed before.
func (e Ending) Flaky() bool { return e.Status == "passed" && e.Attempt > 1 }
