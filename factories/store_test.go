package factories

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHTTPStore(t *testing.T) {
	// handler answers by path so each case controls the response it gets.
	var gotPath, gotBody, gotType string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotPath, gotBody, gotType = r.URL.Path, string(b), r.Header.Get("Content-Type")
		switch {
		case strings.HasSuffix(r.URL.Path, "/invalid"):
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `{"error":"unknown attribute \"colr\""}`+"\n")
		case strings.HasSuffix(r.URL.Path, "/empty500"):
			w.WriteHeader(http.StatusInternalServerError)
		case strings.HasSuffix(r.URL.Path, "/huge"):
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprint(w, strings.Repeat("x", 5000))
		case strings.HasSuffix(r.URL.Path, "/page"):
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, "<html>\n  <body>\n    <h1>Page not found</h1>\n  </body>\n</html>\n")
		case strings.HasSuffix(r.URL.Path, "/notjson"):
			fmt.Fprint(w, "<html>ok</html>")
		case strings.HasSuffix(r.URL.Path, "/nocontent"):
			w.WriteHeader(http.StatusNoContent)
		default:
			var attrs Attrs
			_ = json.Unmarshal(b, &attrs)
			attrs["id"] = 1
			_ = json.NewEncoder(w).Encode(attrs)
		}
	}))
	defer srv.Close()

	cases := []struct {
		name, reason string
		store        HTTPStore
		model        string
		attrs        Attrs
		want         Attrs
		wantPath     string
		wantBody     string
		wantErr      string
	}{
		{name: "created", reason: "the answer is decoded and returned", store: HTTPStore{BaseURL: srv.URL},
			model: "product", attrs: Attrs{"colour": "black"}, want: Attrs{"colour": "black", "id": 1.0},
			wantPath: "/__test__/factories/product", wantBody: `{"colour":"black"}`},
		{name: "trailing slash and custom path", reason: "BaseURL may end in /; PathFormat overrides the default",
			store: HTTPStore{BaseURL: srv.URL + "/", PathFormat: "/api/%s"}, model: "line item", attrs: nil,
			want: Attrs{"id": 1.0}, wantPath: "/api/line item", wantBody: `{}`},
		{name: "no content", reason: "a 204 has nothing to merge", store: HTTPStore{BaseURL: srv.URL},
			model: "nocontent", attrs: Attrs{}, want: Attrs{}, wantPath: "/__test__/factories/nocontent", wantBody: `{}`},
		{name: "422 quotes request, status and body", reason: "what was sent and the app's validation message are the useful part",
			store: HTTPStore{BaseURL: srv.URL}, model: "invalid", attrs: Attrs{"colr": "x"},
			wantErr: `creating invalid: POST ` + srv.URL + `/__test__/factories/invalid answered 422 Unprocessable Entity: {"error":"unknown attribute \"colr\""}; sent {"colr":"x"}`},
		{name: "long request", reason: "a huge record is quoted only in part", store: HTTPStore{BaseURL: srv.URL},
			model: "invalid", attrs: Attrs{"note": strings.Repeat("y", 3000)},
			wantErr: `creating invalid: POST ` + srv.URL + `/__test__/factories/invalid answered 422 Unprocessable Entity: {"error":"unknown attribute \"colr\""}; sent ` + (`{"note":"` + strings.Repeat("y", 3000))[:maxErrorBody] + `…`},
		{name: "empty error body", reason: "fall back to the status text", store: HTTPStore{BaseURL: srv.URL},
			model: "empty500", wantErr: `creating empty500: POST ` + srv.URL + `/__test__/factories/empty500 answered 500 Internal Server Error; sent {}`},
		{name: "long error body", reason: "a whole error page would bury the message", store: HTTPStore{BaseURL: srv.URL},
			model: "huge", wantErr: `creating huge: POST ` + srv.URL + `/__test__/factories/huge answered 502 Bad Gateway: ` + strings.Repeat("x", maxErrorBody) + "…; sent {}"},
		{name: "error page", reason: "an HTML error page is quoted with its indentation collapsed",
			store: HTTPStore{BaseURL: srv.URL}, model: "page",
			wantErr: `creating page: POST ` + srv.URL + `/__test__/factories/page answered 404 Not Found: <html> <body> <h1>Page not found</h1> </body> </html>; sent {}`},
		{name: "not JSON", reason: "a 2xx that is not an object is a broken endpoint", store: HTTPStore{BaseURL: srv.URL},
			model: "notjson", wantErr: `creating notjson: POST ` + srv.URL + `/__test__/factories/notjson answered 200 OK, not a JSON object (invalid character '<' looking for beginning of value): <html>ok</html>; sent {}`},
		{name: "no base URL", reason: "misconfiguration is named", store: HTTPStore{}, model: "product",
			wantErr: `creating product: HTTPStore has no BaseURL`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gotPath, gotBody, gotType = "", "", ""
			got, err := tc.store.Create(context.Background(), tc.model, tc.attrs)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("%s\nerror mismatch (-want +got):\n-%s\n+%v", tc.reason, tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s\nunexpected error: %v", tc.reason, err)
			}
			if d := diffAttrs(tc.want, got); d != "" {
				t.Errorf("%s\nmismatch (-want +got):\n%s", tc.reason, d)
			}
			if gotPath != tc.wantPath || gotBody != tc.wantBody || gotType != "application/json" {
				t.Errorf("%s\nrequest mismatch (-want +got):\n-%s %s application/json\n+%s %s %s", tc.reason, tc.wantPath, tc.wantBody, gotPath, gotBody, gotType)
			}
		})
	}
}

func TestHTTPStoreUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens here any more
	_, err := HTTPStore{BaseURL: url}.Create(context.Background(), "product", Attrs{})
	want := `creating product: Post "` + url + `/__test__/factories/product": `
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("transport errors name the model and URL once\nwant prefix: %s\ngot:         %v", want, err)
	}
}
