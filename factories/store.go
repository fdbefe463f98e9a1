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
)

// Store persists a built record and returns it as stored (with its id etc).
type Store interface {
	Create(ctx context.Context, model string, attrs Attrs) (Attrs, error)
}

// DefaultPathFormat is the HTTPStore path used when PathFormat is empty.
const DefaultPathFormat = "/__test__/factories/%s"

// maxErrorBody caps how much of a failed answer is quoted in an error: enough
// for a validation message, not a whole HTML error page.
const maxErrorBody = 2048

// HTTPStore POSTs JSON attrs to BaseURL + fmt.Sprintf(PathFormat, model) and
// decodes the JSON object answer. It suits apps that expose a test-only
// create endpoint; the zero Client means http.DefaultClient.
type HTTPStore struct {
	BaseURL    string
	PathFormat string // default DefaultPathFormat
	Client     *http.Client
}

// Create POSTs attrs and returns the decoded answer. A non-2xx answer is an
// error quoting the status and body, because the body is usually the app's
// own explanation (an unknown attribute, a failed validation).
func (s HTTPStore) Create(ctx context.Context, model string, attrs Attrs) (Attrs, error) {
	if s.BaseURL == "" {
		return nil, fmt.Errorf("creating %s: HTTPStore has no BaseURL", model)
	}
	format := s.PathFormat
	if format == "" {
		format = DefaultPathFormat
	}
	endpoint := strings.TrimSuffix(s.BaseURL, "/") + fmt.Sprintf(format, url.PathEscape(model))
	if attrs == nil {
		attrs = Attrs{} // send {} rather than null
	}
	body, err := json.Marshal(attrs)
	if err != nil {
		return nil, fmt.Errorf("creating %s: encoding attributes: %w", model, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", model, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")

	client := s.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		// The client's error already says `Post "<url>": ...`.
		return nil, fmt.Errorf("creating %s: %w", model, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody+1))
		text := strings.TrimSpace(string(snippet))
		if len(snippet) > maxErrorBody {
			text = strings.TrimSpace(string(snippet[:maxErrorBody])) + "…"
		}
		if text == "" {
			return nil, fmt.Errorf("creating %s: POST %s: %s", model, endpoint, resp.Status)
		}
		return nil, fmt.Errorf("creating %s: POST %s: %d %s", model, endpoint, resp.StatusCode, text)
	}

	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("creating %s: POST %s: reading answer: %w", model, endpoint, err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return Attrs{}, nil // e.g. 204: nothing to merge over the built record
	}
	var stored Attrs
	if err := json.Unmarshal(raw, &stored); err != nil {
		return nil, fmt.Errorf("creating %s: POST %s: answer is not a JSON object: %w", model, endpoint, err)
	}
	if stored == nil {
		return nil, errors.New("creating " + model + ": POST " + endpoint + ": answer is null, want a JSON object")
	}
	return stored, nil
}
