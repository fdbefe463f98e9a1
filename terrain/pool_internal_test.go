package terrain

import (
	"context"
	"errors"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/romaine-bdd/romaine/internal/ports"
)

// fakeStarts is a pool starter that fails the starts of the lanes in fail.
func fakeStarts(fail map[int]bool, started *[]int) func(context.Context, int) (*Worker, error) {
	return func(_ context.Context, index int) (*Worker, error) {
		*started = append(*started, index)
		if fail[index] {
			return nil, errors.New("the app of lane " + strconv.Itoa(index) + " cannot start")
		}
		return &Worker{Index: index}, nil
	}
}

// One worker that cannot start must not fail the scenarios the running
// workers can take: a free worker is handed out, and with none free the
// scenario waits for one. The pool once looked at the failure first, failing
// every later scenario.
func TestAFailedStartLeavesTheRunningWorkersInUse(t *testing.T) {
	var started []int
	p := newPool(fakeStarts(map[int]bool{2: true}, &started), nil)
	ctx := t.Context()
	w1, err := p.acquire(ctx)
	if err != nil || w1.Index != 1 {
		t.Fatalf("first worker: %v, %v", w1, err)
	}
	if _, err := p.acquire(ctx); err == nil {
		t.Fatal("lane 2's start was meant to fail")
	}
	p.release(w1)
	w, err := p.acquire(ctx)
	if err != nil || w != w1 {
		t.Fatalf("with worker 1 free after a failed start: %v, %v; want worker 1", w, err)
	}
	// Worker 1 busy: the next scenario waits for it rather than failing.
	got := make(chan *Worker, 1)
	go func() {
		w, err := p.acquire(ctx)
		if err != nil {
			t.Error(err)
		}
		got <- w
	}()
	p.release(w1)
	select {
	case w := <-got:
		if w != w1 {
			t.Errorf("the waiting scenario got %v, want worker 1", w)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the waiting scenario never got the worker released")
	}
	if want := []int{1, 2, 2}; !equalInts(started, want) {
		t.Errorf("starts %v, want %v (lane 2 tried twice, never again)", started, want)
	}
}

// With no worker running at all, a failed start fails the scenarios after it
// at once, pointing at the first error.
func TestNoWorkerAtAllFailsAtOnce(t *testing.T) {
	var started []int
	p := newPool(fakeStarts(map[int]bool{1: true}, &started), nil)
	_, first := p.acquire(t.Context())
	_, again := p.acquire(t.Context())
	if first == nil || again == nil || again.Error() != brokenAgain(first).Error() {
		t.Errorf("errors %v then %v; want the second to point at the first", first, again)
	}
}

// A worker started in place of a retired one takes its lane, and so its port
// (ROMAINE_BASE_PORT plus index minus 1), which the configuration checked: it
// once took the next index, and a port beyond the range.
func TestAReplacementWorkerTakesTheFreedLane(t *testing.T) {
	var started []int
	p := newPool(fakeStarts(nil, &started), nil)
	ctx := t.Context()
	w1, _ := p.acquire(ctx)
	w2, _ := p.acquire(ctx)
	p.retire(w1)
	p.release(w2)
	w3, _ := p.acquire(ctx) // worker 2, free
	w4, err := p.acquire(ctx)
	if err != nil || w3 != w2 || w4.Index != 1 {
		t.Errorf("after retiring worker 1: got %v and %v (%v); want worker 2, then a new worker 1", w3, w4, err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// appGone asks the app where it listens, ROMAINE_APP_HOST: it once dialled
// 127.0.0.1, found nothing there, and waited its whole limit for an exit that
// was never coming, when the app was serving all along.
func TestAppGoneAsksTheAppHost(t *testing.T) {
	lease, err := ports.TakeOn("127.0.0.2", 0)
	if err != nil {
		t.Skipf("this machine has no 127.0.0.2 loopback address: %v", err)
	}
	defer lease.Release()
	ln := lease.Listener()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	w := &Worker{Port: lease.Port, lease: lease, appExited: make(chan struct{})}
	done := make(chan bool, 1)
	go func() { done <- w.appGone(time.Hour) }()
	select {
	case gone := <-done:
		if gone {
			t.Error("an app that serves was found gone")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("appGone waited for an exit: it did not find the app serving on ROMAINE_APP_HOST")
	}
	if _, err := net.Dial("tcp", w.appAddr()); err != nil {
		t.Errorf("appAddr %s: %v", w.appAddr(), err)
	}
}
