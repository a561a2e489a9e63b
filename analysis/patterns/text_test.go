package patterns

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Add alerting on disk usage (PAY-123) @alice https://wiki.example.com/x #42", []string{"alert", "disk", "usag"}},
		{"Alert on disk utilisation", []string{"alert", "disk", "usag"}},
		{"Set up monitoring and alerting for disk space on checkout-api", []string{"monitor", "alert", "disk", "usag", "checkout-api"}},
		{"Review and update runbooks for ci-runners.", []string{"review", "updat", "runbook", "ci-runners"}},
		{"Raise the limit to 80% in v2.3.1", []string{"rais", "limit"}},
		{"The DB's TLS certs expired", []string{"databas", "certificat", "certificat", "expir"}},
		{"", nil},
		{"the and of to", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := map[string]string{
		"alerts": "alert", "alerting": "alert", "alerted": "alert",
		"rotation": "rotat", "rotate": "rotat", "rotated": "rotat", "rotating": "rotat",
		"caches": "cach", "cache": "cach", "queries": "query", "stopped": "stop",
		"running": "run", "called": "call", "status": "status", "ingress": "ingress",
		"dns": "dns", "runbooks": "runbook", "analysis": "analysis",
	}
	for in, want := range tests {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Add alerting on disk usage (PAY-123)", "ümlaut-ß café", "a-b-c--", "'quoted' x.y.z", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokens(s) {
			if tok == "" {
				t.Fatalf("empty token from %q", s)
			}
			if strings.ContainsFunc(tok, unicode.IsSpace) {
				t.Fatalf("token %q with white space from %q", tok, s)
			}
			if stopWords[tok] {
				t.Fatalf("stop word %q from %q", tok, s)
			}
		}
	})
}

func TestSurfaceForms(t *testing.T) {
	texts := []string{"Disk usage alerts fired.", "The disk usage alert was late", "Usage grew; alerting failed"}
	terms := []string{Stem("usage"), Stem("alerts"), "neverseen"}
	got := SurfaceForms(terms, texts...)
	want := []string{"usage", "alert", "neverseen"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("SurfaceForms(%q) = %q, want %q", terms[i], got[i], want[i])
		}
	}
}
