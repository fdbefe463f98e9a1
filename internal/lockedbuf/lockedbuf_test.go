package lockedbuf

import (
	"strings"
	"sync"
	"testing"
)

// Concurrent writers lose nothing (and go test -race finds no race).
func TestConcurrentWritesAreAllKept(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				_, _ = b.Write([]byte("x"))
				_ = b.String()
			}
		})
	}
	wg.Wait()
	if got := strings.Count(b.String(), "x"); got != 800 {
		t.Fatalf("kept %d of 800 writes", got)
	}
}
