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
	for i := 0; i < 20; i++ {
		err, inTime := putWithin(context.Background(), 20*time.Millisecond, waitForDeadline)
		if inTime {
			t.Fatalf("attempt %d: a close stopped by its deadline (%v) counted as done in time", i, err)
		}
	}
	failed := errors.New("wipe failed")
	if err, inTime := putWithin(context.Background(), time.Minute, func(context.Context) error { return failed }); !inTime || !errors.Is(err, failed) {
		t.Fatalf("a close that failed at once: %v, in time %v; want its error, in time", err, inTime)
	}
	if err, inTime := putWithin(context.Background(), time.Minute, func(context.Context) error { return nil }); !inTime || err != nil {
		t.Fatalf("a close that worked: %v, in time %v", err, inTime)
	}
}
