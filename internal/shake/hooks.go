package shake

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// The cookies an app may honour to slow itself down (docs/flakes.md): a
// cookie, not a request header, because a header added to every request of
// the page (Network.setExtraHTTPHeaders) makes the browser ask other origins'
// permission first (a CORS preflight), which breaks a page that calls
// another site; a cookie goes only to the app's own origin.
const (
	LatencyCookie = "romaine-latency" // the most, in whole milliseconds, to delay each answer
	SeedCookie    = "romaine-seed"    // the perturbation's seed, for an app whose delays should repeat with it
)

// Hooks are the recorder hooks that put sh on the scenario's page of r:
// Attach slows the CPU, the network and the animations of the page and of
// each of its out-of-process frames, and gives the app at appURL its
// cookies; Hold holds each response by its own delay; Ended takes it all off
// again (under ROMAINE_ISOLATION=reset the next scenario gets the same page)
// and returns what ended returns (the note for the report), given what could
// not be undone. With no jitter there is no Hold, so Fetch pauses nothing.
func Hooks(r *support.Recording, sh Shake, appURL string, ended func(e support.Ending, undo error) []support.Artifact) support.Hooks {
	h := support.Hooks{
		Attach: func(ctx context.Context, s *support.Session) error { return apply(ctx, s, sh, appURL) },
		Ended: func(ctx context.Context, e support.Ending) []support.Artifact {
			return ended(e, Undo(ctx, r.Sessions(), sh, appURL))
		},
	}
	if sh.Jitter > 0 {
		var mu sync.Mutex
		seen := map[string]int{}
		h.Hold = func(q support.Request) time.Duration {
			mu.Lock()
			seen[q.Method+" "+q.URL]++
			n := seen[q.Method+" "+q.URL]
			mu.Unlock()
			return sh.Hold(q.Method, q.URL, n)
		}
	}
	return h
}

// Undo takes sh off the sessions: CPU, network and animations back to
// normal, and the app's cookies gone. It sets every kind, on in sh or not, as
// apply does: what one scenario could not undo, the next one's apply does.
func Undo(ctx context.Context, sessions []*support.Session, sh Shake, appURL string) error {
	var errs []error
	for _, s := range sessions {
		errs = append(errs, set(ctx, s, Shake{}))
		if s.Main && sh.App > 0 && appURL != "" {
			for _, name := range []string{LatencyCookie, SeedCookie} {
				if err := (proto.NetworkDeleteCookies{Name: name, URL: appURL}).Call(s.Client(ctx)); err != nil {
					errs = append(errs, fmt.Errorf("deleting the %s cookie: %w", name, err))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// apply puts sh on one session.
func apply(ctx context.Context, s *support.Session, sh Shake, appURL string) error {
	if err := set(ctx, s, sh); err != nil {
		return err
	}
	if s.Main && sh.App > 0 && appURL != "" {
		c := s.Client(ctx)
		for name, v := range map[string]string{LatencyCookie: strconv.FormatInt(sh.App.Milliseconds(), 10), SeedCookie: strconv.FormatUint(sh.Seed, 10)} {
			if _, err := (proto.NetworkSetCookie{Name: name, Value: v, URL: appURL, Path: "/", HTTPOnly: true}).Call(c); err != nil {
				return fmt.Errorf("giving the app at %s its %s cookie: %w", appURL, name, err)
			}
		}
	}
	return nil
}

// set sets the session's CPU, network and animation rate to sh's, each kind
// that is off to normal.
func set(ctx context.Context, s *support.Session, sh Shake) error {
	c := s.Client(ctx)
	if err := (proto.EmulationSetCPUThrottlingRate{Rate: max(sh.CPU, 1)}).Call(c); err != nil {
		return fmt.Errorf("setting the CPU's slow-down to %gx: %w", max(sh.CPU, 1), err)
	}
	nc := proto.NetworkEmulateNetworkConditions{Latency: float64(sh.Latency.Milliseconds()), DownloadThroughput: -1, UploadThroughput: -1}
	if sh.Throughput > 0 {
		nc.DownloadThroughput, nc.UploadThroughput = sh.Throughput, sh.Throughput
	}
	if err := nc.Call(c); err != nil {
		return fmt.Errorf("setting the network's latency to %s: %w", sh.Latency, err)
	}
	rate := sh.Animation
	if rate <= 0 {
		rate = 1
	}
	if err := (proto.AnimationSetPlaybackRate{PlaybackRate: rate}).Call(c); err != nil {
		return fmt.Errorf("setting the animations' rate to %g: %w", rate, err)
	}
	return nil
}
