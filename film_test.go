package romaine_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/internal/diskpage"
	"github.com/romaine-bdd/romaine/internal/lockedbuf"
	"github.com/romaine-bdd/romaine/report"
	"github.com/romaine-bdd/romaine/support"
	"github.com/romaine-bdd/romaine/terrain"
)

// TestFilmOfAFailingDemoScenario runs two demo store scenarios that fail
// at their last step (testdata/film.feature), as two CI shards with the
// default ROMAINE_TRACE, and reads their films back: in a shard's messages
// report (a frame per step, each with a JPEG and a DOM snapshot, the
// failing step's attempt log, the requests), in the HTML report of the
// shards merged as romaine report merge merges them (both films), and in
// that report opened from disk in Chromium, where every frame's snapshot
// opens and draws the page offline, and nothing is fetched.
// ROMAINE_DOCS_SHOTS=docs takes the README's pictures of the report.
func TestFilmOfAFailingDemoScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo store in a browser")
	}
	dir := t.TempDir()
	if keep := os.Getenv("FILM_KEEP"); keep != "" {
		dir = keep
	}
	var shards []string
	var film *report.Film
	for _, shard := range []string{"1/2", "2/2"} {
		messages := filepath.Join(dir, "shard-"+shard[:1]+".ndjson")
		shards = append(shards, messages)
		runFailing(t, dir, shard, "messages:"+messages)
		envs, err := report.ReadFiles(messages)
		if err != nil {
			t.Fatal(err)
		}
		run := report.Build(envs)
		if len(run.Features) != 1 || len(run.Features[0].Scenarios) != 1 {
			t.Fatalf("shard %s: want one scenario in its messages report", shard)
		}
		sc := run.Features[0].Scenarios[0]
		f := sc.Final().Film
		if f == nil {
			t.Fatalf("shard %s: the failed scenario %q has no film in the messages report", shard, sc.Name)
		}
		if sc.Name == "A wrong password does not sign the customer in" {
			film = f
		}
	}
	if film == nil {
		t.Fatal("neither shard ran the wrong password's scenario")
	}
	checkFilm(t, film)

	// What romaine report merge does with the shards' records.
	envs, err := report.ReadFiles(shards...)
	if err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "report.html")
	if err := report.WriteHTMLFile(html, report.Build(envs)); err != nil {
		t.Fatal(err)
	}
	openReport(t, html, len(film.Frames))
}

// runFailing runs testdata/film.feature's shard, which fails.
func runFailing(t *testing.T, dir, shard, reports string) {
	t.Helper()
	for k, v := range map[string]string{
		"ROMAINE_FEATURES":  "testdata/film.feature",
		"ROMAINE_WORKERS":   "1",
		"ROMAINE_TIMEOUT":   "2s",
		"ROMAINE_FORMAT":    "progress",
		"ROMAINE_PROGRESS":  "off",
		"ROMAINE_ORDER":     "defined",
		"ROMAINE_ARTIFACTS": filepath.Join(dir, "artifacts"),
		"ROMAINE_TIMINGS":   filepath.Join(dir, "timings.json"),
		"ROMAINE_REPORTS":   reports,
		"ROMAINE_TRACE":     "", // the default: retain-on-failure
		"ROMAINE_SHARD":     shard,
		"ROMAINE_RETRIES":   "0",
		"ROMAINE_TAGS":      "",
		"ROMAINE_APP_CMD":   "",
		"ROMAINE_APP_URL":   "",
	} {
		t.Setenv(k, v)
	}
	var out lockedbuf.Buffer
	if status := terrain.New(append(suiteOptions(), terrain.WithOutput(&out))...).Run(); status != 1 {
		t.Fatalf("shard %s should fail (status 1), got status %d:\n%s", shard, status, out.String())
	}
}

