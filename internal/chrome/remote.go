package chrome

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/go-rod/rod/lib/cdp"
	"github.com/go-rod/rod/lib/proto"
)

// RemoteError says a DevTools endpoint could not be used, and why.
type RemoteError struct {
	Endpoint string // as configured (ROMAINE_BROWSER_URL)
	Reason   string // what went wrong reaching it
}

// Error reads "browser endpoint ENDPOINT: REASON".
func (e *RemoteError) Error() string {
	return fmt.Sprintf("browser endpoint %s: %s", e.Endpoint, e.Reason)
}

// DevToolsURL turns an endpoint into the WebSocket URL to drive a browser with.
// ws:// and wss:// URLs are used as they are (their path and query carry a
// session or a token: browserless' ?token=, Selenoid's /devtools/ID). An
// http://host:port is asked for its /json/version; the host name is resolved to
// an IP first, because Chrome's DevTools refuses a Host header that is neither
// an IP nor localhost.
func DevToolsURL(ctx context.Context, endpoint string, timeout time.Duration) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return "", &RemoteError{endpoint, "not a URL: write ws://HOST:PORT/PATH or http://HOST:PORT"}
	}
	switch u.Scheme {
	case "ws", "wss":
		return endpoint, nil
	case "http", "https":
	default:
		return "", &RemoteError{endpoint, fmt.Sprintf("scheme %q: write ws://HOST:PORT/PATH or http://HOST:PORT", u.Scheme)}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	host := u.Hostname()
	if net.ParseIP(host) == nil {
		ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		if err != nil || len(ips) == 0 {
			return "", &RemoteError{endpoint, fmt.Sprintf("cannot resolve %q: %v", host, err)}
		}
		host = ips[0].IP.String()
		for _, ip := range ips { // Chrome listens on IPv4 unless told otherwise
			if ip.IP.To4() != nil {
				host = ip.IP.String()
				break
			}
		}
	}
	if port := u.Port(); port != "" {
		u.Host = net.JoinHostPort(host, port)
	} else {
		u.Host = host
	}
	u.Path, u.RawQuery = "/json/version", ""
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", &RemoteError{endpoint, fmt.Sprintf("unreachable (%v); is Chrome running with --remote-debugging-port, and listening beyond its own 127.0.0.1?", err)}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var version struct {
		WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &version) != nil || version.WebSocketDebuggerURL == "" {
		return "", &RemoteError{endpoint, fmt.Sprintf("not a DevTools endpoint: GET %s answered %s without a webSocketDebuggerUrl", u, resp.Status)}
	}
	ws, err := url.Parse(version.WebSocketDebuggerURL)
	if err != nil {
		return "", &RemoteError{endpoint, fmt.Sprintf("its webSocketDebuggerUrl %q is not a URL", version.WebSocketDebuggerURL)}
	}
	ws.Host = u.Host // Chrome answers with the address it thinks it has; use the one that reached it
	if u.Scheme == "https" {
		ws.Scheme = "wss"
	}
	return ws.String(), nil
}

// Connect drives a browser that is already running, at a DevTools
// endpoint (see DevToolsURL). Finding it, connecting and its first answer must
// all happen within timeout, so an endpoint that accepts connections but never
// answers is reported too. Closing the Browser only hangs up, and so does
// Kill. Its connection sends a mouse press and its release back to back, as
// a launched browser's does.
func Connect(ctx context.Context, endpoint string, timeout time.Duration) (*Browser, error) {
	wsURL, err := DevToolsURL(ctx, endpoint, timeout)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(wsURL)
	dialer := &deadlineDialer{deadline: time.Now().Add(timeout), tls: u.Scheme == "wss"}
	ws := &cdp.WebSocket{Dialer: dialer}
	dialCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := ws.Connect(dialCtx, wsURL, nil); err != nil {
		return nil, &RemoteError{endpoint, fmt.Sprintf("cannot open DevTools WebSocket %s: %v", wsURL, err)}
	}
	w := newWire(ws)
	b, err := connectRod(dialCtx, w)
	if err == nil {
		_, err = proto.BrowserGetVersion{}.Call(b.Context(dialCtx)) // proves the other end speaks DevTools
	}
	if err == nil {
		err = dialer.conn.SetDeadline(time.Time{}) // connected: no deadline for the run
	}
	if err != nil {
		w.hangUp()
		return nil, &RemoteError{endpoint, fmt.Sprintf("connected to %s but it did not answer DevTools within %s: %v", wsURL, timeout, err)}
	}
	return &Browser{rod: b, conn: w, remote: true, ControlURL: wsURL}, nil
}

// deadlineDialer opens the WebSocket's connection with a deadline on every read
// and write until it is lifted, since rod's handshake does not heed contexts.
type deadlineDialer struct {
	deadline time.Time
	tls      bool
	conn     net.Conn
}

func (d *deadlineDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		port := "80"
		if d.tls {
			port = "443"
		}
		addr = net.JoinHostPort(addr, port)
	}
	var conn net.Conn
	var err error
	if d.tls {
		conn, err = (&tls.Dialer{}).DialContext(ctx, network, addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	if err != nil {
		return nil, err
	}
	if err := conn.SetDeadline(d.deadline); err != nil {
		conn.Close()
		return nil, err
	}
	d.conn = conn
	return conn, nil
}
