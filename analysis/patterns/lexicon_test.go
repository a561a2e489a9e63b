package patterns

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestDefaultLexiconExamples runs every concept's match and no_match
// examples of the embedded lexicon.
func TestDefaultLexiconExamples(t *testing.T) {
	if err := DefaultLexicon().CheckExamples(); err != nil {
		t.Fatal(err)
	}
}

func TestLexiconTermsFold(t *testing.T) {
	l := DefaultLexicon()
	tests := []struct {
		text string
		want []string // concept ids, in order
	}{
		{"Alert before certificates expire", []string{"alerting", "cert-expiry"}},
		{"Add expiry monitoring for certs", []string{"cert-expiry", "alerting"}},
		{"Page when a TLS cert is within 14 days of expiry", []string{"alerting", "cert-expiry"}},
		{"Stage config changes through a canary", []string{"staged-rollout", "config-change", "staged-rollout"}},
		{"Roll config out progressively", []string{"config-change", "staged-rollout"}},
		{"The certificate was fine. The token expired.", []string{"credential-expiry"}},
		{"It went out without a canary", []string{"global-rollout"}},
	}
	for _, tt := range tests {
		if got := l.ConceptsOf(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("ConceptsOf(%q) = %v, want %v (terms %v)", tt.text, got, tt.want, l.Terms(tt.text))
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown field", "concepts:\n  - id: x\n    nme: y\n", "field nme not found"},
		{"no examples", "concepts:\n  - id: x\n    name: y\n    patterns: [[[a1]]]\n", "needs match and no_match"},
		{"duplicate", "concepts:\n  - {id: x, name: y, patterns: [[[disk]]], match: [disk], no_match: [cpu]}\n  - {id: x, name: y, patterns: [[[disk]]], match: [disk], no_match: [cpu]}\n", "duplicate id"},
		{"failing example", "concepts:\n  - {id: x, name: y, patterns: [[[disk]]], match: [cpu], no_match: [memory]}\n", `does not match "cpu"`},
		{"empty group", "concepts:\n  - {id: x, name: y, patterns: [[[]]], match: [cpu], no_match: [memory]}\n", "group 1 is empty"},
	}
	for _, tt := range tests {
		_, err := ParseLexicon("my.yml", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "my.yml: ") {
			t.Errorf("%s: err = %v, want my.yml: ...%s", tt.name, err, tt.want)
		}
	}
}

func TestLoadLexiconAddsAndReplaces(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/my.yml"
	data := `concepts:
  - id: quota-exhausted
    name: cloud quota exhausted
    patterns: [[[quota, quotas], [exhausted, reached, hit]]]
    match: ["We hit the GPU quota in the zone."]
    no_match: ["The quota review is next week."]
  - id: kafka
    name: event streaming
    patterns: [[[kafka, pulsar]]]
    match: ["Pulsar brokers stalled."]
    no_match: ["The broker of the deal called."]
`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := LoadLexicon(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.ConceptsOf("We hit the GPU quota again"); !slices.Contains(got, "quota-exhausted") {
		t.Errorf("user concept not applied: %v", got)
	}
	if l.Name("@kafka") != "event streaming" || l.Name("cert-expiry") != "certificate expired" {
		t.Errorf("names: %q %q", l.Name("@kafka"), l.Name("cert-expiry"))
	}
	if got := l.ConceptsOf("Two brokers stopped"); slices.Contains(got, "kafka") {
		t.Errorf("replaced concept kept the built-in terms: %v", got)
	}
	if err := os.WriteFile(path, []byte("concepts:\n  - id: x\n    name: y\n    patterns: [[[disk]]]\n    match: [cpu]\n    no_match: [memory]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadLexicon(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("bad user lexicon: %v, want an error naming %s", err, path)
	}
}
