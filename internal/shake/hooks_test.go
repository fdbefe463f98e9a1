package shake

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/proto"

	"github.com/romaine-bdd/romaine/internal/testenv"
	"github.com/romaine-bdd/romaine/support"
)

// page is a page of a browser of the test's own, on srv.
func page(t *testing.T, srv *httptest.Server) *support.Page {
	t.Helper()
	return testenv.NewPage(t, t.Context(), srv.URL)
}

// record puts sh on p for one scenario; the returned func ends it.
func record(t *testing.T, p *support.Page, srv *httptest.Server, sh Shake) (*support.Recording, func() error) {
	t.Helper()
	var undone error
	consumer := func(ctx context.Context, r *support.Recording) (support.Hooks, error) {
		return Hooks(r, sh, srv.URL+"/", func(_ support.Ending, undo error) []support.Artifact { undone = undo; return nil }), nil
	}
	rec, err := p.Record(t.Context(), support.RecordOptions{Scenario: support.ScenarioInfo{Name: "shaken", Attempt: 1}, Consumers: []support.Consumer{consumer}})
	if err != nil {
		t.Fatal(err)
	}
	return rec, func() error {
		rec.End(t.Context(), support.Ending{Status: "passed", Attempt: 1})
		return undone
	}
}

// The page asks for /a, then /b, and writes the answers down as they come.
// The app answers /b only once it has answered /a, so they come in that
// order; under a perturbation that holds /a's response more than a second
// and /b's hardly at all, /b comes first: the flip a scenario that needs its
// requests to finish in order fails on. The margins are wide, so that a
// loaded machine does not change the order.
func TestHeldResponsesArriveInAnotherOrder(t *testing.T) {
	answeredA := make(chan struct{}, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			fmt.Fprint(w, "a")
			w.(http.Flusher).Flush()
			answeredA <- struct{}{}
		case "/b":
			select { // the app answers /b after /a
			case <-answeredA:
			case <-r.Context().Done():
				return
			}
			fmt.Fprint(w, "b")
		default:
			fmt.Fprint(w, `<!doctype html><title>Order</title><link rel="icon" href="data:,"><p id="log"></p>
<script>const got = []; const note = (s) => { got.push(s); if (got.length === 2) log.textContent = got.join(","); };
fetch("/a").then((r) => r.text()).then(note); fetch("/b").then((r) => r.text()).then(note);</script>`)
		}
	}))
	defer srv.Close()
	// A seed whose draws hold /a more than a second, and /b hardly at all.
	sh := Shake{Jitter: 2 * time.Second}
	for sh.Seed = 1; sh.Hold("GET", "/a", 1) < 1200*time.Millisecond || sh.Hold("GET", "/b", 1) > 50*time.Millisecond; sh.Seed++ {
	}
	t.Logf("seed %d holds /a %s and /b %s", sh.Seed, sh.Hold("GET", "/a", 1), sh.Hold("GET", "/b", 1))
	p := page(t, srv)
	ctx := t.Context()
	if err := p.Visit(ctx, "/"); err != nil {
		t.Fatal(err)
	}
	if err := p.ExpectText(ctx, "a,b"); err != nil {
		t.Fatalf("with no perturbation the answers come in the order asked: %v", err)
	}
	for i := 0; i < 2; i++ { // the same seed flips them every time
		_, end := record(t, p, srv, sh)
		if err := p.Visit(ctx, "/"); err != nil {
			t.Fatal(err)
		}
		if err := p.ExpectText(ctx, "b,a"); err != nil {
			t.Errorf("run %d under seed %d: %v", i+1, sh.Seed, err)
		}
		if err := end(); err != nil {
			t.Errorf("undoing: %v", err)
		}
	}
}

// The app gets its cookies with every request to it while the perturbation
// is on, and none once the scenario has ended; the page's animations run at
// the perturbation's rate, and at 1 again after.
func TestTheAppIsToldAndEverythingIsUndone(t *testing.T) {
	var mu sync.Mutex
	var cookies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var got []string
		for _, c := range r.Cookies() {
			got = append(got, c.Name+"="+c.Value)
		}
		mu.Lock()
		cookies = append(cookies, r.URL.Path+" "+strings.Join(got, " "))
		mu.Unlock()
		fmt.Fprint(w, `<!doctype html><title>App</title><link rel="icon" href="data:,"><p>Hello</p><script>document.cookie</script>`)
	}))
	defer srv.Close()
	p := page(t, srv)
	ctx := t.Context()
	sh := Shake{Seed: 2222222222, CPU: 3, Latency: 40 * time.Millisecond, Animation: 0.5, App: 300 * time.Millisecond}
	rec, end := record(t, p, srv, sh)
	if err := p.Visit(ctx, "/page"); err != nil {
		t.Fatal(err)
	}
	rate := func() float64 {
		res, err := proto.AnimationGetPlaybackRate{}.Call(rec.Sessions()[0].Client(ctx))
		if err != nil {
			t.Fatal(err)
		}
		return res.PlaybackRate
	}
	if r := rate(); r != 0.5 {
		t.Errorf("animations run at %gx under the perturbation, want 0.5x", r)
	}
	js, err := p.Rod().Eval(`() => document.cookie`)
	if err != nil {
		t.Fatal(err)
	}
	if s := js.Value.Str(); s != "" {
		t.Errorf("the page's script sees the cookies %q: they are for the app's server alone (HttpOnly)", s)
	}
	if err := end(); err != nil {
		t.Errorf("undoing: %v", err)
	}
	if err := p.Visit(ctx, "/after"); err != nil {
		t.Fatal(err)
	}
	if r := rate(); r != 1 {
		t.Errorf("animations run at %gx after the scenario, want 1x", r)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"/page romaine-latency=300 romaine-seed=2222222222", "/after "}
	if strings.Join(cookies, "\n") != strings.Join(want, "\n") {
		t.Errorf("the app got the cookies\n%s\nwant\n%s", strings.Join(cookies, "\n"), strings.Join(want, "\n"))
	}
}
