package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v34"
	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/internal/diskpage"
	"github.com/romaine-bdd/romaine/support"
)

// testFilm is a film of four steps, the second one that did not use the
// page (a factory), the last failing after a wait that saw
// an overlay cover its button; each snapshot is snapshotSize bytes.
func testFilm(t *testing.T, snapshotSize int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 40))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(3, 3, color.RGBA{255, 0, 0, 255})
	var pic bytes.Buffer
	if err := jpeg.Encode(&pic, img, nil); err != nil {
		t.Fatal(err)
	}
	snapshot := func(text string) string {
		doc := `<!DOCTYPE html><meta charset="utf-8"><style>[data-rs="0"] { color: rgb(200, 0, 0); }</style><html><body><p data-rs="0">` + text + `</p>`
		if pad := snapshotSize - len(doc); pad > 0 {
			doc += "<!--" + strings.Repeat("x", pad) + "-->"
		}
		return doc + `</body></html>`
	}
	start := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	f := Film{Scenario: "Paying by card", Attempt: 1, Status: "failed", Width: 800, Height: 600, Frames: []Frame{
		{Step: 0, Text: `I am on "/basket"`, Status: "passed", Started: start, Duration: 300 * time.Millisecond, URL: "http://shop.test/basket",
			Image: pic.Bytes(), Drawn: true, Snapshot: snapshot("Your basket \"2 teas\""),
			Requests: []FilmRequest{{Method: "GET", URL: "http://shop.test/basket", Type: "Document", Status: 200, After: 2 * time.Millisecond, Duration: 40 * time.Millisecond},
				{Method: "GET", URL: "http://shop.test/api/basket", Type: "Fetch", Status: 503, After: 90 * time.Millisecond, Duration: 10 * time.Millisecond}},
			Console: []FilmMessage{{After: 100 * time.Millisecond, Level: "error", Text: "basket: 503 <Service Unavailable>"}}},
		{Step: 1, Text: `a card "4242" is on file`, Status: "passed", Started: start.Add(500 * time.Millisecond), Duration: 20 * time.Millisecond, Untouched: true},
		{Step: 2, Text: `I fill in "Card" with "4242"`, Status: "passed", Started: start.Add(time.Second), Duration: 50 * time.Millisecond,
			Image: pic.Bytes(), Drawn: true, Snapshot: snapshot("Card 4242"), Attempts: []FilmAttempt{{After: 10 * time.Millisecond}}},
		{Step: 3, Text: `I click "Pay"`, Status: "failed", Error: `timed out after 5s waiting to click "Pay"`, Started: start.Add(2 * time.Second), Duration: 5 * time.Second,
			Image: pic.Bytes(), Snapshot: snapshot("Processing"), Attempts: []FilmAttempt{
				{After: 5 * time.Millisecond, State: "covered by div.overlay"}, {After: 105 * time.Millisecond, State: "covered by div.overlay"},
				{After: 605 * time.Millisecond, State: "covered by div.overlay"}, {After: 900 * time.Millisecond, State: "moving"}}},
	}}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// playFilm plays a pickle that fails at its last step, which attaches film.
func (s *sim) playFilm(p *messages.Pickle, film []byte) {
	s.fmt.Pickle(p)
	a := s.r.start(p, "1")
	for i, st := range p.Steps {
		a.stepStarted(st)
		if i < len(p.Steps)-1 {
			a.stepFinished(st, godog.StepPassed, nil, nil)
			s.fmt.Passed(p, st, nil)
			continue
		}
		failed := errors.New(`timed out after 5s waiting to click "Pay"`)
		a.stepFinished(st, godog.StepFailed, failed, []godog.Attachment{{Body: film, FileName: "film.json", MediaType: FilmMediaType}})
		s.fmt.Failed(p, st, nil, failed)
		a.finish(failed)
	}
}

// filmRun is testdata/checkout.feature's first scenario failing with a film.
func filmRun(t *testing.T, snapshotSize int) *Run {
	g := newSim(t)
	g.playFilm(g.run("testdata/checkout.feature", 0)[0], testFilm(t, snapshotSize))
	return Build(g.r.Envelopes())
}

