package demo

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is an error that already knows its HTTP status, so deep code
// (a transaction, an attribute parser) can say "409" without knowing HTTP.
type apiError struct {
	status  int
	message string
}

func (e *apiError) Error() string { return e.message }

func newAPIError(status int, format string, args ...any) *apiError {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

// writeFailure turns any error into a JSON answer. Unexpected errors are
// logged and reported as 500 without leaking internals.
func (s *Store) writeFailure(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		writeError(w, ae.status, ae.message)
	case errors.Is(err, errNotFound):
		writeError(w, http.StatusNotFound, "not found")
	default:
		fmt.Fprintf(s.log, "ERROR %s %s: %v\n", r.Method, r.URL.Path, err)
		writeError(w, http.StatusInternalServerError, "internal error, see the server log")
	}
}

// requireUser answers 401 for signed-out API callers.
func (s *Store) requireUser(w http.ResponseWriter, r *http.Request) (*User, bool) {
	u := s.currentUser(r)
	if u == nil {
		writeError(w, http.StatusUnauthorized, "sign in required")
		return nil, false
	}
	return u, true
}

func forbidden(w http.ResponseWriter, u *User, action, what string) {
	writeError(w, http.StatusForbidden, fmt.Sprintf("%s %s may not %s %s", u.Role, u.Email, action, what))
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, newAPIError(http.StatusNotFound, "no such id %q", r.PathValue("id"))
	}
	return id, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
