package analysis

import (
	"strings"
	"testing"
)

// TestBuiltinRulesLoad: every built-in rule file decodes strictly and compiles.
func TestBuiltinRulesLoad(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Rules()) < 20 {
		t.Fatalf("only %d built-in rules", len(a.Rules()))
	}
	kinds := map[string]map[string]bool{}
	for _, r := range a.Rules() {
		if kinds[r.Kind] == nil {
			kinds[r.Kind] = map[string]bool{}
		}
		kinds[r.Kind][r.Label] = true
		if r.Kind == "blame" && r.Severity != "warning" {
			t.Errorf("%s: built-in blame rules are warnings, got %s", r.ID, r.Severity)
		}
		if r.Kind != "blame" && r.Severity != "info" {
			t.Errorf("%s: built-in %s rules are info, got %s", r.ID, r.Kind, r.Severity)
		}
	}
	// Every label of the taxonomy has at least one rule.
	for kind, labels := range Labels {
		for _, l := range labels {
			if !kinds[kind][l] {
				t.Errorf("no built-in rule for %s/%s", kind, l)
			}
		}
	}
}

// TestBuiltinRuleExamples runs the match/no_match examples of every rule.
func TestBuiltinRuleExamples(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.CheckExamples(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			t.Error(line)
		}
	}
}
