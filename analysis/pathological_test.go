package analysis

import (
	"strings"
	"testing"
	"time"
)

// TestPathologicalSentences: context checks look at a bounded window, so a
// single huge "sentence" full of matches is tagged in linear time (a
// quadratic scan took minutes on a few hundred KB).
func TestPathologicalSentences(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("human error, ", 80000),
		strings.Repeat("\"we should have checked ", 40000),
		strings.Repeat("root cause ", 80000),
		strings.Repeat("' ", 200000) + "human error",
	} {
		t0 := time.Now()
		n := len(Default().AnalyzeText(s))
		if el := time.Since(t0); el > 30*time.Second {
			t.Errorf("%d bytes, %d findings took %v", len(s), n, el)
		}
	}
}
