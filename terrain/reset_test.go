package terrain

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestResetReusesItsConnection(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("reset done\n", 100)))
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	s := New()
	s.cfg.ResetPath, s.cfg.Timeout = "/reset", 5*time.Second
	w := &Worker{Index: 1, BaseURL: srv.URL}
	for range 5 {
		if err := s.resetApp(context.Background(), w); err != nil {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("5 resets opened %d connections, want 1: an answer left unread closes its connection", n)
	}
}

func TestResetErrors(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // never answers (until the test ends)
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	cases := []struct {
		reason, base, path string
		want               []string
	}{
		{"an app that never answers", srv.URL, "/reset", []string{"POST " + srv.URL + "/reset: no answer within 300ms (ROMAINE_TIMEOUT)"}},
		{"a path that makes no URL", srv.URL, "/%zz", []string{"resetting the app (ROMAINE_APP_RESET): POST " + srv.URL + "/%zz", "invalid URL escape", "a plain path"}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			s := New()
			s.cfg.ResetPath, s.cfg.Timeout = c.path, 300*time.Millisecond
			err := s.resetApp(context.Background(), &Worker{Index: 1, BaseURL: c.base})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q: %v", w, err)
				}
			}
		})
	}
}

func TestGodogTagFilter(t *testing.T) {
	cases := []struct{ reason, in, want string }{
		{"nothing selects all", "", ""},
		{"one tag", "@smoke", "@smoke"},
		{"not", "not @wip", "~@wip"},
		{"and", "@a and @b", "@a && @b"},
		{"or and not with parentheses", "(@a or @b) and not @c", "@a && ~@b && ~@c,~@a && @b && ~@c,@a && @b && ~@c"},
		{"a tautology selects all", "@a or not @a", ""},
		{"godog's syntax is kept", "@a && ~@b,@c", "@a && ~@b,@c"},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			got, err := godogTagFilter(c.in)
			if err != nil || got != c.want {
				t.Errorf("godogTagFilter(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		})
	}
	for _, bad := range []string{"@a &&", "&& @a", "@a,", "not", "@a and", "@a or or @b", "(@a", "@a)", "wip", "@a and @a and not @a"} {
		if _, err := godogTagFilter(bad); err == nil {
			t.Errorf("godogTagFilter(%q) accepted it", bad)
		}
	}
}
