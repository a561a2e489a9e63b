package ingest

import (
	"math/rand"
	"strings"
	"testing"
)

// TestIndexFoldMatchesLowerIndex checks indexFold (a lower-case word in
// text of any case, found by its anchor byte) against strings.Index on
// the lower-cased text, on random short texts of few letters.
func TestIndexFoldMatchesLowerIndex(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alpha := "aAbB oO sS"
	for n := 0; n < 20000; n++ {
		b := make([]byte, r.Intn(30))
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		w := make([]byte, 1+r.Intn(4))
		for i := range w {
			w[i] = "ab os"[r.Intn(5)]
		}
		s, ws := string(b), string(w)
		want := strings.Index(strings.ToLower(s), ws)
		if got := indexFold(s, ws); got != want {
			t.Fatalf("indexFold(%q, %q) = %d, want %d", s, ws, got, want)
		}
	}
}
