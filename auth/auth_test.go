package auth

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTokenRoundTrip(t *testing.T) {
	tok, e, err := NewToken("wiki", Write)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok, "dbf_") || len(tok) != 4+43 {
		t.Fatalf("token %q: want dbf_ and 43 characters", tok)
	}
	if strings.Contains(e.Line(), tok) {
		t.Fatalf("entry line %q contains the token", e.Line())
	}
	es, err := Parse(strings.NewReader("# team tokens\n\n"+e.Line()+"\n"), "tokens")
	if err != nil || len(es) != 1 {
		t.Fatalf("parse %q: %v %v", e.Line(), es, err)
	}
	k := NewKeyring(es...)
	if got, ok := k.Lookup(tok); !ok || got.Name != "wiki" {
		t.Errorf("lookup own token: %v %v", got, ok)
	}
	if _, ok := k.Lookup(tok + "x"); ok {
		t.Error("lookup of a different token succeeded")
	}
	if !k.Has(Write) || k.Has(Read) {
		t.Errorf("Has: write %v read %v", k.Has(Write), k.Has(Read))
	}
}

func TestParseErrors(t *testing.T) {
	tok, _, _ := NewToken("", Read)
	h := strings.Repeat("ab", 32)
	tests := []struct{ line, want string }{
		{h, "want '<sha256-hex> <scopes> [name]'"},
		{"xyz read", "not a SHA-256"},
		{h[:10] + " read", "not a SHA-256"},
		{h + " admin", `unknown scope "admin"`},
		{tok + " read", "not its hash"},
		{h + " read a b", "want '<sha256-hex>"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader("\n"+tt.line), "f")
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "f:2: ") {
			t.Errorf("%q: %v, want f:2: ...%s", tt.line, err, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	rtok, re, _ := NewToken("reader", Read)
	wtok, we, _ := NewToken("ci", Read, Write)
	k := NewKeyring(re, we)
	tests := []struct {
		name, header string
		scope        Scope
		want         error
	}{
		{"none", "", Read, ErrNoToken},
		{"bad", "Bearer nope", Read, ErrBadToken},
		{"read ok", "Bearer " + rtok, Read, nil},
		{"read cannot write", "Bearer " + rtok, Write, ErrScope},
		{"write", "Bearer " + wtok, Write, nil},
		{"not bearer", "Token " + wtok, Write, ErrNoToken},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tt.header != "" {
			r.Header.Set("Authorization", tt.header)
		}
		err := k.Check(r, tt.scope)
		if !errors.Is(err, tt.want) && (err != nil || tt.want != nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.SetBasicAuth("anyone", rtok)
	if err := k.Check(r, Read); err != nil {
		t.Errorf("basic auth password: %v", err)
	}
	var nilK *Keyring
	if err := nilK.Check(r, Read); !errors.Is(err, ErrBadToken) {
		t.Errorf("nil keyring: %v", err)
	}
}

func TestFromEnv(t *testing.T) {
	_, a, _ := NewToken("a", Read)
	_, b, _ := NewToken("b", Write)
	t.Setenv(EnvTokens, a.Line()+";"+b.Line())
	t.Setenv(EnvTokensFile, "")
	es, err := FromEnv("")
	if err != nil || len(es) != 2 || es[1].Name != "b" {
		t.Fatalf("FromEnv: %v %v", es, err)
	}
	if _, err := FromEnv(t.TempDir() + "/missing"); err == nil || !strings.Contains(err.Error(), "tokens file") {
		t.Errorf("missing file: %v", err)
	}
}
