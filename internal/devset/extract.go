package devset

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/debrief-dev/debrief/nlp"
)

// Candidate is one sentence cut from a raw corpus file: [Start, End) are
// byte offsets into the raw file, Raw is that span and Text is Clean(Raw).
type Candidate struct {
	File  string `json:"file"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Raw   string `json:"-"`
	Text  string `json:"text"`
}

// block is a paragraph-like range of the raw file with its masked text:
// masked has the same length as raw[start:end], with markup bytes (list
// and heading markers, HTML tags, right-hand pdf columns) replaced by
// spaces, so sentence spans found in it are spans of the raw file.
type block struct {
	start  int
	masked []byte
}

var (
	reFence     = regexp.MustCompile("^[ \t]*(```|~~~)")
	reTableSep  = regexp.MustCompile(`^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$`)
	reRule      = regexp.MustCompile(`^[ \t]*([-=*_][ \t]*){3,}$`)
	reRefDef    = regexp.MustCompile(`^[ \t]*\[[^\]]+\]:[ \t]*\S+`)
	reBareURL   = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*<?(?:https?|ftp)://\S+>?[ \t]*$`)
	reMdLink    = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)|<(?:https?|mailto):[^>]*>|https?://\S+`)
	reListStart = regexp.MustCompile(`^([ \t]*)([-*+•]|\d{1,3}[.)])[ \t]+(\[[ xX]\][ \t]+)?`)
	reHeading   = regexp.MustCompile(`^[ \t]{0,3}(#{1,6})([ \t]+|$)`)
	reQuote     = regexp.MustCompile(`^[ \t]*(>[ \t]?)+`)
	reColumns   = regexp.MustCompile(`\S[ \t]{3,}\S`)
)

