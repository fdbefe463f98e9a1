package demo

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
)

// web holds every template, script and stylesheet, so the binary needs no
// files and no network beside itself.
//
//go:embed web
var web embed.FS

// pageTemplates are the page names; each is web/templates/NAME.html
// rendered inside web/templates/layout.html.
var pageTemplates = []string{"sign-in", "inventory", "product", "orders", "returns", "error", "deals", "review"}

// pageData is what a template sees. Templates call can themselves, so what
// a page shows is decided by the same rules as what the API allows.
type pageData struct {
	Title   string // before " — Demo Store"
	Page    string // body data-page, for the scripts
	User    *User  // nil when signed out
	Chaos   bool
	Shake   *pageShake // the flake hunter's latency, when asked for (shake.go)
	Scripts []string   // page scripts after common.js
	Product *Product
	Heading string // error and deals pages only
	Message string // error page only
}

func parsePages() (map[string]*template.Template, error) {
	funcs := template.FuncMap{"can": can}
	pages := map[string]*template.Template{}
	for _, name := range pageTemplates {
		t, err := template.New(name).Funcs(funcs).ParseFS(web,
			"web/templates/layout.html", "web/templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("demo: parse page %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

func staticHandler() http.Handler {
	static, err := fs.Sub(web, "web/static")
	if err != nil {
		panic(err) // the directory is embedded at compile time; this cannot fail
	}
	return http.StripPrefix("/static/", http.FileServerFS(static))
}

// render writes a page; it renders to a buffer first so a template error
// becomes a clean 500 rather than half a page.
func (s *Store) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	data.Page = name
	data.Chaos = s.chaos != nil
	if ask := s.shakeOf(r); ask.latency > 0 {
		data.Shake = &pageShake{Seed: ask.seed, Max: ask.latency.Milliseconds() / 2}
	}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		fmt.Fprintf(s.log, "ERROR render %s: %v\n", name, err)
		http.Error(w, "internal error rendering page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// pageUser gates a page: signed-out visitors go to the sign-in page, users
// who may not see it get a 403 page. It reports whether to go on.
func (s *Store) pageUser(w http.ResponseWriter, r *http.Request, action string, subject any) (*User, bool) {
	u := s.currentUser(r)
	if u == nil {
		http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
		return nil, false
	}
	if !can(u, action, subject) {
		s.render(w, r, http.StatusForbidden, "error", pageData{Title: "Forbidden", User: u,
			Heading: "Forbidden", Message: "You are not allowed to see this page."})
		return nil, false
	}
	return u, true
}

func (s *Store) handleRoot(w http.ResponseWriter, r *http.Request) {
	if s.currentUser(r) != nil {
		http.Redirect(w, r, "/inventory", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
}

func (s *Store) handleSignInPage(w http.ResponseWriter, r *http.Request) {
	if s.currentUser(r) != nil {
		http.Redirect(w, r, "/inventory", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "sign-in", pageData{Title: "Sign in", Scripts: []string{"sign-in.js"}})
}

func (s *Store) handleInventoryPage(w http.ResponseWriter, r *http.Request) {
	if u, ok := s.pageUser(w, r, actionRead, "Product"); ok {
		s.render(w, r, http.StatusOK, "inventory", pageData{Title: "Inventory", User: u,
			Scripts: []string{"inventory.js"}})
	}
}

func (s *Store) handleProductPage(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	if u == nil {
		http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
		return
	}
	p, ok := s.productInPath(w, r)
	if !ok {
		return
	}
	if _, ok := s.pageUser(w, r, actionRead, p); ok {
		s.render(w, r, http.StatusOK, "product", pageData{Title: p.Name, User: u, Product: p,
			Scripts: []string{"product.js"}})
	}
}

// productInPath is the product the path's {id} names; when there is none it
// has answered with the not-found page.
func (s *Store) productInPath(w http.ResponseWriter, r *http.Request) (*Product, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var p *Product
	if err == nil {
		p, err = findProduct(r.Context(), s.db, id)
	}
	if err != nil {
		s.handleNotFoundPage(w, r)
		return nil, false
	}
	return p, true
}

// The review page is built from web components (components.js): custom
// elements with shadow roots, an ARIA combobox, a typed confirmation and a
// frame, so the suite shows how features read on such pages.
func (s *Store) handleReviewPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.productInPath(w, r)
	if !ok {
		return
	}
	if u, ok := s.pageUser(w, r, actionRead, p); ok {
		s.render(w, r, http.StatusOK, "review", pageData{Title: "Review " + p.Name, User: u, Product: p,
			Scripts: []string{"components.js", "review.js"}})
	}
}

func (s *Store) handleOrdersPage(w http.ResponseWriter, r *http.Request) {
	if u, ok := s.pageUser(w, r, actionRead, "Order"); ok {
		s.render(w, r, http.StatusOK, "orders", pageData{Title: "Orders", User: u,
			Scripts: []string{"orders.js"}})
	}
}

// The Returns page is for whoever may refund orders: the owner.
func (s *Store) handleReturnsPage(w http.ResponseWriter, r *http.Request) {
	if u, ok := s.pageUser(w, r, actionRefund, "Order"); ok {
		s.render(w, r, http.StatusOK, "returns", pageData{Title: "Returns", User: u,
			Scripts: []string{"returns.js"}})
	}
}

// The Deals page is public, and hard to click on purpose, as pages in the
// wild are: its fruit stand is rebuilt every 50 ms, a banner arriving 0.2-1 s
// after load pushes its links down, and one button navigates a moment after
// it is clicked (deals.js). ?page=2 is where its links lead.
func (s *Store) handleDealsPage(w http.ResponseWriter, r *http.Request) {
	heading := "Today's deals"
	if r.URL.Query().Get("page") == "2" {
		heading = "More deals"
	}
	s.render(w, r, http.StatusOK, "deals", pageData{Title: "Deals", User: s.currentUser(r), Heading: heading,
		Scripts: []string{"deals.js"}})
}

func (s *Store) handleNotFoundPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "error", pageData{Title: "Not found", User: s.currentUser(r),
		Heading: "Not found", Message: "There is no page at " + r.URL.Path + "."})
}
