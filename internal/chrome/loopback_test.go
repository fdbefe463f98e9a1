package chrome

import (
	"context"
	"net"
	"net/url"
	"testing"
)

// A browser Romaine launches must not be drivable from the network: its
// DevTools port answers on 127.0.0.1 and on no other address of this machine.
func TestLaunchedDevToolsListensOnLoopbackOnly(t *testing.T) {
	b, err := Launch(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	u, err := url.Parse(b.ControlURL)
	if err != nil {
		t.Fatal(err)
	}
	port := u.Port()
	if c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", port)); err != nil {
		t.Fatalf("DevTools does not answer on 127.0.0.1:%s: %v", port, err)
	} else {
		c.Close()
	}
	others := []string{"127.0.0.2"}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
				others = append(others, n.IP.String())
			}
		}
	}
	for _, other := range others {
		if c, err := net.Dial("tcp", net.JoinHostPort(other, port)); err == nil {
			c.Close()
			t.Errorf("DevTools answers on %s:%s; it must listen on loopback only", other, port)
		}
	}
}
