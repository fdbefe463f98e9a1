package film

import (
	"context"
	"fmt"
	"html"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// What a step costs while it runs is its DOM snapshot (a few ms of the
// renderer's time, BenchmarkFilmCPU); the pictures are made only for a film
// that is kept. A picture per step taken while the scenario runs, by a
// capture per step or from the page's screencast, cost the browser several
// times the snapshot (it draws and encodes a frame; without a GPU it draws in
// software), well past the film's budget of a tenth of a passing run: see
// docs/performance.md. So the last step's picture (the failing one's) is a
// capture of the page as it is left, and each earlier step's is its DOM
// snapshot drawn, in a page of its own with the scenario's viewport, after the
// scenario: what the page showed, less what no snapshot holds (images from
// the network, canvases, video).

// The pictures: JPEG, at most shotSize pixels wide or high.
const (
	shotQuality = 50
	shotSize    = 640
)

// takeSnapshot takes the page's DOM snapshot as the browser gives it.
func takeSnapshot(ctx context.Context, rp *rod.Page) ([]byte, error) {
	return rp.Call(ctx, string(rp.SessionID), "DOMSnapshot.captureSnapshot", snapshotParams())
}

// capture is a picture of page rp as it shows now.
func capture(ctx context.Context, rp *rod.Page) ([]byte, error) {
	vp, err := viewport(ctx, rp)
	if err != nil {
		return nil, err
	}
	scale := 1.0
	if big := max(vp.ClientWidth, vp.ClientHeight); big > shotSize {
		scale = shotSize / big
	}
	q := shotQuality
	res, err := proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatJpeg, Quality: &q,
		Clip: &proto.PageViewport{X: vp.PageX, Y: vp.PageY, Width: vp.ClientWidth, Height: vp.ClientHeight, Scale: scale}}.Call(rp.Context(ctx))
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

func viewport(ctx context.Context, rp *rod.Page) (*proto.PageVisualViewport, error) {
	m, err := proto.PageGetLayoutMetrics{}.Call(rp.Context(ctx))
	if err != nil {
		return nil, err
	}
	return m.CSSVisualViewport, nil
}

// drawer draws DOM snapshots into pictures, in a blank page of the
// browser's default context (no scenario's page sees it), sized as the
// scenario's page.
type drawer struct {
	page *rod.Page
}

// newDrawer opens the drawing page beside scenario page rp.
func newDrawer(ctx context.Context, rp *rod.Page) (*drawer, error) {
	vp, err := viewport(ctx, rp)
	if err != nil {
		return nil, err
	}
	b := rp.Browser()
	t, err := proto.TargetCreateTarget{URL: "about:blank"}.Call(b.Context(ctx))
	if err != nil {
		return nil, fmt.Errorf("opening a page to draw the snapshots in: %w", err)
	}
	p, err := b.Context(ctx).PageFromTarget(t.TargetID)
	if err != nil {
		_, _ = proto.TargetCloseTarget{TargetID: t.TargetID}.Call(b.Context(ctx))
		return nil, fmt.Errorf("opening a page to draw the snapshots in: %w", err)
	}
	d := &drawer{page: p}
	err = proto.EmulationSetDeviceMetricsOverride{Width: int(vp.ClientWidth), Height: int(vp.ClientHeight), DeviceScaleFactor: 1}.Call(p.Context(ctx))
	if err != nil {
		d.close(ctx)
		return nil, fmt.Errorf("sizing the page to draw the snapshots in: %w", err)
	}
	return d, nil
}

// frameOf shows a snapshot as the HTML report does: in a sandboxed frame
// (no script could run in it) filling a page whose policy fetches nothing.
const frameOf = `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">` +
	`<style>body { margin: 0 } iframe { display: block; border: 0; width: 100vw; height: 100vh }</style><iframe sandbox="allow-same-origin" srcdoc="%s"></iframe>`

// draw is a picture of snapshot doc.
func (d *drawer) draw(ctx context.Context, doc string) ([]byte, error) {
	rp := d.page.Context(ctx)
	tree, err := proto.PageGetFrameTree{}.Call(rp)
	if err != nil {
		return nil, err
	}
	if err := (proto.PageSetDocumentContent{FrameID: tree.FrameTree.Frame.ID, HTML: fmt.Sprintf(frameOf, html.EscapeString(doc))}).Call(rp); err != nil {
		return nil, err
	}
	if _, err := rp.Eval(drawn); err != nil {
		return nil, err
	}
	return capture(ctx, d.page)
}

// drawn waits for the snapshot (and its own frames) to load, then scrolls it
// as the page was.
const drawn = `async () => {
  const frame = document.querySelector('iframe');
  const loaded = () => frame.contentDocument !== null && frame.contentDocument.readyState === 'complete' && frame.contentDocument.URL === 'about:srcdoc';
  if (!loaded()) { await new Promise((r) => frame.addEventListener('load', r, { once: true })); }
  const doc = frame.contentDocument;
  for (const el of doc.querySelectorAll('[data-romaine-scroll]')) {
    const [x, y] = el.getAttribute('data-romaine-scroll').split(',').map(Number);
    if (el === doc.documentElement) { frame.contentWindow.scrollTo(x, y); } else { el.scrollLeft = x; el.scrollTop = y; }
  }
}`

// close closes the drawing page even when ctx has ended, within
// captureBudget: context.WithoutCancel alone dropped the deadline too.
func (d *drawer) close(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), captureBudget)
	defer cancel()
	_ = d.page.Context(ctx).Close()
}
