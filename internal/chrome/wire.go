package chrome

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-rod/rod/lib/cdp"
	"github.com/go-rod/rod/lib/proto"
)

// wire is the connection to the browser, as rod's own, with one addition: a
// mouse press and its release sent back to back. rod waits for the answer to
// each call before the next one, so between press and release there would be
// a round trip through this process, which a loaded machine stretches to tens
// of milliseconds: long enough for a page's timer to re-render the node under
// the mouse, so that the browser fires no click. Here the release is written
// as soon as the press is on the wire, behind it, so the browser queues both.
//
// Every call goes through it, so it also bounds them all: a call whose context
// has no deadline gets its call limit (WithCallLimit) or callCeiling (and is
// then counted: see CallsWithoutDeadline),
// and every call ends at once, with ErrClosed, when the connection does (the
// browser died, or we hung up): rod's own client would wait for the answer
// to a call written just as the connection closed until its context ended.
type wire struct {
	*cdp.Client
	ws *pressWatch
}

func dialWire(ctx context.Context, u string) (*wire, error) {
	ws := &cdp.WebSocket{}
	if err := ws.Connect(ctx, u, nil); err != nil {
		return nil, err
	}
	return newWire(ws), nil
}

// newWire drives a browser over ws (in tests, a websocket that watches).
func newWire(ws cdp.WebSocketable) *wire {
	gone, ended := context.WithCancel(context.Background())
	pw := &pressWatch{ws: ws, waiting: map[string]chan struct{}{}, gone: gone, ended: ended}
	return &wire{Client: cdp.New().Start(pw), ws: pw}
}

// ErrClosed is the error of a call on a connection that has ended: the
// browser exited or crashed, or Romaine hung up on it (a browser that stopped
// answering, the end of the run, Ctrl-C).
var ErrClosed = errors.New("the connection to the browser is closed (the browser exited or crashed, or the run hung up on it: it stopped answering, or the run is stopping)")

// callCeiling bounds a call made on a context without a deadline. Romaine
// makes none (tests check CallsWithoutDeadline); it is the last guard against
// a call that would otherwise wait forever on a browser that stopped answering.
const callCeiling = time.Minute

type callLimitKey struct{}

// WithCallLimit is ctx for a rod object that lives long and makes calls of
// its own (a page, a browser context: rod makes calls with the context the
// object was made with, and derives the page's life from it): a call on it
// without a deadline of its own gets limit, on purpose, and is not counted
// by CallsWithoutDeadline. The context itself never expires.
func WithCallLimit(ctx context.Context, limit time.Duration) context.Context {
	return context.WithValue(ctx, callLimitKey{}, limit)
}

// Undeadlined is a call made on a context without a deadline (or a call
// limit): the method, and where in code outside rod and this package it was made.
type Undeadlined struct {
	Method string
	Func   string // the caller: package.(*Type).Method
	File   string
	Line   int
}

func (u Undeadlined) String() string {
	return fmt.Sprintf("%s from %s (%s:%d)", u.Method, u.Func, u.File, u.Line)
}

var undeadlined struct {
	sync.Mutex
	calls []Undeadlined
}

// CallsWithoutDeadline lists the calls (the first 50) made on a context
// without a deadline since the process started. Every such call is a bug:
// a browser that stops answering would hold it until callCeiling.
func CallsWithoutDeadline() []Undeadlined {
	undeadlined.Lock()
	defer undeadlined.Unlock()
	return slices.Clone(undeadlined.calls)
}

// noteUndeadlined records a call without a deadline, and its caller.
func noteUndeadlined(method string) {
	u := Undeadlined{Method: method, Func: "?"}
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		ours := strings.Contains(f.Function, "/internal/chrome.") && !strings.HasSuffix(f.File, "_test.go")
		if !strings.HasPrefix(f.Function, "github.com/go-rod/") && !ours {
			u.Func, u.File, u.Line = f.Function, f.File, f.Line
			break
		}
		if !more {
			break
		}
	}
	undeadlined.Lock()
	defer undeadlined.Unlock()
	if len(undeadlined.calls) < 50 {
		undeadlined.calls = append(undeadlined.calls, u)
	}
}

