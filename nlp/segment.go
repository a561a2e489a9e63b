// Package nlp splits prose into sentences and words with byte offsets.
// It is shared by ingest (sentence spans of sections) and analysis
// (tokens for rule matching), so both agree on what a sentence is.
//
// The splitter and tokenizer are hand-written for speed and measured
// against github.com/jdkato/prose/v2, a required library of the project:
// nlp/internal/prosebridge wraps it and only nlp's tests import that, so
// prose (and gonum under it) stay out of the debrief binary. The figures
// are in the prosebridge package comment.
package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into the text it was cut from.
type Span struct {
	Start int
	End   int
}

// abbreviations that end with a period but do not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "vs": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "prof": true, "inc": true, "ltd": true, "co": true,
	"approx": true, "no": true, "fig": true, "st": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true,
	"dec": true, "u.s": true, "a.m": true, "p.m": true, "cf": true, "al": true,
	"est": true, "min": true, "max": true, "sec": true, "ca": true,
	"incl": true, "approx.": true, "excl": true, "jr": true, "sr": true,
	"dept": true, "ver": true, "eg": true, "ie": true, "resp": true,
}

// Sentences splits text into sentence spans. Boundaries are: sentence-final
// punctuation (. ! ?) followed by whitespace and a plausible sentence start
// (not after abbreviations, initials or a list number like "1."), blank
// lines, lines ending in ':', and line starts that look like list items,
// table rows, headings or timestamps.
// Leading and trailing whitespace is excluded from spans; empty spans are
// dropped. Every returned span satisfies 0 <= Start < End <= len(text).
func Sentences(text string) []Span {
	var spans []Span
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if s < e {
			spans = append(spans, Span{s, e})
		}
	}
	n := len(text)
	for i := 0; i < n; i++ {
		c := text[i]
		switch c {
		case '\n':
			// A newline ends a sentence when the next line is blank, a list
			// item, a table row or a heading-like line.
			j := i + 1
			for j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j >= n || text[j] == '\n' || lineStartsBlock(text[j:]) || endsLine(text[start:i]) {
				emit(i)
				start = i + 1
			}
		case '.', '!', '?':
			// Collapse runs like "?!" or "...".
			j := i + 1
			for j < n && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
				j++
			}
			// Closing quotes/brackets belong to the sentence.
			for j < n && strings.IndexByte("\"')]”’", text[j]) >= 0 {
				j++
			}
			if j < n && j+2 < n && strings.HasPrefix(text[j:], "”") {
				j += len("”")
			}
			if j < n && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' && text[j] != '\r' {
				i = j - 1
				continue
			}
			if c == '.' && j == i+1 && (isAbbreviation(text[start:i]) || listNumber(text, i)) {
				continue
			}
			if j < n && !plausibleStart(text[j:]) && c == '.' && (j != i+1 || !longWordBefore(text[start:i])) {
				i = j - 1
				continue
			}
			emit(j)
			start = j
			i = j - 1
		}
	}
	emit(n)
	return spans
}

// trimSpan shrinks [s,e) to exclude surrounding whitespace.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// isAbbreviation reports whether the word before a period is a known
// abbreviation, a single letter (initials) or a number like "3." in "v1.2.".
func isAbbreviation(before string) bool {
	k := len(before)
	for k > 0 && before[k-1] != ' ' && before[k-1] != '\n' && before[k-1] != '(' && before[k-1] != '\t' {
		k--
	}
	word := strings.ToLower(before[k:])
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	if len(word) == 1 && word[0] >= 'a' && word[0] <= 'z' {
		return true
	}
	return false
}

// listNumber reports whether the period at i ends a list number at the
// start of its line ("1. Deploy", "  12. Verify").
func listNumber(text string, i int) bool {
	k := i
	for k > 0 && text[k-1] >= '0' && text[k-1] <= '9' {
		k--
	}
	if k == i || i-k > 3 {
		return false
	}
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	return k == 0 || text[k-1] == '\n'
}

// longWordBefore reports whether the text before a period ends in a plain
// word of four or more letters: then even a lower-case word after the
// period starts a new sentence ("Service restored. kubectl showed ..."),
// as command and tool names often start sentences in incident notes.
func longWordBefore(before string) bool {
	k := len(before)
	letters := 0
	for k > 0 {
		c := before[k-1]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			break
		}
		letters++
		k--
	}
	if letters < 4 {
		return false
	}
	if k > 0 && before[k-1] != ' ' && before[k-1] != '\n' && before[k-1] != '\t' && before[k-1] != '(' {
		return false
	}
	return !abbreviations[strings.ToLower(before[k:])]
}

// plausibleStart reports whether rest (after a sentence-final mark) starts a
// new sentence: skip whitespace, then an upper-case letter, digit, quote,
// bracket, list marker or non-Latin letter.
func plausibleStart(rest string) bool {
	i := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\r' || rest[i] == '\n') {
		i++
	}
	if i >= len(rest) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest[i:])
	return !unicode.IsLower(r)
}

// lineStartsBlock reports whether a line starting at line is a list item,
// table row, heading or timestamped entry, which always starts a sentence.
func lineStartsBlock(line string) bool {
	if line == "" {
		return false
	}
	switch line[0] {
	case '-', '*', '+', '|', '#', '>':
		return true
	}
	if strings.HasPrefix(line, "•") {
		return true
	}
	// "1. ", "12) "
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < len(line) {
		if (line[i] == '.' || line[i] == ')') && i+1 < len(line) && line[i+1] == ' ' {
			return true
		}
		// "14:05 ..." timestamps
		if line[i] == ':' && i <= 2 {
			return true
		}
		// "2024-03-03 ..." dates
		if line[i] == '-' && i == 4 {
			return true
		}
	}
	return false
}

// endsLine reports whether a line ending in the given text closes a
// sentence by itself: a line ending with ':' or a short heading-like line.
func endsLine(sofar string) bool {
	t := strings.TrimRight(sofar, " \t\r")
	return strings.HasSuffix(t, ":")
}
