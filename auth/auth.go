// Package auth is debrief's bearer-token check for the HTTP API.
//
// A token is a random secret ("dbf_" followed by 43 base64url characters)
// that only its holder knows; the server stores its SHA-256 (hex) with the
// scopes it grants, never the token itself. A request's token is hashed and
// compared with every configured hash in constant time.
//
// Token lists (a file, or the DEBRIEF_TOKENS environment variable) have one
// token per line (or per ';' in the variable):
//
//	<sha256-hex> <scope>[,<scope>...] [name]
//
// Scopes are "read" (dashboard pages, GET /api/v1/..., /metrics) and
// "write" (POST /api/v1/postmortems). Blank lines and lines starting with
// '#' are ignored. `debrief token` prints a new token and its line.
package auth

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
)

// Scope is a permission a token grants.
type Scope string

// Scopes.
const (
	Read  Scope = "read"
	Write Scope = "write"
)

// EnvTokens and EnvTokensFile name the environment variables serve reads
// token lines from.
const (
	EnvTokens     = "DEBRIEF_TOKENS"
	EnvTokensFile = "DEBRIEF_TOKENS_FILE"
)

// tokenPrefix marks debrief tokens so they are recognisable in logs and
// secret scanners.
const tokenPrefix = "dbf_"

// Entry is one configured token: the SHA-256 of the token and its scopes.
type Entry struct {
	Hash   [sha256.Size]byte
	Scopes []Scope
	Name   string
}

// Line is the token-list line for e.
func (e Entry) Line() string {
	s := make([]string, len(e.Scopes))
	for i, sc := range e.Scopes {
		s[i] = string(sc)
	}
	line := hex.EncodeToString(e.Hash[:]) + " " + strings.Join(s, ",")
	if e.Name != "" {
		line += " " + e.Name
	}
	return line
}

// Hash is the SHA-256 of a token.
func Hash(token string) [sha256.Size]byte { return sha256.Sum256([]byte(token)) }

// NewToken returns a fresh random token and its entry.
func NewToken(name string, scopes ...Scope) (string, Entry, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", Entry{}, fmt.Errorf("auth: random token: %w", err)
	}
	tok := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return tok, Entry{Hash: Hash(tok), Scopes: scopes, Name: name}, nil
}

// ParseScopes parses "read,write".
func ParseScopes(s string) ([]Scope, error) {
	var out []Scope
	for _, p := range strings.Split(s, ",") {
		sc := Scope(strings.TrimSpace(p))
		switch sc {
		case Read, Write:
			if !slices.Contains(out, sc) {
				out = append(out, sc)
			}
		default:
			return nil, fmt.Errorf("unknown scope %q (want read or write)", p)
		}
	}
	return out, nil
}

// Parse reads token lines from r; name labels errors ("tokens.txt:3: ...").
func Parse(r io.Reader, name string) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		e, ok, err := parseLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if ok {
			out = append(out, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

func parseLine(line string) (Entry, bool, error) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return Entry{}, false, nil
	}
	f := strings.Fields(line)
	if len(f) < 2 || len(f) > 3 {
		return Entry{}, false, errors.New("want '<sha256-hex> <scopes> [name]'")
	}
	if strings.HasPrefix(f[0], tokenPrefix) {
		return Entry{}, false, errors.New("this is a token, not its hash: list the SHA-256 that `debrief token` prints")
	}
	h, err := hex.DecodeString(f[0])
	if err != nil || len(h) != sha256.Size {
		return Entry{}, false, fmt.Errorf("%q is not a SHA-256 in hex (64 characters)", f[0])
	}
	scopes, err := ParseScopes(f[1])
	if err != nil {
		return Entry{}, false, err
	}
	e := Entry{Scopes: scopes}
	copy(e.Hash[:], h)
	if len(f) == 3 {
		e.Name = f[2]
	}
	return e, true, nil
}

// FromEnv reads the entries of $DEBRIEF_TOKENS (lines separated by newlines
// or ';') and of the file named by $DEBRIEF_TOKENS_FILE or file (file wins
// when both are set; empty means none).
func FromEnv(file string) ([]Entry, error) {
	var out []Entry
	if v := os.Getenv(EnvTokens); v != "" {
		es, err := Parse(strings.NewReader(strings.ReplaceAll(v, ";", "\n")), "$"+EnvTokens)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	if file == "" {
		file = os.Getenv(EnvTokensFile)
	}
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("tokens file: %w", err)
		}
		defer func() { _ = f.Close() }()
		es, err := Parse(f, file)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	return out, nil
}

// Keyring checks tokens against a fixed set of entries. The zero value
// (and nil) has no tokens. Safe for concurrent use (read only).
type Keyring struct {
	entries []Entry
}

// NewKeyring returns a keyring over entries.
func NewKeyring(entries ...Entry) *Keyring {
	return &Keyring{entries: slices.Clone(entries)}
}

// Has reports whether some token grants scope.
func (k *Keyring) Has(scope Scope) bool {
	if k == nil {
		return false
	}
	for _, e := range k.entries {
		if slices.Contains(e.Scopes, scope) {
			return true
		}
	}
	return false
}

// Lookup returns the entry of token. Every entry is compared (in constant
// time), so the time taken does not tell which entry matched or how much
// of a hash did.
func (k *Keyring) Lookup(token string) (Entry, bool) {
	if k == nil || token == "" {
		return Entry{}, false
	}
	h := Hash(token)
	var found Entry
	ok := 0
	for _, e := range k.entries {
		m := subtle.ConstantTimeCompare(h[:], e.Hash[:])
		if m == 1 && ok == 0 {
			found = e
		}
		ok |= m
	}
	return found, ok == 1
}

// ErrNoToken and ErrBadToken are the 401 causes; ErrScope is the 403 one.
var (
	ErrNoToken  = errors.New("missing bearer token (send 'Authorization: Bearer <token>')")
	ErrBadToken = errors.New("invalid token")
	ErrScope    = errors.New("token lacks the required scope")
)

// FromRequest is the token of r: "Authorization: Bearer <token>", else the
// password of HTTP Basic auth (so a browser can log in to the dashboard).
func FromRequest(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(t)
	}
	if _, pw, ok := r.BasicAuth(); ok {
		return pw
	}
	return ""
}

// Check authorises r for scope: nil, or an error wrapping ErrNoToken or
// ErrBadToken (answer 401) or ErrScope (answer 403).
func (k *Keyring) Check(r *http.Request, scope Scope) error {
	tok := FromRequest(r)
	if tok == "" {
		return ErrNoToken
	}
	e, ok := k.Lookup(tok)
	if !ok {
		return ErrBadToken
	}
	if !slices.Contains(e.Scopes, scope) {
		return fmt.Errorf("%w %q", ErrScope, scope)
	}
	return nil
}