// Candidates cuts a raw corpus file into candidate sentences. name is the
// path reported in Candidate.File; files ending in ".txt" are treated as
// text extracted from PDFs (no Markdown; runs of three or more spaces
// separate layout columns), everything else as Markdown: front matter
// (+++ or ---), fenced code, HTML comments and tags, reference link
// definitions, link-only lines, horizontal rules and table separator lines
// are skipped; heading, list and quote markers are not part of a sentence;
// each heading, list item and table cell is its own paragraph. Paragraphs
// are split with nlp.Sentences. Spans whose clean text has no letter are
// dropped.
func Candidates(name string, raw []byte) []Candidate {
	var blocks []block
	if strings.HasSuffix(name, ".txt") {
		blocks = textBlocks(raw)
	} else {
		blocks = markdownBlocks(raw)
	}
	var out []Candidate
	for _, b := range blocks {
		for _, sp := range nlp.Sentences(string(b.masked)) {
			s, e := b.start+sp.Start, b.start+sp.End
			r := string(raw[s:e])
			t := Clean(r)
			if !hasLetter(t) {
				continue
			}
			out = append(out, Candidate{File: name, Start: s, End: e, Raw: r, Text: t})
		}
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// line is one line of the raw file: [start, end) excludes the newline.
type line struct{ start, end int }

func lines(raw []byte) []line {
	var ls []line
	s := 0
	for i, c := range raw {
		if c == '\n' {
			ls = append(ls, line{s, i})
			s = i + 1
		}
	}
	if s < len(raw) {
		ls = append(ls, line{s, len(raw)})
	}
	return ls
}

// builder accumulates blocks from masked lines.
type builder struct {
	raw    []byte
	blocks []block
	cur    *block
}

// add appends raw[s:e] (already masked in m, same length) to the current
// block, starting a new one when fresh is set or none is open.
func (b *builder) add(s int, m []byte, fresh bool) {
	if b.cur == nil || fresh {
		b.flush()
		b.cur = &block{start: s}
	}
	// Fill the gap (the newline) between the previous line and this one.
	for b.cur.start+len(b.cur.masked) < s {
		b.cur.masked = append(b.cur.masked, '\n')
	}
	b.cur.masked = append(b.cur.masked, m...)
}

func (b *builder) flush() {
	if b.cur != nil && strings.TrimSpace(string(b.cur.masked)) != "" {
		b.blocks = append(b.blocks, *b.cur)
	}
	b.cur = nil
}

func blank(m []byte, s, e int) {
	for i := s; i < e && i < len(m); i++ {
		if m[i] != '\n' {
			m[i] = ' '
		}
	}
}

func markdownBlocks(raw []byte) []block {
	ls := lines(raw)
	b := &builder{raw: raw}
	i := 0
	// Front matter.
	if len(ls) > 0 {
		first := strings.TrimSpace(string(raw[ls[0].start:ls[0].end]))
		if first == "+++" || first == "---" {
			for j := 1; j < len(ls); j++ {
				if strings.TrimSpace(string(raw[ls[j].start:ls[j].end])) == first {
					i = j + 1
					break
				}
			}
		}
	}
	// Mask HTML comments across the whole file first (they may span lines).
	mask := append([]byte(nil), raw...)
	for _, loc := range reComment.FindAllIndex(raw, -1) {
		blank(mask, loc[0], loc[1])
	}
	for _, loc := range reTag.FindAllIndex(raw, -1) {
		blank(mask, loc[0], loc[1])
	}
	inFence := ""
	for ; i < len(ls); i++ {
		l := ls[i]
		text := string(raw[l.start:l.end])
		if inFence != "" {
			if strings.HasPrefix(strings.TrimSpace(text), inFence) {
				inFence = ""
			}
			continue
		}
		if m := reFence.FindStringSubmatch(text); m != nil {
			b.flush()
			inFence = m[1]
			continue
		}
		m := mask[l.start:l.end]
		mt := string(m)
		if strings.TrimSpace(mt) == "" {
			b.flush()
			continue
		}
		if reTableSep.MatchString(text) || reRule.MatchString(text) || reRefDef.MatchString(text) || linkOnly(text) {
			b.flush()
			continue
		}
		lm := append([]byte(nil), m...)
		if q := reQuote.FindStringIndex(mt); q != nil {
			blank(lm, q[0], q[1])
			mt = string(lm)
		}
		if h := reHeading.FindStringSubmatchIndex(mt); h != nil {
			blank(lm, h[0], h[1])
			// Closing #s of an ATX heading.
			t := strings.TrimRight(string(lm), " \t#")
			if len(t) < len(lm) && strings.HasSuffix(strings.TrimRight(string(lm), " \t"), "#") {
				blank(lm, len(t), len(lm))
			}
			b.add(l.start, lm, true)
			b.flush()
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(mt), "|") {
			b.flush()
			cellBlocks(b, l.start, lm)
			continue
		}
		fresh := false
		if ls := reListStart.FindStringSubmatchIndex(mt); ls != nil {
			blank(lm, ls[0], ls[1])
			fresh = true
		}
		b.add(l.start, lm, fresh)
	}
	b.flush()
	return b.blocks
}

// cellBlocks adds each cell of a table row as its own block.
func cellBlocks(b *builder, start int, m []byte) {
	cs := -1
	for k := 0; k <= len(m); k++ {
		if k == len(m) || (m[k] == '|' && (k == 0 || m[k-1] != '\\')) {
			if cs >= 0 && strings.TrimSpace(string(m[cs:k])) != "" {
				b.add(start+cs, append([]byte(nil), m[cs:k]...), true)
				b.flush()
			}
			cs = k + 1
		}
	}
}

// linkOnly reports whether a Markdown line holds nothing but links or URLs
// (and list markers/punctuation), with fewer than four words of link text.
func linkOnly(text string) bool {
	if reBareURL.MatchString(text) {
		return true
	}
	locs := reMdLink.FindAllStringSubmatchIndex(text, -1)
	if len(locs) == 0 {
		return false
	}
	rest := reMdLink.ReplaceAllString(text, "")
	rest = reListStart.ReplaceAllString(rest, "")
	if hasLetter(rest) {
		return false
	}
	words := 0
	for _, l := range locs {
		if l[2] >= 0 {
			words += len(strings.Fields(text[l[2]:l[3]]))
		}
	}
	return words < 4
}

// textBlocks cuts pdf-extracted text into paragraphs: blank lines end a
// paragraph; a line laid out in columns (runs of 3+ spaces between text)
// ends the paragraph and each column piece is a paragraph of its own; a
// change of indentation by 8 or more columns starts a new paragraph; a
// short line (under 40 bytes) that does not end in punctuation is a
// heading or a paragraph's last line, so it ends its paragraph.
func textBlocks(raw []byte) []block {
	b := &builder{raw: raw}
	prevIndent := -1
	for _, l := range lines(raw) {
		m := append([]byte(nil), raw[l.start:l.end]...)
		text := string(m)
		trimmed := strings.TrimSpace(text)
		if trimmed == "" {
			b.flush()
			prevIndent = -1
			continue
		}
		if reColumns.MatchString(trimmed) {
			b.flush()
			for _, piece := range columnPieces(text) {
				b.add(l.start+piece[0], m[piece[0]:piece[1]], true)
				b.flush()
			}
			prevIndent = -1
			continue
		}
		indent := len(text) - len(strings.TrimLeft(text, " \t"))
		fresh := prevIndent < 0 || indent-prevIndent >= 8 || prevIndent-indent >= 8
		b.add(l.start, m, fresh)
		prevIndent = indent
		if len(trimmed) < 40 && !strings.ContainsAny(trimmed[len(trimmed)-1:], ".,;:-") {
			b.flush()
			prevIndent = -1
		}
	}
	b.flush()
	return b.blocks
}

// columnPieces returns [start, end) of the text pieces of a line separated
// by runs of three or more spaces.
func columnPieces(text string) [][2]int {
	var out [][2]int
	i := 0
	for i < len(text) {
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		if i >= len(text) {
			break
		}
		s := i
		gap := 0
		for i < len(text) {
			if text[i] == ' ' || text[i] == '\t' {
				gap++
				if gap >= 3 {
					break
				}
			} else {
				gap = 0
			}
			i++
		}
		e := i - gap + 1
		if i >= len(text) {
			e = len(strings.TrimRight(text, " \t\r"))
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
	}
	return out
}
