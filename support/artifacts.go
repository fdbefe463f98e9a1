package support

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-rod/rod/lib/proto"
)

// Artifact is one saved file about the page, with its contents (for reports
// that attach them, so they need not read the file back).
type Artifact struct {
	Path      string // the file written
	MediaType string // "image/png", "text/html", ...
	Data      []byte // the file's content, for attaching to a report
}

// SaveArtifacts writes what a person debugging a failure wants into dir: a
// screenshot, the HTML as it is now, the console (with uncaught errors), failed
// requests and unexpected dialogs. It saves what it can and reports the rest;
// what needs the page's renderer (screenshot, HTML) is given up on after
// artifactBudget, so a page whose JavaScript is stuck cannot hang the run.
func (p *Page) SaveArtifacts(ctx context.Context, dir string) ([]Artifact, error) {
	ctx, cancel := context.WithTimeout(ctx, artifactBudget)
	defer cancel()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	var saved []Artifact
	var problems []string
	write := func(name, media string, data []byte) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			problems = append(problems, err.Error())
			return
		}
		saved = append(saved, Artifact{Path: path, MediaType: media, Data: data})
	}
	rp := p.rod.Context(ctx)
	if shot, err := rp.Screenshot(true, &proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatPng}); err == nil {
		write("screenshot.png", "image/png", shot)
	} else {
		problems = append(problems, "screenshot: "+unsaved(ctx, err))
	}
	if html, err := p.outerHTML(ctx); err == nil {
		write("page.html", "text/html", []byte(html))
	} else {
		problems = append(problems, "html: "+unsaved(ctx, err))
	}
	var log strings.Builder
	// Asked of the browser, with time of its own: the budget may be spent.
	uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), answerGrace)
	if u, err := p.URL(uctx); err == nil {
		fmt.Fprintf(&log, "url: %s\n", u)
	}
	ucancel()
	p.events.mu.Lock()
	section := func(title string, lines []string) {
		fmt.Fprintf(&log, "\n%s (%d)\n", title, len(lines))
		for _, l := range lines {
			log.WriteString("  " + l + "\n")
		}
	}
	section("console and uncaught errors", p.events.console)
	section("failed requests (network errors, 4xx and 5xx answers)", p.events.failed)
	section("unexpected dialogs (dismissed)", p.events.dialogs)
	p.events.mu.Unlock()
	write("console.txt", "text/plain", []byte(log.String()))
	if len(problems) > 0 {
		return saved, fmt.Errorf("saving page artifacts in %s: %s", dir, strings.Join(problems, "; "))
	}
	return saved, nil
}

// artifactBudget bounds the artifacts that need the page to answer.
const artifactBudget = 5 * time.Second

func unsaved(ctx context.Context, err error) string {
	if ctx.Err() != nil {
		return fmt.Sprintf("not saved: the page did not answer within %s (its JavaScript may be stuck)", artifactBudget)
	}
	return err.Error()
}

// outerHTML is the document's HTML as it is now, serialised by the browser
// (DOM.getOuterHTML) from the document as the script's world holds it: no
// JavaScript of the page runs, so a page that wraps the DOM (a polyfill) or
// patches its methods cannot break it.
func (p *Page) outerHTML(ctx context.Context) (string, error) {
	at := frameDoc{page: p.rod.Context(ctx), scripts: p.scripts}
	doc, err := at.eval(request{Check: "document"}, true)
	if err != nil {
		return "", err
	}
	defer func() { _ = proto.RuntimeReleaseObject{ObjectID: doc.ObjectID}.Call(at.page) }()
	res, err := proto.DOMGetOuterHTML{ObjectID: doc.ObjectID}.Call(at.page)
	if err != nil {
		return "", err
	}
	return res.OuterHTML, nil
}
