package chrome

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/cdp"
	"github.com/go-rod/rod/lib/proto"
)

// A PressRelease goes out as the press and, right behind it, the release: the
// release is written before the press is answered. The websocket below holds
// back the press's answer until the release is on its way, so a wire that
// waited for that answer (a round trip, during which a page's timer may
// re-render the node under the mouse) would be stuck until holdLimit and fail.
func TestPressAndReleaseArePipelined(t *testing.T) {
	b, err := Launch(t.Context(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>Press</title><button id="b" style="width:200px;height:100px">Go</button>
<script>window.events=[];for (const e of ['mousedown','mouseup','click']) document.getElementById('b').addEventListener(e, () => events.push(e));</script>`)
	}))
	t.Cleanup(srv.Close)

	ws := &cdp.WebSocket{}
	if err := ws.Connect(t.Context(), b.ControlURL, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ws.Close() })
	hold := &holdPressAnswer{ws: ws, released: make(chan struct{})}
	rb := rod.New().Context(t.Context()).Client(newWire(hold))
	if err := rb.Connect(); err != nil {
		t.Fatal(err)
	}
	page, err := rb.Page(proto.TargetCreateTarget{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if err := page.WaitLoad(); err != nil {
		t.Fatal(err)
	}
	ev := func(typ proto.InputDispatchMouseEventType) proto.InputDispatchMouseEvent {
		one := 1
		return proto.InputDispatchMouseEvent{Type: typ, X: 50, Y: 30, Button: proto.InputMouseButtonLeft, Buttons: &one, ClickCount: 1}
	}
	pr := PressRelease{Press: ev(proto.InputDispatchMouseEventTypeMousePressed), Release: ev(proto.InputDispatchMouseEventTypeMouseReleased)}
	res, err := page.Call(t.Context(), string(page.SessionID), "Input.dispatchMouseEvent", pr)
	if err != nil {
		t.Fatal(err)
	}
	if string(res) != Pipelined {
		t.Errorf("answer %s, want %s (both events sent)", res, Pipelined)
	}
	if order := hold.log(); order != "press sent, release sent, press answered" {
		t.Errorf("on the wire: %s; want the release sent before the press was answered", order)
	}
	got, err := page.Eval(`() => events.join(" ")`)
	if err != nil {
		t.Fatal(err)
	}
	if s := got.Value.Str(); s != "mousedown mouseup click" {
		t.Errorf("page events %q, want one click", s)
	}
}

// holdLimit is how long holdPressAnswer keeps the press's answer back waiting
// for the release: past it the test fails rather than hangs.
const holdLimit = 10 * time.Second

// holdPressAnswer is a websocket that keeps the answer to a mouse press from
// its reader until the release has been written, and logs the order.
type holdPressAnswer struct {
	ws       *cdp.WebSocket
	mu       sync.Mutex
	pressID  string
	order    []string
	released chan struct{}
}

var idField = regexp.MustCompile(`^\{"id":(\d+)`)

func (h *holdPressAnswer) Send(msg []byte) error {
	id := ""
	if m := idField.FindSubmatch(msg); m != nil {
		id = string(m[1])
	}
	press, release := bytes.Contains(msg, []byte(`"mousePressed"`)), bytes.Contains(msg, []byte(`"mouseReleased"`))
	if press {
		// Known before it goes: its answer may be read before Send returns.
		h.mu.Lock()
		h.pressID = id
		h.mu.Unlock()
	}
	err := h.ws.Send(msg) // masks msg in place: read it before
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case press:
		h.order = append(h.order, "press sent")
	case release:
		h.order = append(h.order, "release sent")
		close(h.released)
	}
	return err
}

func (h *holdPressAnswer) Read() ([]byte, error) {
	msg, err := h.ws.Read()
	if err != nil {
		return msg, err
	}
	h.mu.Lock()
	answer := h.pressID != "" && bytes.HasPrefix(msg, []byte(`{"id":`+h.pressID+`,`))
	h.mu.Unlock()
	if answer {
		ctx, cancel := context.WithTimeout(context.Background(), holdLimit)
		defer cancel()
		select {
		case <-h.released:
		case <-ctx.Done():
		}
		h.mu.Lock()
		h.order = append(h.order, "press answered")
		h.mu.Unlock()
	}
	return msg, nil
}

func (h *holdPressAnswer) log() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.order, ", ")
}

// When the press is answered before the wire sees it go (a press the watch
// cannot place, or a wire goroutine that a loaded machine runs late), the
// release still goes and the call returns: it once waited for the press's
// answer a second time, forever. Browser.getVersion on the browser's own
// session stands for such a press: Chrome answers it, and its message has
// no session for the watch to match.
func TestPressAnsweredBeforeSeenGoingStillReturns(t *testing.T) {
	b, err := Launch(t.Context(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	w, err := dialWire(t.Context(), b.ControlURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), holdLimit)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		pr := PressRelease{Press: proto.InputDispatchMouseEvent{Type: proto.InputDispatchMouseEventTypeMousePressed}, Release: proto.InputDispatchMouseEvent{Type: proto.InputDispatchMouseEventTypeMouseReleased}}
		res, err := w.Call(ctx, "", "Browser.getVersion", pr)
		if err == nil && string(res) != Pipelined {
			err = fmt.Errorf("answer %s, want %s", res, Pipelined)
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatalf("the call did not return within %s", holdLimit)
	}
}
