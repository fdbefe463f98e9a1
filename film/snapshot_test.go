package film

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/support"
)

// Pages built the way real sites build them, each snapshot checked by
// drawing it: the snapshot, shown in a sandboxed srcdoc frame with the
// report's Content-Security-Policy after the site is gone, must look like
// the page did (at most 0.1% of pixels apart) and fetch nothing.
var snapshotPages = []struct {
	name, reason string
	pages        site
	ready        string // text the page shows once it is drawn
}{
	{"shadow roots", "web components draw from open and closed shadow roots, with styles of their own (a style element, adopted stylesheets), slots and ::before icons; the page's stylesheet is linked, and a CSS-in-JS library inserts rules the style element's text does not hold",
		site{"/": `<!doctype html><html><head><title>Shop</title><link rel="stylesheet" href="/site.css"><style id="emotion"></style></head><body>
<header class="bar"><span class="logo">Tea shop</span><nav><a href="/a">Teas</a><a href="/b">Cakes</a></nav></header>
<main>
<shop-card><span slot="title">Green tea</span><span slot="price">4.50</span></shop-card>
<shop-card closed><span slot="title">Black tea</span><span slot="price">3.20</span></shop-card>
<form class="css-x1"><label>Quantity <input id="qty" value="1"></label>
<label><input type="checkbox" id="gift"> Gift wrap</label>
<select id="size"><option>Small</option><option>Large</option></select>
<button type="button" class="primary">Add to basket</button></form>
<ul class="notes"><li>Loose leaf</li><li>Organic</li></ul>
<p id="ready">Ready</p>
</main>
<script>
const sheet = document.getElementById('emotion').sheet;
sheet.insertRule('.css-x1 { display: flex; gap: 12px; align-items: center; padding: 10px; background: #eef6ee; border-radius: 8px }');
sheet.insertRule('.primary { background: #2e7d32; color: white; border: 0; padding: 8px 14px; border-radius: 4px; font-weight: 600 }');
const shared = new CSSStyleSheet();
shared.replaceSync('.card { display: grid; grid-template-columns: 1fr auto; border: 2px solid #8d6e63; border-radius: 10px; padding: 12px; margin: 8px 0; width: 320px } .price::before { content: "\u00a3"; color: #8d6e63 } h3 { margin: 0; font: italic 20px Georgia, serif }');
customElements.define('shop-card', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: this.hasAttribute('closed') ? 'closed' : 'open' });
    root.adoptedStyleSheets = [shared];
    root.innerHTML = '<style>:host { display: block } .price { font-weight: bold; color: #bf360c }</style><div class="card"><h3><slot name="title"></slot></h3><span class="price"><slot name="price"></slot></span></div>';
  }
});
document.getElementById('qty').value = '3';
document.getElementById('gift').checked = true;
document.getElementById('size').value = 'Large';
</script></body></html>`,
			"/site.css": "text/css\nbody { font: 16px/1.4 sans-serif; margin: 0; color: #333 } .bar { display: flex; justify-content: space-between; background: #37474f; color: #fff; padding: 10px 16px } .bar nav a { color: #cfd8dc; margin-left: 12px } main { padding: 16px } .notes li::marker { color: #2e7d32 } .notes { columns: 2; width: 300px }",
		}, "Ready"},
	{"same-origin frame", "a same-origin iframe with its own styles is drawn inside the page's snapshot as a nested document",
		site{"/": `<!doctype html><html><head><style>body { font: 15px sans-serif; margin: 20px } iframe { width: 420px; height: 160px; border: 3px solid #1565c0 }</style></head><body>
<h1 style="color: #1565c0">Checkout</h1><iframe src="/pay"></iframe><p id="ready">Ready</p></body></html>`,
			"/pay": `<!doctype html><html><head><style>body { margin: 0; background: #fff3e0; font: 14px sans-serif } .pay { padding: 12px } b { color: #e65100 }</style></head><body><div class="pay"><b>Card</b> ending 4242 <button>Pay 12.00</button></div></body></html>`,
		}, "Ready"},
	{"patched built-ins", "the page replaces the built-ins a serializer in its world would call (Array, JSON, Object, Node and Element methods, getComputedStyle, the stylesheet's rules): the snapshot is taken by the browser, not by script, so nothing of that is used",
		site{"/": `<!doctype html><html><head><style>body { font: 16px serif; margin: 24px; background: #fafafa } .box { width: 200px; padding: 20px; background: #ffe0b2; border: 4px dashed #ef6c00 } </style></head><body>
<div class="box"><p>Patched page</p></div><p id="ready">Ready</p>
<script>
const no = function () { throw new Error('patched by the page'); };
Array.prototype.map = Array.prototype.forEach = Array.prototype.push = no;
JSON.stringify = no; Object.keys = Object.entries = no;
Element.prototype.getAttribute = Element.prototype.getAttributeNames = Element.prototype.querySelectorAll = no;
Object.defineProperty(Node.prototype, 'childNodes', { get: no });
Object.defineProperty(Element.prototype, 'shadowRoot', { get: no });
window.getComputedStyle = no; Document.prototype.querySelectorAll = no;
Object.defineProperty(CSSStyleSheet.prototype, 'cssRules', { get: no });
Object.defineProperty(Document.prototype, 'styleSheets', { get: no });
</script></body></html>`,
		}, "Ready"},
}

