package analysis

import (
	"testing"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/nlp"
)

// runeStarts marks the offsets where a rune starts when text is decoded
// (invalid bytes count as one-byte runes), plus len(text).
func runeStarts(text string) []bool {
	ok := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		ok[i] = true
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	ok[len(text)] = true
	return ok
}

// FuzzAnalyzeText: no panics; every finding's span is within the text,
// on rune boundaries, non-empty, equal to Match, and inside its sentence.
// Seeds: f.Add below and testdata/fuzz/FuzzAnalyzeText.
func FuzzAnalyzeText(f *testing.F) {
	for _, s := range []string{
		"The root cause was human error.",
		"We should have checked. It turned out the cron job ran in UTC.",
		"This was not human error; we avoid the phrase \"root cause\".",
		"- Failed to follow the runbook\n| 14:02 | deploy |",
		"didn’t can’t won't should've",
		"“human error” ‘root cause’ `should have`",
		"\xff\xferoot cause\x80 was",
		"https://example.com/human-error. The engineer simply forgot.",
	} {
		f.Add(s)
	}
	a := Default()
	f.Fuzz(func(t *testing.T, text string) {
		sents := nlp.Sentences(text)
		starts := runeStarts(text)
		for _, fd := range a.AnalyzeText(text) {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End {
				t.Fatalf("span %d:%d out of bounds (len %d) for %+v", fd.Start, fd.End, len(text), fd)
			}
			if !starts[fd.Start] || !starts[fd.End] {
				t.Fatalf("span %d:%d not on rune boundaries in %q", fd.Start, fd.End, text)
			}
			if text[fd.Start:fd.End] != fd.Match {
				t.Fatalf("Match %q != text %q", fd.Match, text[fd.Start:fd.End])
			}
			if fd.Sentence < 0 || fd.Sentence >= len(sents) {
				t.Fatalf("sentence index %d of %d", fd.Sentence, len(sents))
			}
			sp := sents[fd.Sentence]
			if fd.Start < sp.Start || fd.End > sp.End {
				t.Fatalf("finding %d:%d outside its sentence %d:%d", fd.Start, fd.End, sp.Start, sp.End)
			}
		}
	})
}
