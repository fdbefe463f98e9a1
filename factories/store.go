package factories

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Store persists a built record and returns it as stored (with its id etc).
type Store interface {
	Create(ctx context.Context, model string, attrs Attrs) (Attrs, error)
}

// StoreFunc is a Store written as one Go function, for apps whose records
// are easiest made by calling their own code (a repository, an ORM).
type StoreFunc func(ctx context.Context, model string, attrs Attrs) (Attrs, error)

// Create calls f.
func (f StoreFunc) Create(ctx context.Context, model string, attrs Attrs) (Attrs, error) {
	return f(ctx, model, attrs)
}

// DefaultPathFormat is the HTTPStore path used when PathFormat is empty.
const DefaultPathFormat = "/__test__/factories/%s"

// DefaultStoreTimeout bounds one HTTPStore request when neither the
// caller's context nor Timeout sets a deadline: a hung app must fail the
// step, not hang the run.
const DefaultStoreTimeout = 10 * time.Second

// maxErrorBody caps how much of a body is quoted in an error: enough for a
// validation message, not a whole HTML error page.
const maxErrorBody = 512

// HTTPStore POSTs JSON attrs to BaseURL + fmt.Sprintf(PathFormat, model) and
// decodes the JSON object answer. It suits apps that expose a test-only
// create endpoint; the zero Client means http.DefaultClient.
type HTTPStore struct {
	BaseURL    string       // the app's address, e.g. http://127.0.0.1:8080
	PathFormat string       // default DefaultPathFormat
	Client     *http.Client // nil means http.DefaultClient
	// Timeout bounds each request; 0 means DefaultStoreTimeout. A sooner
	// deadline on the caller's context still wins.
	Timeout time.Duration
	// TimeoutSetting and PathSetting name, in errors, where whoever runs
	// the suite sets Timeout and PathFormat (terrain: ROMAINE_TIMEOUT and
	// ROMAINE_FACTORY_PATH); empty means the Go fields' names.
	TimeoutSetting, PathSetting string
}

// Create POSTs attrs and returns the decoded answer. A non-2xx answer is a
// *RefusedError quoting the status and body, because the body is usually the
// app's own explanation (an unknown attribute, a failed validation).
func (s HTTPStore) Create(ctx context.Context, model string, attrs Attrs) (Attrs, error) {
	if s.BaseURL == "" {
		return nil, fmt.Errorf("creating %s: HTTPStore has no BaseURL", model)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultStoreTimeout
	}
	limit := fmt.Sprintf("within %s (%s)", timeout, cmp.Or(s.TimeoutSetting, "HTTPStore.Timeout"))
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		limit = "before the caller's deadline"
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := s.request(ctx, model, attrs)
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", model, err)
	}
	client := s.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("creating %s: POST %s: no answer %s: %w", model, req.URL, limit, err)
		}
		// The client's error already says `Post "<url>": ...`.
		return nil, fmt.Errorf("creating %s: %w", model, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &RefusedError{Model: model, URL: req.URL.String(), Status: resp.StatusCode,
			StatusText: resp.Status, Body: quoteBody(resp.Body), Sent: sentBody(req),
			PathSetting: cmp.Or(s.PathSetting, "HTTPStore.PathFormat")}
	}
	stored, err := readAnswer(resp)
	if err != nil {
		return nil, fmt.Errorf("creating %s: POST %s answered %s, %w; sent %s", model, req.URL, resp.Status, err, sentBody(req))
	}
	return stored, nil
}

// RefusedError is an app's non-2xx answer to a factory POST.
type RefusedError struct {
	Model  string // the model as sent
	URL    string // where it was POSTed
	Status int    // the HTTP status code
	// StatusText is the status line's text, "422 Unprocessable Entity".
	StatusText string
	Body       string // the start of the answer's body, trimmed
	Sent       string // the start of the JSON that was sent
	// PathSetting names where the path is set (ROMAINE_FACTORY_PATH).
	PathSetting string
}

// Error names the model, where it was sent, the app's answer and what was sent.
func (e *RefusedError) Error() string {
	msg := fmt.Sprintf("creating %s: POST %s answered %s", e.Model, e.URL, e.StatusText)
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg + "; sent " + e.Sent
}

// sentBody is the request's JSON, for errors: what the app was asked to
// store is half of why it refused.
func sentBody(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	r, err := req.GetBody()
	if err != nil {
		return ""
	}
	return quoteBody(r)
}

// quoteBody reads the start of r for an error message: runs of white space
// made one space (an HTML error page's indentation says nothing), cut after
// maxErrorBody bytes with "…".
func quoteBody(r io.Reader) string {
	// Read a little more than is shown, so that collapsed space still fills it.
	snippet, _ := io.ReadAll(io.LimitReader(r, 4*maxErrorBody+1))
	more := len(snippet) > 4*maxErrorBody
	text := strings.Join(strings.Fields(string(snippet[:min(len(snippet), 4*maxErrorBody)])), " ")
	if len(text) <= maxErrorBody {
		if more {
			return text + "…"
		}
		return text
	}
	cut := maxErrorBody
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "…"
}

// request is the POST of attrs as a JSON object ({} rather than null).
func (s HTTPStore) request(ctx context.Context, model string, attrs Attrs) (*http.Request, error) {
	format := s.PathFormat
	if format == "" {
		format = DefaultPathFormat
	}
	endpoint := strings.TrimSuffix(s.BaseURL, "/") + fmt.Sprintf(format, url.PathEscape(model))
	if attrs == nil {
		attrs = Attrs{}
	}
	body, err := json.Marshal(attrs)
	if err != nil {
		return nil, fmt.Errorf("encoding attributes: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// readAnswer decodes a 2xx answer: a JSON object, or nothing.
func readAnswer(resp *http.Response) (Attrs, error) {
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return Attrs{}, nil // e.g. 204: nothing to merge over the built record
	}
	var stored Attrs
	if err := json.Unmarshal(raw, &stored); err != nil {
		return nil, fmt.Errorf("not a JSON object (%v): %s", err, quoteBody(bytes.NewReader(raw)))
	}
	if stored == nil {
		return nil, errors.New("null, not a JSON object")
	}
	return stored, nil
}
