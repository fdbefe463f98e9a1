package demo

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// The flake hunter's cookies slow the API down by delays drawn from the
// seed: the same again for the same seed and the same requests (after a
// reset), others for another seed; never more than asked.
func TestShakeDelaysAreDrawnFromTheSeed(t *testing.T) {
	s := &Store{opts: Options{TestMode: true}}
	req := func(method, target string, cookies ...string) *http.Request {
		r := httptest.NewRequest(method, target, nil)
		for _, c := range cookies {
			name, value, _ := strings.Cut(c, "=")
			r.AddCookie(&http.Cookie{Name: name, Value: value})
		}
		return r
	}
	draws := func(seed string) []time.Duration {
		s.shakes.reset()
		var out []time.Duration
		for _, target := range []string{"/api/products", "/api/products", "/api/products/1", "/api/orders"} {
			for _, method := range []string{"GET", "PATCH"} {
				ask := s.shakeOf(req(method, target, "romaine-latency=400", "romaine-seed="+seed))
				if ask.latency != 400*time.Millisecond {
					t.Fatalf("the cookies ask for %s, want 400ms", ask.latency)
				}
				d := ask.delay(&s.shakes, req(method, target))
				if d < 0 || d > ask.latency {
					t.Fatalf("%s %s waits %s: more than the %s asked for", method, target, d, ask.latency)
				}
				out = append(out, d)
			}
		}
		return out
	}
	a, again, other := draws("2999999999"), draws("2999999999"), draws("3000000001")
	if !slices.Equal(a, again) {
		t.Errorf("the same seed and requests waited %v, then %v", a, again)
	}
	if slices.Equal(a, other) {
		t.Errorf("two seeds waited the same: %v", a)
	}
	if a[0] == a[2] {
		t.Errorf("the second GET /api/products waited as long as the first (%s): each occurrence draws its own", a[0])
	}
	if ask := s.shakeOf(req("GET", "/api/products")); ask.latency != 0 {
		t.Errorf("no cookie asked for %s", ask.latency)
	}
	if ask := (&Store{}).shakeOf(req("GET", "/api/products", "romaine-latency=400")); ask.latency != 0 {
		t.Errorf("outside test mode the cookie asked for %s: it must do nothing there", ask.latency)
	}
	if ask := s.shakeOf(req("GET", "/api/products", "romaine-latency=600000")); ask.latency != maxShakeLatency {
		t.Errorf("a cookie asking for 10 minutes got %s, want the most, %s", ask.latency, maxShakeLatency)
	}
}

// A page tells its scripts the latency asked for, halved, and its seed.
func TestShakePagesTellTheirScripts(t *testing.T) {
	sh := startTestShop(t)
	c := sh.browser()
	u, _ := url.Parse(sh.server.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "romaine-latency", Value: "300"}, {Name: "romaine-seed", Value: "2999999999"}})
	resp, err := c.Get(sh.server.URL + "/sign-in")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<script>window.DEMO_SHAKE = { seed:  2999999999 , max:  150  };</script>`; !strings.Contains(string(body), want) {
		t.Errorf("the sign-in page lacks %s", want)
	}
}
