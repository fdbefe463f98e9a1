// Package ports leases free TCP ports for the apps under test, one per worker,
// locked across every Romaine suite on the machine.
package ports

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Lease is a TCP port on 127.0.0.1 reserved for this process. Besides being
// free when leased, it is locked (flock on a file named after it in the temp
// folder) until Release, so two suites on one machine never hand out the same
// port even in the moment between our check and the app binding it.
type Lease struct {
	Port     int
	Host     string // where it is bound: 127.0.0.1 unless leased with TakeOn
	lock     *os.File
	listener net.Listener
}

// BusyError says a port asked for by number is in use.
type BusyError struct {
	Port int
	Err  error
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("port %d is already in use: %v", e.Port, e.Err)
}

// Take reserves port, or any free port when port is 0. The lease keeps the
// port bound until Listener or Unbind is called.
func Take(port int) (*Lease, error) { return TakeOn("127.0.0.1", port) }

// TakeOn is Take on another address or host name (the app host a
// browser in a container reaches).
func TakeOn(host string, port int) (*Lease, error) {
	if port != 0 {
		return leaseOne(host, port)
	}
	if lo, hi := quietRange(); hi > lo {
		for range 100 {
			if l, err := leaseOne(host, lo+rand.IntN(hi-lo)); err == nil {
				return l, nil
			}
		}
	}
	var lastErr error
	for range 50 {
		l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			return nil, fmt.Errorf("finding a free port: %w", err)
		}
		p := l.Addr().(*net.TCPAddr).Port
		lock, err := lockPort(p)
		if err != nil {
			l.Close()
			lastErr = err
			continue
		}
		return &Lease{Port: p, Host: host, lock: lock, listener: l}, nil
	}
	return nil, fmt.Errorf("finding a free port: every candidate was locked by another suite: %w", lastErr)
}

// quietRange is where a port asked for as "any" is drawn from: [lo, hi),
// below the kernel's ephemeral range (net.ipv4.ip_local_port_range) and above
// the usual fixed ports of services. The kernel hands ports of the ephemeral
// range to any program that binds port 0 or connects out; in the moment
// between Unbind and the app's own bind, such a program could take ours (a
// Playwright fixture's free-port probe did: the app then failed with "Address
// already in use" while the other program's server answered its ready check,
// and the scenarios ran against a stranger). Below that range only a program
// asking for that very number can. Empty (hi <= lo) when the ephemeral range
// leaves no room: ports then come from the kernel as before.
func quietRange() (lo, hi int) {
	lo, hi = 10000, 32768 // Linux's default ephemeral range starts at 32768
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			if start, err := strconv.Atoi(f[0]); err == nil {
				hi = start
			}
		}
	}
	if hi-lo < 1000 {
		return 0, 0
	}
	return lo, hi
}

func leaseOne(host string, port int) (*Lease, error) {
	lock, err := lockPort(port)
	if err != nil {
		return nil, &BusyError{Port: port, Err: errors.New("another Romaine suite on this machine holds it")}
	}
	l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		lock.Close()
		return nil, &BusyError{Port: port, Err: err}
	}
	return &Lease{Port: port, Host: host, lock: lock, listener: l}, nil
}

func lockPort(port int) (*os.File, error) {
	dir := filepath.Join(os.TempDir(), "romaine-ports")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, strconv.Itoa(port)+".lock"), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// URL is the base URL of an app serving on the lease.
func (l *Lease) URL() string {
	return "http://" + net.JoinHostPort(l.Host, strconv.Itoa(l.Port))
}

// Listener hands over the bound listener, for an app served in this process
// (no window in which another process could take the port).
func (l *Lease) Listener() net.Listener {
	ln := l.listener
	l.listener = nil
	return ln
}

// Unbind frees the port for a child process to bind; the lock stays.
func (l *Lease) Unbind() {
	if l.listener != nil {
		l.listener.Close()
		l.listener = nil
	}
}

// Release gives the port back.
func (l *Lease) Release() {
	l.Unbind()
	if l.lock != nil {
		l.lock.Close()
		l.lock = nil
	}
}
