package chrome

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"sync"

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
	pw := &pressWatch{ws: ws, waiting: map[string]chan struct{}{}}
	return &wire{Client: cdp.New().Start(pw), ws: pw}
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

// Call is rod's call, except for a PressRelease.
func (w *wire) Call(ctx context.Context, sessionID, method string, params any) ([]byte, error) {
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
}

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

func (p *pressWatch) Read() ([]byte, error) { return p.ws.Read() }
