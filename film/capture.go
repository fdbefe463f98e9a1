package film

import (
	"context"
	"fmt"
	"sync"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// How a step's picture is taken. Measured (BenchmarkFilmCPU,
// docs/performance.md): ...
type shotMode int

const (
	shotScaled shotMode = iota // Page.captureScreenshot after each step, clipped to the viewport at a smaller scale
	shotFull                   // Page.captureScreenshot after each step, full size
	screencast                 // the latest Page.startScreencast frame when the step ended
	noShots                    // no picture (to measure the snapshot alone)
)

// The pictures: JPEG, at most shotWidth pixels wide.
const (
	shotQuality = 50
	shotWidth   = 640
)

// capture takes the page's picture and DOM snapshot after a step, both at
// once (the picture is the browser process's work, the snapshot the
// renderer's).
func (rl *reel) capture(ctx context.Context) (*take, []error) {
	rp := rl.rec.Page().Rod()
	t := &take{}
	var errs []error
	var mu sync.Mutex
	fail := func(what string, err error) {
		mu.Lock()
		errs = append(errs, fmt.Errorf("%s: %w", what, err))
		mu.Unlock()
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		img, err := rl.shot(ctx, rp)
		if err != nil {
			fail("screenshot", err)
		}
		t.image = img
	}()
	if !rl.opts.noSnapshot {
		raw, err := rp.Call(ctx, string(rp.SessionID), "DOMSnapshot.captureSnapshot", snapshotParams())
		if err != nil {
			fail("DOM snapshot", err)
		}
		t.snapshot = raw
	}
	wg.Wait()
	return t, errs
}

func (rl *reel) shot(ctx context.Context, rp *rod.Page) ([]byte, error) {
	q := shotQuality
	switch rl.opts.shots {
	case noShots:
		return nil, nil
	case screencast:
		return rl.cast.latest(), nil
	case shotFull:
		res, err := proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatJpeg, Quality: &q}.Call(rp.Context(ctx))
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}
	m, err := proto.PageGetLayoutMetrics{}.Call(rp.Context(ctx))
	if err != nil {
		return nil, err
	}
	vp := m.CSSVisualViewport
	scale := 1.0
	if vp.ClientWidth > shotWidth {
		scale = shotWidth / vp.ClientWidth
	}
	res, err := proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatJpeg, Quality: &q,
		Clip: &proto.PageViewport{X: vp.PageX, Y: vp.PageY, Width: vp.ClientWidth, Height: vp.ClientHeight, Scale: scale}}.Call(rp.Context(ctx))
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

// caster keeps the page's latest screencast frame.
type caster struct {
	mu    sync.Mutex
	frame []byte
}

func (c *caster) attach(ctx context.Context, s *support.Session) error {
	if !s.Main {
		return nil
	}
	q, w, h, n := shotQuality, shotWidth, shotWidth, 1
	return proto.PageStartScreencast{Format: proto.PageStartScreencastFormatJpeg, Quality: &q, MaxWidth: &w, MaxHeight: &h, EveryNthFrame: &n}.Call(s.Client(ctx))
}

func (c *caster) events() map[string]func(*support.Session, *rod.Message) {
	return map[string]func(*support.Session, *rod.Message){
		"Page.screencastFrame": func(s *support.Session, m *rod.Message) {
			var ev proto.PageScreencastFrame
			if !m.Load(&ev) {
				return
			}
			c.mu.Lock()
			c.frame = ev.Data
			c.mu.Unlock()
			go func() { _ = proto.PageScreencastFrameAck{SessionID: ev.SessionID}.Call(s.Client(context.Background())) }()
		},
	}
}

func (c *caster) latest() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.frame
}

func (c *caster) stop(ctx context.Context, r *support.Recording) {
	for _, s := range r.Sessions() {
		if s.Main {
			_ = proto.PageStopScreencast{}.Call(s.Client(ctx))
		}
	}
}