// checkFilm checks what the messages report holds of the film.
func checkFilm(t *testing.T, f *report.Film) {
	t.Helper()
	texts := []string{`a customer exists`, `I go to "/sign-in"`, `I fill in "Email" with "{{customer.email}}"`,
		`I fill in "Password" with "not the password"`, `I click "Sign in"`, `I should see "Your orders"`}
	if len(f.Frames) != len(texts) || f.Status != "failed" {
		t.Fatalf("the film has %d frames (status %s), want %d (failed)", len(f.Frames), f.Status, len(texts))
	}
	for i, fr := range f.Frames {
		if fr.Text != texts[i] {
			t.Errorf("frame %d is step %q, want %q", i+1, fr.Text, texts[i])
		}
		if i == 0 { // the factory did not use the page: no snapshot, no picture
			if !fr.Untouched || fr.Snapshot != "" || fr.Image != nil {
				t.Errorf("frame 1 (%s): untouched %v, snapshot %d bytes, picture %d bytes; want untouched, neither", fr.Text, fr.Untouched, len(fr.Snapshot), len(fr.Image))
			}
			continue
		}
		if fr.Untouched || fr.Snapshot == "" || !strings.Contains(fr.Snapshot, "data-rs=") {
			t.Errorf("frame %d (%s) has no DOM snapshot (untouched %v)", i+1, fr.Text, fr.Untouched)
		}
		if strings.Contains(strings.ToLower(fr.Snapshot), "<script") {
			t.Errorf("frame %d's snapshot holds a script", i+1)
		}
		if drawn := i < len(f.Frames)-1; fr.Drawn != drawn {
			t.Errorf("frame %d: drawn from its snapshot %v, want %v (the last step's picture is a capture of the page)", i+1, fr.Drawn, drawn)
		}
		img, err := jpeg.Decode(bytes.NewReader(fr.Image))
		if err != nil {
			t.Errorf("frame %d (%s): its picture is not a JPEG: %v", i+1, fr.Text, err)
		} else if w := img.Bounds().Dx(); w > 640 || w < 100 {
			t.Errorf("frame %d: the picture is %d pixels wide, want a small one (at most 640)", i+1, w)
		}
	}
	last := f.Frames[len(f.Frames)-1]
	if last.Status != "failed" || !strings.Contains(last.Error, "Your orders") || len(last.Attempts) < 2 {
		t.Errorf("the last frame: status %s, %d attempts, error %q; want failed, several attempts, the error", last.Status, len(last.Attempts), last.Error)
	}
	if !strings.Contains(last.Snapshot, "Invalid email or password") {
		t.Errorf("the failing step's snapshot does not show what the page said")
	}
	click := f.Frames[4]
	found := false
	for _, q := range click.Requests {
		found = found || q.Method == "POST" && q.Status == 401
	}
	if !found {
		t.Errorf("the click's frame has no refused POST among its requests: %+v", click.Requests)
	}
}

// openReport opens the HTML report from disk, checks its film, opens every
// frame's snapshot and counts what the page asked the network for.
func openReport(t *testing.T, path string, frames int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p := diskpage.Open(t, ctx, path)
	rp := p.Rod()
	must := func(what string, err error) { t.Helper(); diskpage.Must(t, what, err) }
	must("both films", p.ExpectCount(ctx, support.Loc("css=section.film"), 2))
	scenario := "details.scenario:has(.film li.frame:nth-child(" + strconv.Itoa(frames) + "))"
	loc := func(sel string) support.Locator { return support.Loc("css=" + scenario + " " + sel) }
	must("the film's frames", p.ExpectCount(ctx, loc(".film li.frame"), frames))
	must("a picture per frame but the first (a factory: it did not use the page)", p.ExpectCount(ctx, loc(`.film li.frame .shot img[src^="data:image/jpeg;base64,"]`), frames-1))
	must("a snapshot per frame but the first", p.ExpectCount(ctx, loc(`.film li.frame .shot[data-snapshot]`), frames-1))
	must("the failing step's attempt log", p.ExpectVisible(ctx, loc(`.film li.frame.failed ol.attempt-log`)))
	docs := os.Getenv("ROMAINE_DOCS_SHOTS")
	if docs != "" {
		// Tall enough for the whole film.
		must("sizing the page", proto.EmulationSetDeviceMetricsOverride{Width: 960, Height: 2400, DeviceScaleFactor: 1}.Call(rp))
		docShot(t, rp, filepath.Join(docs, "film-strip.png"), scenario+" .film")
	}
	for i := 1; i <= frames; i++ {
		shot := loc(`.film li.frame:nth-child(` + strconv.Itoa(i) + `) .shot`)
		must("opening a frame", p.Click(ctx, shot))
		detail := scenario + ` .film li.frame:nth-child(` + strconv.Itoa(i) + `) .frame-detail`
		if i == 1 { // the factory's frame says why it has no snapshot
			must("its note", p.ExpectText(ctx, "No DOM snapshot of this step: it did not use the page.", support.Within("css="+detail)))
			must("closing it", p.Click(ctx, shot))
			continue
		}
		must("its snapshot", rp.Context(ctx).Timeout(10*time.Second).Wait(rod.Eval(`(sel) => { const f = document.querySelector(sel + ' iframe');
			return f !== null && f.contentDocument !== null && f.contentDocument.readyState === 'complete' && f.contentDocument.body !== null && f.contentDocument.body.innerText.includes('Sign in') }`, detail)))
		if i == frames-1 && docs != "" { // the click: its refused request
			docShot(t, rp, filepath.Join(docs, "film-snapshot.png"), scenario+` .film li.frame:nth-child(`+strconv.Itoa(i)+`)`)
		}
		must("closing it", p.Click(ctx, shot))
	}
	if asked := p.Asked(); len(asked) != 1 || !strings.HasSuffix(asked[0], "/report.html") {
		t.Errorf("the report asked for %q; it must ask for nothing but itself", asked)
	}
}

// docShot saves a PNG of the element sel, for the docs.
func docShot(t *testing.T, rp *rod.Page, path, sel string) {
	t.Helper()
	el, err := rp.Element(sel)
	if err != nil {
		t.Fatal(err)
	}
	png, err := el.Screenshot(proto.PageCaptureScreenshotFormatPng, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