func TestSnapshotLooksAsThePageDid(t *testing.T) {
	for _, c := range snapshotPages {
		t.Run(c.name, func(t *testing.T) {
			srv := serve(t, c.pages)
			p := newPage(t, srv)
			ctx := t.Context()
			if err := p.Visit(ctx, "/"); err != nil {
				t.Fatal(err)
			}
			if c.ready != "" {
				if err := p.ExpectText(ctx, c.ready); err != nil {
					t.Fatal(err)
				}
			}
			want := screenshot(t, p.Rod())
			raw, err := p.Rod().Call(ctx, string(p.Rod().SessionID), "DOMSnapshot.captureSnapshot", snapshotParams())
			if err != nil {
				t.Fatal(err)
			}
			doc, url, err := snapshotHTML(raw)
			if err != nil {
				t.Fatal(err)
			}
			if url != srv.URL+"/" {
				t.Errorf("the snapshot's URL is %q, want %q", url, srv.URL+"/")
			}
			srv.Close() // offline: nothing of the site is there to fetch
			got, requests := render(t, doc)
			if len(requests) > 0 {
				t.Errorf("drawing the snapshot asked for %q; it must fetch nothing", requests)
			}
			diff := differ(t, want, got)
			t.Logf("%s: %.2f%% of pixels differ", c.name, 100*diff)
			if dir := os.Getenv("FILM_KEEP"); diff > 0.001 || dir != "" {
				if dir == "" {
					dir = t.TempDir()
				}
				name := strings.ReplaceAll(c.name, " ", "-")
				_ = os.WriteFile(filepath.Join(dir, name+"-page.png"), want, 0o644)
				_ = os.WriteFile(filepath.Join(dir, name+"-snapshot.png"), got, 0o644)
				_ = os.WriteFile(filepath.Join(dir, name+".html"), []byte(doc), 0o644)
				if diff > 0.001 {
					t.Errorf("%s: the snapshot looks %.1f%% different from the page (%s); see %s", c.reason, 100*diff, c.name, dir)
				}
			}
		})
	}
}

func screenshot(t *testing.T, rp *rod.Page) []byte {
	t.Helper()
	res, err := proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatPng}.Call(rp)
	if err != nil {
		t.Fatal(err)
	}
	return res.Data
}

// snapshotCSP is the HTML report's policy, under which snapshots are shown.
const snapshotCSP = `default-src 'none'; img-src data:; style-src 'unsafe-inline'`

