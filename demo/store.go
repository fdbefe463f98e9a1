// Package demo is the web shop the Romaine framework tests itself against.
//
// It is shaped like BDD's classic "Returns go to stock" story: an owner
// refunds or replaces what customers bought, and the stock follows. The pages
// are server-rendered shells whose plain JavaScript fills them from a JSON
// API, so a browser test has to wait for the page to change after load —
// and in chaos mode that wait is random.
package demo

import (
	"database/sql"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"time"
)

// Options configures a Store.
type Options struct {
	DBPath   string    // SQLite file; "" = a fresh temp file that Close removes
	TestMode bool      // enables the /__test__/ endpoints; off by default
	Chaos    bool      // random latency 0-800 ms on every /api/ answer and random delays (0-400 ms) in UI updates
	Seed     int64     // chaos randomness seed; 0 = time-based
	Log      io.Writer // request/error log; nil = discard
}

// Store is one running shop: its database, its sessions and its routes.
// It is an http.Handler.
type Store struct {
	opts     Options
	db       *sql.DB
	tempDir  string // removed by Close when the database file was ours
	log      io.Writer
	sessions *sessionStore
	chaos    *chaosClock // nil unless Options.Chaos
	shakes   shakeCounts // the flake hunter's requests, counted (shake.go)
	pages    map[string]*template.Template
	mux      *http.ServeMux
}

// New opens (or creates) the database and builds the routes.
func New(opts Options) (*Store, error) {
	s := &Store{opts: opts, log: opts.Log, sessions: newSessionStore()}
	if s.log == nil {
		s.log = io.Discard
	}
	path := opts.DBPath
	if path == "" {
		dir, err := os.MkdirTemp("", "demo-store-*")
		if err != nil {
			return nil, fmt.Errorf("demo: temp dir for database: %w", err)
		}
		s.tempDir = dir
		path = dir + "/store.db"
	}
	db, err := openDatabase(path)
	if err != nil {
		s.removeTempDir()
		return nil, err
	}
	s.db = db
	if s.pages, err = parsePages(); err != nil {
		s.Close()
		return nil, err
	}
	if opts.Chaos {
		s.chaos = newChaosClock(opts.Seed)
	}
	s.mux = s.routes()
	return s, nil
}

// Close closes the database and removes it if New created it.
func (s *Store) Close() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
	}
	s.removeTempDir()
	return err
}

func (s *Store) removeTempDir() {
	if s.tempDir != "" {
		os.RemoveAll(s.tempDir)
	}
}

// ServeHTTP logs every request and, in chaos mode, delays API answers.
func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	if s.chaos != nil && isAPIPath(r.URL.Path) {
		if !s.chaos.delay(r.Context()) {
			return // the client went away while we were being slow
		}
	}
	if ask := s.shakeOf(r); ask.latency > 0 && isAPIPath(r.URL.Path) {
		if !wait(r.Context(), ask.delay(&s.shakes, r)) {
			return
		}
	}
	s.mux.ServeHTTP(rec, r)
	fmt.Fprintf(s.log, "%s %s %d %s\n", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
}

// routes wires every URL. Test endpoints exist only in test mode, so
// without it they fall through to the ordinary 404 page.
func (s *Store) routes() *http.ServeMux {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /{$}", s.handleRoot)
	mux.HandleFunc("GET /sign-in", s.handleSignInPage)
	mux.HandleFunc("GET /inventory", s.handleInventoryPage)
	mux.HandleFunc("GET /products/{id}", s.handleProductPage)
	mux.HandleFunc("GET /products/{id}/review", s.handleReviewPage)
	mux.HandleFunc("GET /orders", s.handleOrdersPage)
	mux.HandleFunc("GET /returns", s.handleReturnsPage)
	mux.HandleFunc("GET /deals", s.handleDealsPage)
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("/", s.handleNotFoundPage)

	mux.HandleFunc("GET /api/session", s.handleGetSession)
	mux.HandleFunc("POST /api/session", s.handleSignIn)
	mux.HandleFunc("DELETE /api/session", s.handleSignOut)
	mux.HandleFunc("POST /api/sign-out", s.handleSignOut)
	mux.HandleFunc("GET /api/products", s.handleListProducts)
	mux.HandleFunc("POST /api/products", s.handleCreateProduct)
	mux.HandleFunc("GET /api/products/{id}", s.handleGetProduct)
	mux.HandleFunc("PATCH /api/products/{id}", s.handleUpdateProduct)
	mux.HandleFunc("GET /api/products/{id}/photo", s.handleGetPhoto)
	mux.HandleFunc("POST /api/products/{id}/photo", s.handleUploadPhoto)
	mux.HandleFunc("GET /api/orders", s.handleListOrders)
	mux.HandleFunc("GET /api/orders/{id}", s.handleGetOrder)
	mux.HandleFunc("POST /api/orders/{id}/return-request", s.handleRequestReturn)
	mux.HandleFunc("POST /api/orders/{id}/refund", s.handleRefund)
	mux.HandleFunc("POST /api/orders/{id}/replace", s.handleReplace)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no API route for %s %s", r.Method, r.URL.Path))
	})

	if s.opts.TestMode {
		mux.HandleFunc("POST /__test__/reset", s.handleReset)
		mux.HandleFunc("POST /__test__/factories/{model}", s.handleFactory)
	}
	return mux
}

// statusRecorder remembers the status code for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
