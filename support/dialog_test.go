package support_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/romaine-bdd/romaine/support"
)

const dialogPage = `
<button onclick="rec('confirm:' + confirm('Delete the order?'))">Delete</button>
<button onclick="rec('prompt:' + prompt('Your name?', 'Ada'))">Rename</button>
<button onclick="alert('Saved, but nobody asked'); rec('after alert')">Save</button>`

func TestDialogs(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, button string
		answer       *bool
		want         string
		unexpected   []string
		reason       string
	}{
		{"accept", "Delete", ptr(true), "confirm:true", nil, "NextDialog(true) accepts the confirm the click opens"},
		{"dismiss", "Delete", ptr(false), "confirm:false", nil, "NextDialog(false) dismisses it"},
		{"accept prompt", "Rename", ptr(true), "prompt:Ada", nil, "an accepted prompt keeps its default text"},
		{"unexpected alert", "Save", nil, "after alert", []string{`alert "Saved, but nobody asked"`}, "an alert nobody expected is dismissed, never hangs, and is reported"},
		{"unexpected confirm", "Delete", nil, "confirm:false", []string{`confirm "Delete the order?"`}, "an unexpected confirm is dismissed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, ctx := open(t, site{"/": dialogPage})
			if c.answer != nil {
				p.NextDialog(*c.answer)
			}
			if err := p.Click(ctx, support.Loc(c.button)); err != nil {
				t.Fatalf("%s: %v", c.reason, err)
			}
			wantEvents(t, p, c.want)
			if got := p.UnexpectedDialogs(); strings.Join(got, "|") != strings.Join(c.unexpected, "|") {
				t.Errorf("%s: unexpected dialogs %q, want %q", c.reason, got, c.unexpected)
			}
			if got := p.UnexpectedDialogs(); len(got) != 0 {
				t.Errorf("UnexpectedDialogs should forget what it returned, still has %q", got)
			}
		})
	}
}

// An answer prepared with NextDialog is for one dialog only.
func TestNextDialogIsUsedOnce(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": dialogPage})
	p.NextDialog(true)
	for range 2 {
		if err := p.Click(ctx, support.Loc("Delete")); err != nil {
			t.Fatal(err)
		}
	}
	wantEvents(t, p, "confirm:true", "confirm:false")
	if got := p.UnexpectedDialogs(); len(got) != 1 {
		t.Errorf("the second confirm should be unexpected, got %q", got)
	}
}

func TestSaveArtifacts(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<h1>Order 42 failed</h1>
<script>
console.log('hello from the page', 42);
setTimeout(() => { throw new Error('kaboom in a timer'); }, 0);
</script>`})
	js(t, p, "alert('left open'), 1")
	dir := filepath.Join(t.TempDir(), "artifacts")
	var console string
	eventually(t, "the console and the error to reach the page's log", func() bool {
		if _, err := p.SaveArtifacts(ctx, dir); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "console.txt"))
		console = string(b)
		return err == nil && strings.Contains(console, "kaboom")
	})
	for _, want := range []string{
		"url: http://127.0.0.1:",
		"[log] hello from the page 42",
		"[uncaught] Uncaught Error: kaboom in a timer",
		"unexpected dialogs (dismissed) (1)",
		`alert "left open"`,
	} {
		if !strings.Contains(console, want) {
			t.Errorf("console.txt lacks %q:\n%s", want, console)
		}
	}
	png, err := os.ReadFile(filepath.Join(dir, "screenshot.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(png), "\x89PNG\r\n\x1a\n") || len(png) < 1000 {
		t.Errorf("screenshot.png is not a PNG of a page (%d bytes, starts %q)", len(png), png[:min(8, len(png))])
	}
	html, err := os.ReadFile(filepath.Join(dir, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "<h1>Order 42 failed</h1>") {
		t.Errorf("page.html lacks the page's text:\n%s", html)
	}
}

func ptr[T any](v T) *T { return &v }

// The HTML of the artifacts is serialised by the browser, not read through
// the page's DOM methods, which the page may have wrapped or broken (as a
// DOM polyfill does).
func TestSaveArtifactsWhenThePageBreaksItsDOMMethods(t *testing.T) {
	t.Parallel()
	p, ctx := open(t, site{"/": `<h1>Order 43 failed</h1><script>
const broken = () => { throw new Error('broken by the page'); };
Document.prototype.querySelector = Element.prototype.querySelector = Document.prototype.querySelectorAll = broken;
Object.defineProperty(Element.prototype, 'outerHTML', { get: broken });
</script>`})
	dir := filepath.Join(t.TempDir(), "artifacts")
	if _, err := p.SaveArtifacts(ctx, dir); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(dir, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(html), "<!DOCTYPE html>") || !strings.Contains(string(html), "<h1>Order 43 failed</h1>") {
		t.Errorf("page.html is not the page's document:\n%s", html)
	}
}
