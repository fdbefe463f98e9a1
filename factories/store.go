package factories

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
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

// maxErrorBody caps how much of a failed answer is quoted in an error: enough
// for a validation message, not a whole HTML error page.
const maxErrorBody = 2048

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
}

// Create POSTs attrs and returns the decoded answer. A non-2xx answer is an
// error quoting the status and body, because the body is usually the app's
// own explanation (an unknown attribute, a failed validation).
func (s HTTPStore) Create(ctx context.Context, model string, attrs Attrs) (Attrs, error) {
	if s.BaseURL == "" {
		return nil, fmt.Errorf("creating %s: HTTPStore has no BaseURL", model)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultStoreTimeout
	}
	limit := fmt.Sprintf("within %s (HTTPStore.Timeout)", timeout)
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
	stored, err := readAnswer(resp)
	if err != nil {
		return nil, fmt.Errorf("creating %s: POST %s %s: %w", model, req.URL, sentBody(req), err)
	}
	return stored, nil
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

// quoteBody reads up to maxErrorBody bytes of r, marking a cut with "…".
func quoteBody(r io.Reader) string {
	snippet, _ := io.ReadAll(io.LimitReader(r, maxErrorBody+1))
	if len(snippet) > maxErrorBody {
		return strings.TrimSpace(string(snippet[:maxErrorBody])) + "…"
	}
	return strings.TrimSpace(string(snippet))
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

// readAnswer decodes a 2xx JSON object answer; any other status is an
// error quoting (the start of) the body.
func readAnswer(resp *http.Response) (Attrs, error) {
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		text := quoteBody(resp.Body)
		if text == "" {
			return nil, errors.New(resp.Status)
		}
		return nil, fmt.Errorf("%d %s", resp.StatusCode, text)
	}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading answer: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return Attrs{}, nil // e.g. 204: nothing to merge over the built record
	}
	var stored Attrs
	if err := json.Unmarshal(raw, &stored); err != nil {
		return nil, fmt.Errorf("answer is not a JSON object: %w", err)
	}
	if stored == nil {
		return nil, errors.New("answer is null, want a JSON object")
	}
	return stored, nil
}
