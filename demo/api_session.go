package demo

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// invalidCredentials is deliberately the same for an unknown email and a
// wrong password; the sign-in page shows it verbatim.
const invalidCredentials = "Invalid email or password"

// handleSignIn: POST /api/session {email, password} → 200 user + cookie.
func (s *Store) handleSignIn(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes)).Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "body must be JSON like {\"email\":\"...\",\"password\":\"...\"}")
		return
	}
	u, err := findUser(r.Context(), s.db, "email = ? COLLATE NOCASE", strings.TrimSpace(body.Email))
	if errors.Is(err, errNotFound) || (err == nil && !checkPassword(u.passwordHash, body.Password)) {
		writeError(w, http.StatusUnauthorized, invalidCredentials)
		return
	}
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	token, err := s.sessions.create(u.ID)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	setSessionCookie(w, token)
	writeJSON(w, http.StatusOK, u)
}

// handleSignOut: DELETE /api/session or POST /api/sign-out → 204.
// Signing out twice is fine; the goal is a signed-out browser.
func (s *Store) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.delete(c.Value)
	}
	clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

// handleGetSession: GET /api/session → 200 the signed-in user, or 401.
func (s *Store) handleGetSession(w http.ResponseWriter, r *http.Request) {
	if u, ok := s.requireUser(w, r); ok {
		writeJSON(w, http.StatusOK, u)
	}
}
