package steps

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/romaine-bdd/romaine/internal/jsonvalue"
	"github.com/romaine-bdd/romaine/support"
	"github.com/romaine-bdd/romaine/terrain"
)

// RegisterHTTP adds:
//
//	When I send a GET request to "PATH"
//	When I send a POST request to "PATH" with:     (doc string body, JSON)
//	When I send a PUT request to "PATH" with:
//	When I send a DELETE request to "PATH"
//	Then the response status should be COUNT
//	Then the JSON response at "DIG.PATH" should be "VALUE"
//	Then the JSON response should have "DIG.PATH"
//
// Requests go to the worker's app with a cookie jar of the scenario's own.
func RegisterHTTP(sc *godog.ScenarioContext) { registerHTTP(sc) }

func registerHTTP(r registrar) {
	r.Step(`^I send a (GET) request to "((?:[^"\\]|\\.)*\\?)"$`, iSendARequest)
	r.Step(`^I send a (POST) request to "((?:[^"\\]|\\.)*\\?)" with:$`, iSendARequestWith)
	r.Step(`^I send a (PUT) request to "((?:[^"\\]|\\.)*\\?)" with:$`, iSendARequestWith)
	r.Step(`^I send a (DELETE) request to "((?:[^"\\]|\\.)*\\?)"$`, iSendARequest)
	r.Step(`^the response status should be (\d+)$`, theResponseStatusShouldBe)
	r.Step(`^the JSON response at "((?:[^"\\]|\\.)*\\?)" should be "((?:[^"\\]|\\.)*\\?)"$`, theJSONResponseAtShouldBe)
	r.Step(`^the JSON response should have "((?:[^"\\]|\\.)*\\?)"$`, theJSONResponseShouldHave)
}

const httpArea = "HTTP and JSON"

var httpDocs = []Doc{
	bodilessRequestDoc("GET"),
	requestWithBodyDoc("POST"),
	requestWithBodyDoc("PUT"),
	bodilessRequestDoc("DELETE"),
	{Area: httpArea, Phrase: `Then the response status should be COUNT`,
		What:    "Checks the status code of the last response.",
		Example: `Then the response status should be 403`},
	{Area: httpArea, Phrase: `Then the JSON response at "DIG.PATH" should be "VALUE"`,
		What:    "Digs into the JSON of the last response (keys and array indexes, dot separated) and compares the value as text.",
		Example: `Then the JSON response at "0.name" should be "{{product.name}}"`},
	{Area: httpArea, Phrase: `Then the JSON response should have "DIG.PATH"`,
		What:    "Checks that the path exists in the JSON of the last response; a missing part names the deepest part that existed.",
		Example: `Then the JSON response should have "error"`},
}

func bodilessRequestDoc(method string) Doc {
	return Doc{Area: httpArea, Phrase: "When I send a " + method + ` request to "PATH"`,
		What:    "Sends the request to the worker's app (with this scenario's own cookies) and keeps the response.",
		Example: "When I send a " + method + ` request to "/api/products/{{product.id}}"`}
}

func requestWithBodyDoc(method string) Doc {
	return Doc{Area: httpArea, Phrase: "When I send a " + method + ` request to "PATH" with:`,
		What:    "Sends the doc string under the step as a JSON body.",
		Example: "When I send a " + method + " request to \"/api/session\" with:\n  \"\"\"\n  {\"email\": \"{{me.email}}\", \"password\": \"{{me.password}}\"}\n  \"\"\""}
}

func iSendARequest(ctx context.Context, method, path string) error {
	return send(ctx, method, path, nil)
}

func iSendARequestWith(ctx context.Context, method, path string, body *godog.DocString) error {
	if body == nil {
		return fmt.Errorf("this step needs a doc string with the JSON body, between \"\"\" lines under the step")
	}
	return send(ctx, method, path, body)
}

func theResponseStatusShouldBe(ctx context.Context, code string) error {
	resp, err := lastResponse(ctx)
	if err != nil {
		return err
	}
	if want, _ := strconv.Atoi(code); resp.Status != want {
		return fmt.Errorf("the response status was %d, not %s; body: %s", resp.Status, code, clip(resp.Body))
	}
	return nil
}

func theJSONResponseAtShouldBe(ctx context.Context, path, want string) error {
	got, err := digResponse(ctx, path, &want)
	if err != nil {
		return err
	}
	if jsonvalue.Show(got) != want {
		return fmt.Errorf("the JSON response at %q is %s, not %q", path, jsonvalue.Show(got), want)
	}
	return nil
}

func theJSONResponseShouldHave(ctx context.Context, path string) error {
	_, err := digResponse(ctx, path, nil)
	return err
}

func send(ctx context.Context, method, path string, body *godog.DocString) error {
	s, err := begin(ctx)
	if err != nil {
		return err
	}
	if err := s.text(&path); err != nil {
		return err
	}
	var reader io.Reader
	var content string
	if body != nil {
		content = body.Content
		if err := s.interpolate(&content); err != nil {
			return err
		}
		if !json.Valid([]byte(content)) {
			return fmt.Errorf("the body is not valid JSON:\n%s", content)
		}
		reader = strings.NewReader(content)
	}
	url := path
	if !strings.Contains(path, "://") {
		url = s.sc.Worker.BaseURL + path
	}
	// A request gets the step limit: an app that never answers fails the step.
	limit := s.sc.StepTimeout()
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, reader)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	sent := support.Request{Method: method, URL: url, Type: support.HTTPStep, Started: time.Now()}
	resp, err := (&http.Client{Jar: s.sc.Cookies()}).Do(req)
	if err == nil {
		defer resp.Body.Close()
		sent.Status = resp.StatusCode
	}
	var data []byte
	if err == nil {
		data, err = io.ReadAll(resp.Body)
	}
	sent.Ended = time.Now()
	if err != nil {
		sent.Failure = err.Error()
	}
	s.sc.Recording.AddRequest(sent) // for the features built on the recorder (coverage's routes)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s %s: no complete answer within %s (ROMAINE_TIMEOUT)", method, url, limit)
	}
	if resp == nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	if err != nil {
		return fmt.Errorf("%s %s: reading the response: %w", method, url, err)
	}
	s.sc.Response = &terrain.Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
	return nil
}

func lastResponse(ctx context.Context) (*terrain.Response, error) {
	s, err := begin(ctx)
	if err != nil {
		return nil, err
	}
	if s.sc.Response == nil {
		return nil, fmt.Errorf("no request was sent in this scenario yet: send one first, e.g.  When I send a GET request to \"/api/products\"")
	}
	return s.sc.Response, nil
}

// digResponse decodes the last response and digs path; want (when given) is interpolated.
func digResponse(ctx context.Context, path string, want *string) (any, error) {
	resp, err := lastResponse(ctx)
	if err != nil {
		return nil, err
	}
	s, _ := begin(ctx)
	if err := s.text(&path); err != nil {
		return nil, err
	}
	if want != nil {
		if err := s.text(want); err != nil {
			return nil, err
		}
	}
	var v any
	if err := json.Unmarshal(resp.Body, &v); err != nil {
		return nil, fmt.Errorf("the response (status %d) is not JSON: %s", resp.Status, clip(resp.Body))
	}
	return jsonvalue.Dig(v, path)
}

func clip(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}
