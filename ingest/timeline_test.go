package ingest

import (
	"strings"
	"testing"
)

// matchesAny is the reference for momentKinds: it reports whether the lower-cased text s holds one of the
// phrases as whole words.
func matchesAny(low string, phrases []string) bool {
	for _, p := range phrases {
		// A cheap substring test before the word-boundary check.
		if strings.Contains(low, p) && containsWord(low, p) {
			return true
		}
	}
	return false
}

// momentKinds finds the same phrases as matching each list on its own.
func TestMomentKinds(t *testing.T) {
	texts := []string{
		"", "fault occurs", "Fault occurs at the edge", "the alert fired and we were paged",
		"alerts firing", "pages sent", "service restored", "all clear given", "fix deployed to prod",
		"outage began; detected by customers; recovered at 10:00", "redetected", "reportsx", "paged_out",
		"first errors seen", "incident declared, back to normal", "issue start", "issue startup",
		"we noticed", "noticesboard", "acknowledged.", "restored/restarted", "impact began (eu)",
	}
	for _, c := range texts {
		low := strings.ToLower(c)
		s, d, r := momentKinds(low)
		ws, wd, wr := matchesAny(low, startPhrases), matchesAny(low, detectPhrases), matchesAny(low, resolvePhrases)
		if s != ws || d != wd || r != wr {
			t.Errorf("momentKinds(%q) = %v %v %v, want %v %v %v", c, s, d, r, ws, wd, wr)
		}
	}
}
