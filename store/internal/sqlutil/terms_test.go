package sqlutil

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestTermMaskMatchesSQL(t *testing.T) {
	// Computed by ClickHouse 18.16 with the expression in terms.go.
	if got := TermMask("We assumed the Budget 3", nil); got != 141287244300296 {
		t.Errorf("TermMask = %d, want 141287244300296 (what the SQL backfill computes)", got)
	}
	if got := TermMask("", nil); got != 0 {
		t.Errorf("TermMask(\"\") = %d, want 0", got)
	}
	for _, text := range []string{"\u0130stanbul", "3 \u212aelvin", "cla\u017f\u017f"} {
		if got := TermMask(text, nil); got != 0 {
			t.Errorf("TermMask(%q) = %x, want 0 (a letter that folds to ASCII)", text, got)
		}
		if got := QueryTermMask(" " + text + " "); got != 0 {
			t.Errorf("QueryTermMask(%q) = %x, want 0 (a letter that folds to ASCII)", text, got)
		}
	}
	if got := TermMask("— ✓ …", nil); got != 0 {
		t.Errorf("TermMask of no words = %d, want 0", got)
	}
}

func TestQueryTermMask(t *testing.T) {
	bit := func(w string) uint64 { return termBit(w, nil) }
	for _, tc := range []struct {
		q    string
		want uint64
	}{
		{"", 0},
		{"retry", 0},        // may be part of "retrying"
		{"retry budget", 0}, // both ends open
		{"retry budget 3 would", bit("budget") | bit("3")},
		{" retry ", bit("retry")},                                        // delimited on both sides
		{"(Retry)", bit("retry")},                                        // case-insensitive
		{"a-b-c", bit("b")},                                              // punctuation delimits
		{"ünïcode sentence ✓", bit("n") | bit("code") | bit("sentence")}, // non-ASCII letters delimit
	} {
		if got := QueryTermMask(tc.q); got != tc.want {
			t.Errorf("QueryTermMask(%q) = %x, want %x", tc.q, got, tc.want)
		}
	}
}

// TestTermMaskNoFalseNegatives: every substring of a sentence passes the
// mask test against the sentence's mask, whatever its case.
func TestTermMaskNoFalseNegatives(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"the", "Retry", "budget", "3", "would", "X-ray", "ünïcode", "DNS", "it's", "a", "42ms", "—", "rollback."}
	for n := 0; n < 2000; n++ {
		var parts []string
		for i := 0; i < 1+r.IntN(12); i++ {
			parts = append(parts, words[r.IntN(len(words))])
		}
		s := strings.Join(parts, " ")
		mask := TermMask(s, nil)
		if mask>>63 != 0 {
			t.Fatalf("TermMask(%q) sets bit 63", s)
		}
		i := r.IntN(len(s) + 1)
		j := i + r.IntN(len(s)-i+1)
		q := s[i:j]
		if r.IntN(2) == 0 {
			q = strings.ToUpper(q)
		}
		if !MatchesTerms(mask, QueryTermMask(q)) {
			t.Fatalf("sentence %q (mask %x) rejected its substring %q (mask %x)", s, mask, q, QueryTermMask(q))
		}
	}
	// And the mask does narrow: a whole word the sentence lacks.
	if MatchesTerms(TermMask("The queue backed up.", nil), QueryTermMask("x budget y")) &&
		MatchesTerms(TermMask("The queue backed up.", nil), QueryTermMask("x retry y")) {
		t.Errorf("masks reject nothing")
	}
}

func BenchmarkTermMask(b *testing.B) {
	seen := map[string]uint64{}
	for i := 0; i < b.N; i++ {
		TermMask("We assumed the payments retry budget 3 would absorb the load.", seen)
	}
}
