package terrain

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A close that gives up because its own deadline passed is a hung browser, not
// a close that failed in time: TestHungBrowserIsReplaced lost its "did not close
// the page" line now and then under -race when the context's clock fired first.
func TestACloseThatRanOutOfTimeIsHung(t *testing.T) {
	waitForDeadline := func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
	if err, inTime := putWithin(context.Background(), 20*time.Millisecond, waitForDeadline); inTime {
		t.Fatalf("a close stopped by its deadline (%v) counted as done in time", err)
	}
	// The race made certain: the context's clock fires long before within's.
	early, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err, inTime := putWithin(early, time.Minute, waitForDeadline); inTime {
		t.Fatalf("a close whose context ran out first (%v) counted as done in time", err)
	}
	failed := errors.New("wipe failed")
	if err, inTime := putWithin(context.Background(), time.Minute, func(context.Context) error { return failed }); !inTime || !errors.Is(err, failed) {
		t.Fatalf("a close that failed at once: %v, in time %v; want its error, in time", err, inTime)
	}
	if err, inTime := putWithin(context.Background(), time.Minute, func(context.Context) error { return nil }); !inTime || err != nil {
		t.Fatalf("a close that worked: %v, in time %v", err, inTime)
	}
}
