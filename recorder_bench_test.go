//go:build benchrecorder

package romaine_test

import (
	"context"
	"os"
	"time"

	"github.com/romaine-bdd/romaine/support"
	"github.com/romaine-bdd/romaine/terrain"
)

// The recorder's cost on the demo suite (docs/performance.md): built with
//
//	go test -c -tags benchrecorder -o bin/features-rec.test .
//
// the suite records every scenario for a consumer that gathers everything
// and keeps nothing; BENCH_RECORDER adds what the features built on it turn
// on: "leaving" (the Debugger's pause before each document goes, coverage's
// need), "hold" (Fetch pausing every response, the hunter's), or "all". It is
// a bench build, not a setting: a normal build has no such consumer.
//
// This file's init runs before romaine_test.go's (files initialise in name
// order), so the suite is made again here before its flags are bound.
func init() {
	suite = terrain.New(append(suiteOptions(), terrain.WithConsumer(benchConsumer(os.Getenv("BENCH_RECORDER"))))...)
}

func benchConsumer(mode string) support.Consumer {
	return func(ctx context.Context, r *support.Recording) (support.Hooks, error) {
		h := support.Hooks{
			Attach:    func(context.Context, *support.Session) error { return nil },
			StepEnded: func(context.Context, support.Step) {},
			Ended: func(context.Context, support.Ending) []support.Artifact {
				// What a consumer reads at the end: the whole record.
				_, _, _, _ = r.Steps(), r.Requests(), r.Console(), r.Documents()
				return nil
			},
		}
		if mode == "leaving" || mode == "all" {
			h.Leaving = func(context.Context, support.Leave) {}
		}
		if mode == "hold" || mode == "all" {
			h.Hold = func(support.Request) time.Duration { return 0 }
		}
		return h, nil
	}
}
