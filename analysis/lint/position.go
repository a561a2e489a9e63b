package lint

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/nlp"
)

// Position is a 1-based line and column (in characters) in a source file.
type Position struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// locator maps sentences and matches of a parsed postmortem back to byte
// offsets in its original source. Sections are plain text derived from
// markup, so texts are searched for rather than computed: first exactly,
// then allowing markup and line breaks between words. Sentences are
// searched in document order from a moving cursor, so repeated phrases
// resolve to the right occurrence.
type locator struct {
	src     []byte
	lines   []int // byte offset of each line start
	cursor  int
	anchors []int // per sentence: source offset, or -1
}

func newLocator(src []byte, pm *model.Postmortem) *locator {
	l := &locator{src: src, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	l.anchors = make([]int, len(pm.Sentences))
	for i, s := range pm.Sentences {
		l.anchors[i] = l.findSentence(s.Text)
	}
	return l
}

// searchWindow bounds how far ahead of the cursor (or around an anchor) a
// text is searched, so that locating stays linear in the file size even
// when many sentences cannot be found.
const searchWindow = 64 << 10

// window returns src[from:from+searchWindow+extra] clipped to the source.
func (l *locator) window(from, extra int) []byte {
	return l.src[from:min(len(l.src), from+searchWindow+extra)]
}

// findSentence finds the start of a sentence at or after the cursor.
func (l *locator) findSentence(text string) int {
	text = strings.TrimSpace(text)
	if text == "" {
		return -1
	}
	if k := bytes.Index(l.window(l.cursor, len(text)), []byte(text)); k >= 0 {
		at := l.cursor + k
		l.cursor = at + len(text)
		return at
	}
	// Markup between words: search the first few words flexibly.
	if re := flexible(firstWords(text, 4)); re != nil {
		if loc := re.FindIndex(l.window(l.cursor, 0)); loc != nil {
			at := l.cursor + loc[0]
			l.cursor += loc[1]
			return at
		}
	}
	return -1
}

// firstWords returns the surface forms of the first n word tokens.
func firstWords(text string, n int) []string {
	var out []string
	for _, t := range nlp.Tokens(text) {
		if len(out) == n {
			break
		}
		out = append(out, text[t.Start:t.End])
	}
	return out
}

// flexible builds a case-insensitive regexp matching the words in order
// with any run of whitespace or inline markup between them.
func flexible(words []string) *regexp.Regexp {
	if len(words) == 0 {
		return nil
	}
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	re, err := regexp.Compile(`(?i)` + strings.Join(q, `(?:[\s*_~>#|\x60\[\]()"'!-]|&nbsp;|<[^>]{0,40}>)*`))
	if err != nil {
		return nil
	}
	return re
}

// locate returns the position of a finding's match in the source.
func (l *locator) locate(f model.Finding) (Position, bool) {
	anchor := 0
	if f.Sentence >= 0 && f.Sentence < len(l.anchors) && l.anchors[f.Sentence] >= 0 {
		anchor = l.anchors[f.Sentence]
	}
	if off, ok := l.search(f.Match, anchor); ok {
		return l.pos(off), true
	}
	if anchor > 0 && len(l.src) <= 4*searchWindow {
		if off, ok := l.search(f.Match, 0); ok {
			return l.pos(off), true
		}
	}
	if f.Sentence >= 0 && f.Sentence < len(l.anchors) && l.anchors[f.Sentence] >= 0 {
		return l.pos(l.anchors[f.Sentence]), true
	}
	return Position{Line: 1, Col: 1}, false
}

// search finds match in the source at or after from: exactly, then
// case-insensitively with markup allowed between words.
func (l *locator) search(match string, from int) (int, bool) {
	if match == "" || from > len(l.src) {
		return 0, false
	}
	if k := bytes.Index(l.window(from, len(match)), []byte(match)); k >= 0 {
		return from + k, true
	}
	if re := flexible(firstWords(match, 16)); re != nil {
		if loc := re.FindIndex(l.window(from, 0)); loc != nil {
			return from + loc[0], true
		}
	}
	return 0, false
}

// pos converts a byte offset to a 1-based line and character column.
func (l *locator) pos(off int) Position {
	lo, hi := 0, len(l.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := l.lines[lo]
	return Position{Line: lo + 1, Col: utf8.RuneCount(l.src[start:off]) + 1}
}
