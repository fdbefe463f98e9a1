package demo

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"sync"
)

const sessionCookie = "session"

// sessionStore maps cookie tokens to user ids. It belongs to one Store, so
// two servers in one test process never share sign-ins.
type sessionStore struct {
	mu      sync.Mutex
	byToken map[string]int64
}

func newSessionStore() *sessionStore {
	return &sessionStore{byToken: map[string]int64{}}
}

func (s *sessionStore) create(userID int64) (string, error) {
	token, err := randomHex(32)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byToken[token] = userID
	return token, nil
}

func (s *sessionStore) userID(token string) (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.byToken[token]
	return id, ok
}

func (s *sessionStore) delete(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byToken, token)
}

func (s *sessionStore) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.byToken)
}

// currentUser is the signed-in user, or nil. The user is read fresh from
// the database each time so a reset or deleted user signs the browser out.
func (s *Store) currentUser(r *http.Request) *User {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	id, ok := s.sessions.userID(c.Value)
	if !ok {
		return nil
	}
	u, err := findUser(r.Context(), s.db, "id = ?", id)
	if err != nil {
		return nil
	}
	return u
}

func setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// hashPassword returns "salt$sha256(salt+password)" in hex. A demo shop does
// not need bcrypt, but it should never store what people typed.
func hashPassword(password string) (string, error) {
	salt, err := randomHex(16)
	if err != nil {
		return "", err
	}
	return salt + "$" + saltedHash(salt, password), nil
}

func checkPassword(stored, password string) bool {
	salt, want, ok := strings.Cut(stored, "$")
	if !ok {
		return false
	}
	got := saltedHash(salt, password)
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func saltedHash(salt, password string) string {
	sum := sha256.Sum256([]byte(salt + password))
	return hex.EncodeToString(sum[:])
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", errors.New("demo: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b), nil
}
