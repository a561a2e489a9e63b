package ingest

import (
	"strings"
)

// inlineKeys are the canonical keys a "Key: value." sentence inside
// prose may state: "Here is the writeup. Owning team: Provider Portal.",
// "... the early hours. Impact window: 09:10 to 10:40 EST."
var inlineKeys = map[string]bool{mTeam: true, mRange: true, mImpactStart: true, mImpactEnd: true,
	mStarted: true, mResolved: true, mDuration: true}

// inlineFields records the "Key: value." sentences of paragraphs, for the
// keys of inlineKeys. The key must open a sentence (the paragraph's start,
// a line's start or after ". ") and be at most four words; the value runs
// to the end of the sentence, across wrapped lines. Fields already set by
// metadata lines win.
func inlineFields(blocks []block, f *fields) {
	for i := range blocks {
		b := &blocks[i]
		if b.kind != bPara || b.log || b.meta || !strings.Contains(b.text, ":") {
			continue
		}
		text := truncateUTF8(b.text, 4000)
		for off := 0; off < len(text); {
			j := strings.IndexByte(text[off:], ':')
			if j < 0 {
				break
			}
			j += off
			off = j + 1
			key, ok := sentenceKey(text, j)
			if !ok {
				continue
			}
			c := metaKey(key) // cached; then the key as a whole, not its last word
			if ownerKeys[normalizeKey(key)] && c == "" {
				// "PIR owner: SRE." inside a handover note: an owner,
				// a team only when team-shaped (ownerTeam).
				if v := sentenceValue(text[j+1:]); v != "" && wordCount(v) <= 5 {
					f.set(mOwner, v)
				}
				continue
			}
			if !inlineKeys[c] || metaAliases[normalizeKey(key)] != c {
				continue
			}
			if v := sentenceValue(text[j+1:]); v != "" && (c != mTeam || wordCount(v) <= 5) {
				f.set(c, v)
			}
		}
	}
}

// sentenceKey returns the words before the colon at j when they open a
// sentence and are one to four words of letters.
func sentenceKey(text string, j int) (string, bool) {
	start := j
	for start > 0 && j-start < 40 {
		c := text[start-1]
		if c == '\n' || c == '.' || c == '!' || c == '?' {
			break
		}
		start--
	}
	if start > 0 && text[start-1] != '\n' && (start >= len(text) || text[start] != ' ') {
		return "", false // "a.m.:" or a key not after ". "
	}
	if start > 0 && j-start >= 40 {
		return "", false
	}
	key := strings.TrimSpace(text[start:j])
	if key == "" || wordCount(key) > 4 {
		return "", false
	}
	for _, r := range key {
		if !(r == ' ' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "", false
		}
	}
	return key, true
}

// sentenceValue is the rest of a sentence: up to ". " (or a period at a
// line's end), a blank line or the end, with wrapped lines joined; "" when
// it is longer than 100 bytes.
func sentenceValue(s string) string {
	end := len(s)
	for k := 0; k < len(s); k++ {
		if s[k] == '.' && (k+1 == len(s) || s[k+1] == ' ' || s[k+1] == '\n') {
			end = k
			break
		}
		if s[k] == '\n' && k+1 < len(s) && s[k+1] == '\n' {
			end = k
			break
		}
	}
	v := collapseSpace(strings.ReplaceAll(s[:end], "\n", " "))
	if len(v) > 100 {
		return ""
	}
	return v
}