// hangUp closes the connection: calls waiting on it end with ErrClosed.
func (w *wire) hangUp() {
	w.ws.end()
	if c, ok := w.ws.ws.(io.Closer); ok {
		_ = c.Close()
	}
}

// PressRelease is the params of an Input.dispatchMouseEvent call that sends
// both events in order, the release right behind the press. A Browser's
// connection answers it with Pipelined.
type PressRelease struct {
	Press   proto.InputDispatchMouseEvent // the mousePressed event
	Release proto.InputDispatchMouseEvent // the mouseReleased event, written right behind it
}

// MarshalJSON is the press alone, so a connection that is not ours (a
// rod.Browser made elsewhere) sends only the press, and answers as it does to
// any press: the caller then sends the release itself.
func (pr PressRelease) MarshalJSON() ([]byte, error) { return json.Marshal(pr.Press) }

// Pipelined is the answer of a Browser's connection to a PressRelease: both
// events were sent.
const Pipelined = `{"romaine":"press and release"}`

// Call is rod's call, bounded (see wire), except for a PressRelease.
func (w *wire) Call(ctx context.Context, sessionID, method string, params any) ([]byte, error) {
	if _, ok := ctx.Deadline(); !ok {
		limit, ok := ctx.Value(callLimitKey{}).(time.Duration)
		if !ok {
			limit = callCeiling
			noteUndeadlined(method)
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	if w.ws.gone.Err() != nil {
		return nil, ErrClosed
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := context.AfterFunc(w.ws.gone, func() { cancel(ErrClosed) })
	defer stop()
	res, err := w.call(ctx, sessionID, method, params)
	if err != nil && (errors.Is(context.Cause(ctx), ErrClosed) || w.ws.gone.Err() != nil && errors.Is(err, net.ErrClosed)) {
		return nil, ErrClosed
	}
	return res, err
}

func (w *wire) call(ctx context.Context, sessionID, method string, params any) ([]byte, error) {
	pr, ok := params.(PressRelease)
	if !ok {
		return w.Client.Call(ctx, sessionID, method, params)
	}
	sent := w.ws.expect(sessionID)
	pressed := make(chan error, 1)
	go func() {
		_, err := w.Client.Call(ctx, sessionID, method, pr.Press)
		pressed <- err
	}()
	answered := false
	select {
	case <-sent:
	case err := <-pressed: // answered (or failed) before we saw it go: rare, but fine
		w.ws.forget(sessionID)
		if err != nil {
			return nil, err
		}
		answered = true // its answer is taken: waiting for it again would never end
	}
	_, rerr := w.Client.Call(ctx, sessionID, method, pr.Release)
	var perr error
	if !answered {
		perr = <-pressed
	}
	return []byte(Pipelined), errors.Join(perr, rerr)
}

// pressWatch is the websocket, telling a waiting caller when a session's
// mouse press has been written.
type pressWatch struct {
	ws      cdp.WebSocketable
	mu      sync.Mutex
	waiting map[string]chan struct{} // by session
	gone    context.Context          // done when the connection has ended
	ended   context.CancelFunc
}

func (p *pressWatch) end() { p.ended() }

var sessionField = regexp.MustCompile(`"sessionId":"([^"]+)"`)

func (p *pressWatch) expect(session string) <-chan struct{} {
	ch := make(chan struct{})
	p.mu.Lock()
	p.waiting[session] = ch
	p.mu.Unlock()
	return ch
}

func (p *pressWatch) forget(session string) {
	p.mu.Lock()
	delete(p.waiting, session)
	p.mu.Unlock()
}

func (p *pressWatch) Send(msg []byte) error {
	var ch chan struct{}
	if bytes.Contains(msg, []byte(`"mousePressed"`)) {
		if m := sessionField.FindSubmatch(msg); m != nil {
			p.mu.Lock()
			ch = p.waiting[string(m[1])]
			delete(p.waiting, string(m[1]))
			p.mu.Unlock()
		}
	}
	err := p.ws.Send(msg) // masks msg in place: read it before
	if ch != nil {
		close(ch)
	}
	return err
}

func (p *pressWatch) Read() ([]byte, error) {
	msg, err := p.ws.Read()
	if err != nil {
		p.end() // rod's reader stops here: no call will be answered again
	}
	return msg, err
}
