package chrome

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// An endpoint that is down, or that is not DevTools, is said so within seconds.
func TestRemoteBrowserErrors(t *testing.T) {
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	downURL := "http://" + closed.Addr().String()
	closed.Close()
	web := httptest.NewServer(http.NotFoundHandler())
	defer web.Close()
	silent := listen(t, func(c net.Conn) {}) // accepts, never answers
	// Completes the WebSocket handshake (for rod's fixed key "nil"), then is silent.
	mute := listen(t, func(c net.Conn) {
		sum := sha1.Sum([]byte("nil258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		fmt.Fprintf(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", base64.StdEncoding.EncodeToString(sum[:]))
	})
	for endpoint, want := range map[string]string{
		"ws://" + silent + "/devtools/browser/x": "i/o timeout",
		"ws://" + mute + "/devtools/browser/x":   "did not answer DevTools within 3s",
		"ftp://" + mute:                          `scheme "ftp"`,
		downURL:                                  "unreachable",
		web.URL:                                  "not a DevTools endpoint: GET " + web.URL + "/json/version answered 404 Not Found",
		"http://no-such-host.invalid:9222":       `cannot resolve "no-such-host.invalid"`,
		"ws://" + web.Listener.Addr().String() + "/devtools/browser/x": "cannot open DevTools WebSocket",
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		_, err := Connect(ctx, endpoint, 3*time.Second)
		cancel()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want an error containing %q, got %v", endpoint, want, err)
		}
	}
}

// listen serves every connection with serve and keeps it open until the test ends.
func listen(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			serve(c)
		}
	}()
	return l.Addr().String()
}
