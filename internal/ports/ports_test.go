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