// The film in the HTML report: a frame per step with its picture, text,
// duration, attempt log (runs of one state folded), its snapshot for a
// sandboxed frame, its requests and console; the film's own attachment is
// not listed as a file; and the page still fetches nothing.
func TestFilmInTheHTMLReport(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, filmRun(t, 0)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if n := strings.Count(page, `<li class="frame `); n != 4 {
		t.Errorf("%d frames, want 4", n)
	}
	if n := strings.Count(page, `<img alt="the page after step `); n != 3 {
		t.Errorf("%d pictures, want 3", n)
	}
	for _, want := range []string{
		`<section class="film" id="s-testdata-checkout.feature-7-a1"`,
		`data-snapshot="&lt;!DOCTYPE html&gt;`, // the snapshot, escaped for srcdoc
		`Your basket &#34;2 teas&#34;`,
		`data-width="800" data-height="600"`,
		`src="data:image/jpeg;base64,`,
		`4. I click &#34;Pay&#34; <span class="meta">5000 ms</span>`,
		// the factory's frame: no picture, it points to the last frame that has one
		`<span class="no-picture">did not use the page</span>`,
		`it showed what <a href="#s-testdata-checkout.feature-7-a1-f1">step 1</a> shows`,
		`data-none="No DOM snapshot of this step: it did not use the page (step 1 shows it as it was)."`,
		`+5 ms to +605 ms, 3 checks</span> covered by div.overlay</li>`, // folded
		`+900 ms</span> moving</li>`,
		`+10 ms</span> passed</li>`,
		`picture drawn from the DOM snapshot`, `picture captured from the page`,
		`<tr class="failed"><td class="meta">+90 ms</td><td>GET http://shop.test/api/basket <span class="meta">Fetch</span></td><td>503</td>`,
		`basket: 503 &lt;Service Unavailable&gt;`,
		`2 requests, 1 console messages`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	if strings.Contains(page, "film.json") {
		t.Error("the film's attachment is listed as a file of the step")
	}
	checkFetchesNothing(t, page)
}

// Films past MaxInlineFilms go to a folder beside the report, linked
// relatively; opened from disk, the report shows their pictures and opens
// their snapshots, and asks for nothing but itself and its folder.
func TestFilmsBesideALargeReport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.MkdirAll(filepath.Join(dir, "report.films"), 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "report.films", "stale.jpg")
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTMLFile(path, filmRun(t, MaxInlineFilms/3+1)); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) > 1<<20 {
		t.Errorf("the report is %d bytes: its films should be beside it", len(page))
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of an earlier report is left in its films folder: %v", err)
	}
	for _, want := range []string{`src="report.films/s-testdata-checkout.feature-7-a1-f1.jpg"`, `data-snapshot-src="report.films/s-testdata-checkout.feature-7-a1-f4.html"`,
		`img-src data: 'self' file:; frame-src 'self' file:;`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the report lacks %s", want)
		}
	}
	for _, f := range []string{"s-testdata-checkout.feature-7-a1-f1.jpg", "s-testdata-checkout.feature-7-a1-f4.html"} {
		if _, err := os.Stat(filepath.Join(dir, "report.films", f)); err != nil {
			t.Errorf("the films folder lacks %s: %v", f, err)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p := diskpage.Open(t, ctx, path)
	rp := p.Rod()
	must := func(what string, err error) { t.Helper(); diskpage.Must(t, what, err) }
	must("its pictures show", rp.Context(ctx).Timeout(10*time.Second).Wait(rod.Eval(`() => [...document.querySelectorAll('.film img')].every((i) => i.complete && i.naturalWidth === 64)`)))
	must("opening the last frame", p.Click(ctx, support.Loc(`css=.film li.frame:nth-child(4) .shot`)))
	// A file's frame is of another origin than its report (each file is):
	// the browser's own snapshot of the page looks into it.
	shows := func() bool {
		res, err := proto.DOMSnapshotCaptureSnapshot{ComputedStyles: []string{}}.Call(rp)
		if err != nil {
			return false
		}
		for _, d := range res.Documents[1:] {
			if strings.HasSuffix(res.Strings[d.DocumentURL], "-a1-f4.html") {
				return slices.Contains(res.Strings, "Processing")
			}
		}
		return false
	}
	for !shows() {
		if ctx.Err() != nil {
			t.Fatal("the last frame's snapshot did not show")
		}
		must("waiting for the frame", rp.Context(ctx).WaitIdle(time.Second))
	}
	own := regexp.MustCompile(`^file://` + regexp.QuoteMeta(dir) + `/report\.(html|films/[^/]+)$`)
	for _, u := range p.Asked() {
		if !own.MatchString(u) {
			t.Errorf("the report asked for %s; it may ask for itself and its films folder only", u)
		}
	}
}
