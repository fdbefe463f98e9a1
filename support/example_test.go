package support_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"

	"github.com/romaine-bdd/romaine/support"
)

// A page driven by actions and assertions against a real server: each call
// waits until it can act, or until what it expects holds.
func ExamplePage() {
	site := http.NewServeMux()
	site.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>Tea shop</title>
<ul id="basket"><li>Green tea</li><li>Cake</li></ul>
<form action="/thanks"><label>Email <input name="email"></label> <button>Subscribe</button></form>`)
	})
	site.HandleFunc("/thanks", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>Thanks</title><p>Thanks, %s!</p>`, r.FormValue("email"))
	})
	srv := httptest.NewServer(site)
	defer srv.Close()

	// Any rod browser will do; this one is started with rod's own launcher.
	ctx := context.Background()
	browser, stop, err := exampleBrowser()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stop()
	page, err := support.NewPage(ctx, browser, support.PageOptions{
		BaseURL: srv.URL,
		Policy:  support.Policy{Timeout: 5 * time.Second},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer page.Close()

	basket := support.Within("#basket")
	steps := []func() error{
		func() error { return page.Visit(ctx, "/") },
		func() error { return page.ExpectTitle(ctx, "Tea shop") },
		func() error { return page.ExpectCount(ctx, support.Loc("li", basket), 2) },
		func() error { return page.ExpectText(ctx, "Cake", basket) },
		func() error { return page.Fill(ctx, support.Loc("Email").As(support.FieldKind), "ann@example.com") },
		func() error { return page.ExpectState(ctx, support.Loc("Subscribe"), support.Enabled) },
		func() error { return page.Click(ctx, support.Loc("Subscribe")) },
		func() error { return page.ExpectPath(ctx, "/thanks?email=ann%40example.com") },
		func() error { return page.ExpectText(ctx, "Thanks, ann@example.com!") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("subscribed")
	// Output: subscribed
}

// exampleBrowser starts a browser with rod's own launcher, and what stops it.
// Chrome refuses to start as root with its sandbox on.
func exampleBrowser() (*rod.Browser, func(), error) {
	bin, ok := launcher.LookPath()
	if !ok {
		return nil, nil, errors.New("no Chrome or Chromium on this machine")
	}
	l := launcher.New().Bin(bin).NoSandbox(os.Geteuid() == 0)
	controlURL, err := l.Launch()
	if err != nil {
		l.Cleanup()
		return nil, nil, err
	}
	browser := rod.New().ControlURL(controlURL)
	if err := browser.Connect(); err != nil {
		l.Cleanup()
		return nil, nil, err
	}
	return browser, func() { _ = browser.Close(); l.Cleanup() }, nil
}

// Locators name elements by what a person reads, narrowed by scopes; printed,
// they read as in a step and in error messages.
func ExampleLoc() {
	row := support.WithinContaining("tr", "Ada Lovelace")
	fmt.Println(support.Loc("Edit", row).As(support.ButtonKind))
	fmt.Println(support.Loc("li", support.Within("#basket")))
	// Output:
	// "Edit" within the "tr" containing "Ada Lovelace"
	// "li" within "#basket"
}
