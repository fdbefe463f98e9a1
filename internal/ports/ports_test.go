package ports

import (
	"errors"
	"net"
	"strconv"
	"testing"
)

func TestLeasedPortsAreDistinctAndLocked(t *testing.T) {
	seen := map[int]bool{}
	var leases []*Lease
	defer func() {
		for _, l := range leases {
			l.Release()
		}
	}()
	for range 20 {
		l, err := Take(0)
		if err != nil {
			t.Fatal(err)
		}
		leases = append(leases, l)
		if seen[l.Port] {
			t.Fatalf("port %d leased twice", l.Port)
		}
		seen[l.Port] = true
	}
	// Another suite asking for a leased port by number is refused, even once the
	// port is unbound for a child process to take: the lock still holds it.
	l := leases[0]
	l.Unbind()
	_, err := Take(l.Port)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Port != l.Port {
		t.Fatalf("leasing a locked port: got %v, want a BusyError for %d", err, l.Port)
	}
	// Released, it can be leased again.
	l.Release()
	again, err := Take(l.Port)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}

func TestLeasingAPortInUseByAnotherProgram(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = Take(port)
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("got %v, want BusyError", err)
	}
	if want := "port " + strconv.Itoa(port) + " is already in use"; err.Error()[:len(want)] != want {
		t.Errorf("message %q should start with %q", err, want)
	}
}

// A port leased as "any" lies below the kernel's ephemeral range, so no
// program binding port 0 or connecting out can be handed it in the moment
// between Unbind and the app's bind. Before, leases came from the kernel's
// port 0, inside that range, and a concurrent Playwright run's free-port probe
// took one: the app could not bind, and a stranger answered its ready check.
func TestAnyPortLiesBelowTheEphemeralRange(t *testing.T) {
	lo, hi := quietRange()
	if hi <= lo {
		t.Skip("this machine's ephemeral range leaves no room below it")
	}
	for range 20 {
		l, err := Take(0)
		if err != nil {
			t.Fatal(err)
		}
		l.Release()
		if l.Port < lo || l.Port >= hi {
			t.Fatalf("leased port %d, want one in [%d, %d): below the ephemeral range", l.Port, lo, hi)
		}
	}
}