// render shows doc as the report does, in a sandboxed srcdoc frame filling
// a page of the same size, and gives its screenshot and every request the
// page made.
func render(t *testing.T, doc string) ([]byte, []string) {
	t.Helper()
	b := needBrowser(t)
	ctx := t.Context()
	p, err := support.NewPage(ctx, b.Rod(), support.PageOptions{BaseURL: "about:blank", Policy: testPolicy})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rp := p.Rod()
	var requests []string
	wait := rp.EachEvent(func(e *proto.NetworkRequestWillBeSent) { requests = append(requests, e.Request.URL) })
	_ = wait
	if err := (proto.NetworkEnable{}).Call(rp); err != nil {
		t.Fatal(err)
	}
	wrapper := fmt.Sprintf(`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="%s"><style>body { margin: 0 } iframe { border: 0; display: block; width: 100vw; height: 100vh }</style></head><body><iframe sandbox="allow-same-origin" srcdoc="%s"></iframe></body></html>`, snapshotCSP, html.EscapeString(doc))
	tree, err := proto.PageGetFrameTree{}.Call(rp)
	if err != nil {
		t.Fatal(err)
	}
	if err := (proto.PageSetDocumentContent{FrameID: tree.FrameTree.Frame.ID, HTML: wrapper}).Call(rp); err != nil {
		t.Fatal(err)
	}
	if err := rp.Context(ctx).Timeout(testPolicy.Timeout).Wait(rod.Eval(`() => { const d = document.querySelector('iframe').contentDocument; return d && d.readyState === 'complete' && d.body !== null }`)); err != nil {
		t.Fatalf("the snapshot did not load: %v", err)
	}
	return screenshot(t, rp), requests
}

// differ is the share of pixels that differ visibly between two PNGs of the
// same size (1 when the sizes differ).
func differ(t *testing.T, a, b []byte) float64 {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return 1
	}
	n := 0
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if far(ia, ib, x, y) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

func far(a, b image.Image, x, y int) bool {
	r1, g1, b1, _ := a.At(x, y).RGBA()
	r2, g2, b2, _ := b.At(x, y).RGBA()
	d := func(p, q uint32) uint32 {
		if p > q {
			return (p - q) >> 8
		}
		return (q - p) >> 8
	}
	return d(r1, r2) > 40 || d(g1, g2) > 40 || d(b1, b2) > 40
}

// What a snapshot may not hold: anything that runs or fetches. The page
// below tries every way: scripts (an SVG one too), handlers, a javascript:
// link, a refresh, a base, a stylesheet in an SVG, an image that fails on
// purpose, an object, a preload, attribute names a parser allows.
func TestSnapshotHoldsNothingThatRunsOrFetches(t *testing.T) {
	srv := serve(t, site{"/": `<!doctype html><html><head><meta http-equiv="refresh" content="30; url=/elsewhere"><base href="http://elsewhere.test/">
<link rel="preload" href="/font.woff2" as="font"><link rel="stylesheet" href="/missing.css"></head>
<body onload="document.title='ran'"><p id="ready" onclick="alert(1)">Ready</p>
<img src="/missing.png" onerror="document.title='ran'" width="20" height="20" srcset="/a.png 2x">
<a href="javascript:alert(1)">link</a><object data="/x.pdf"></object>
<svg width="10" height="10"><script>document.title='ran'</script><style>p { color: red }</style><image href="/pic.png" width="5" height="5"/><use href="#x"/></svg>
<div a"b="1" c'd="2">quoted names</div>
<script>document.getElementById('ready').setAttribute('onmouseover', 'alert(2)')</script></body></html>`})
	p := newPage(t, srv)
	ctx := t.Context()
	if err := p.Visit(ctx, "/"); err != nil {
		t.Fatal(err)
	}
	raw, err := takeSnapshot(ctx, p.Rod())
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := snapshotHTML(raw)
	if err != nil {
		t.Fatal(err)
	}
	lower := strings.ToLower(doc)
	for _, bad := range []string{"<script", " onload=", " onclick=", " onerror=", " onmouseover=", "<meta http-equiv", "<base href", "<link", "<object",
		` src="/missing.png"`, ` srcset=`, ` href="/pic.png"`, `a"b`, "p { color: red }"} {
		if strings.Contains(lower, strings.ToLower(bad)) {
			t.Errorf("the snapshot holds %s", bad)
		}
	}
	for _, want := range []string{`data-romaine-src="/missing.png"`, `data-romaine-href="/pic.png"`, `href="#x"`, "quoted names", `<base target="_blank">`} {
		if !strings.Contains(doc, want) {
			t.Errorf("the snapshot lacks %s", want)
		}
	}
	srv.Close()
	_, requests := render(t, doc)
	if len(requests) > 0 {
		t.Errorf("drawing the snapshot asked for %q", requests)
	}
}
