package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind tells words from punctuation.
type TokenKind uint8

const (
	// Word is a run of letters and digits, possibly joined by internal
	// connectors (hyphen, period, underscore, slash, colon, @) as in
	// "fat-fingered", "v1.2.3", "error_rate" or "14:05".
	Word TokenKind = iota
	// Punct is a single punctuation or symbol rune (quotes, commas, ...).
	Punct
)

// Token is one word or punctuation mark of a text.
//
// Start and End are byte offsets into the text given to Tokens, so that
// text[Start:End] is the token as written. Norm is its normalised form:
// lower-cased, curly apostrophes and quotes replaced by straight ones, and
// clitics expanded ("n't" -> "not", "'ve" -> "have", "ca" of "can't" ->
// "can"). Norm never contains whitespace.
type Token struct {
	Start int
	End   int
	Norm  string
	Kind  TokenKind
}

// Tokens splits text into word and punctuation tokens with byte offsets.
//
// Whitespace separates tokens and is never part of one. Contractions are
// split the way prose's (and the Penn Treebank's) tokenizer splits them:
// "didn't" -> "did" + "n't", "we've" -> "we" + "'ve", "it's" -> "it" + "'s".
// Invalid UTF-8 bytes become single-byte punctuation tokens. Tokens are in
// text order and never overlap; every token satisfies
// 0 <= Start < End <= len(text).
func Tokens(text string) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	return AppendTokens(toks, text)
}

// AppendTokens is Tokens appending to dst, for callers that reuse buffers.
func AppendTokens(dst []Token, text string) []Token {
	n := len(text)
	i := 0
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
			if asciiAlnum[c] {
				end := scanWord(text, i)
				if url := scanURL(text, end); url > end {
					dst = append(dst, Token{Start: i, End: url, Norm: lower(text[i:url]), Kind: Word})
					i = url
					continue
				}
				dst = appendWord(dst, text, i, end)
				i = end
				continue
			}
			dst = append(dst, Token{Start: i, End: i + 1, Norm: punctNorm(text[i : i+1]), Kind: Punct})
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, Token{Start: i, End: i + 1, Norm: "\ufffd", Kind: Punct})
		case unicode.IsSpace(r):
		case isWordRune(r):
			end := scanWord(text, i)
			dst = appendWord(dst, text, i, end)
			i = end
			continue
		default:
			dst = append(dst, Token{Start: i, End: i + size, Norm: punctNorm(text[i : i+size]), Kind: Punct})
		}
		i += size
	}
	return dst
}

var asciiSpace, asciiAlnum [utf8.RuneSelf]bool

func init() {
	for c := 0; c < utf8.RuneSelf; c++ {
		b := byte(c)
		asciiSpace[c] = b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
		asciiAlnum[c] = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiAlnum[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordRuneAt reports whether a word rune starts at text[i] and its size.
func wordRuneAt(text string, i int) (bool, int) {
	if i >= len(text) {
		return false, 0
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiAlnum[c], 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError && size == 1 {
		return false, 1
	}
	return isWordRune(r), size
}

// scanWord returns the end of the word starting at i: word runes, joined by
// single connectors or apostrophes that are followed by a word rune.
func scanWord(text string, i int) int {
	n := len(text)
	for i < n {
		ok, size := wordRuneAt(text, i)
		if ok {
			i += size
			continue
		}
		// A connector continues the word only when a word rune follows.
		csize := connectorAt(text, i)
		if csize == 0 {
			break
		}
		if ok2, _ := wordRuneAt(text, i+csize); !ok2 {
			break
		}
		i += csize
	}
	return i
}

// scanURL returns the end of a URL whose scheme ends at i ("https" then
// "://..."), or i when there is none. The URL runs to the next whitespace,
// less trailing punctuation that usually closes the sentence around it.
func scanURL(text string, i int) int {
	if !strings.HasPrefix(text[i:], "://") {
		return i
	}
	j := i + 3
	for j < len(text) && (text[j] >= utf8.RuneSelf || !asciiSpace[text[j]]) && text[j] != '<' && text[j] != '>' && text[j] != '"' {
		j++
	}
	for j > i+3 && strings.IndexByte(".,;:!?)]'*`", text[j-1]) >= 0 {
		j--
	}
	if j == i+3 {
		return i
	}
	return j
}

// connectorAt returns the byte size of a word-internal connector at i, or 0.
func connectorAt(text string, i int) int {
	switch text[i] {
	case '-', '.', '_', '/', ':', '@', '\'':
		return 1
	}
	if strings.HasPrefix(text[i:], "’") {
		return len("’")
	}
	return 0
}

// appendWord appends the word text[s:e], split at contractions.
func appendWord(dst []Token, text string, s, e int) []Token {
	w := text[s:e]
	if strings.IndexByte(w, '\'') < 0 && !strings.Contains(w, "’") {
		return append(dst, Token{Start: s, End: e, Norm: lower(w), Kind: Word})
	}
	// Find the last apostrophe; split known clitics.
	norm := lower(strings.ReplaceAll(w, "’", "'"))
	// n't
	if strings.HasSuffix(norm, "n't") && len(norm) > 3 {
		cut := clitIndex(w, 3) // byte index in w of "n't"
		stem := norm[:len(norm)-3]
		switch stem {
		case "ca":
			stem = "can"
		case "wo":
			stem = "will"
		case "sha":
			stem = "shall"
		}
		dst = append(dst, Token{Start: s, End: s + cut, Norm: stem, Kind: Word})
		return append(dst, Token{Start: s + cut, End: e, Norm: "not", Kind: Word})
	}
	for _, c := range clitics {
		if strings.HasSuffix(norm, c.suffix) && len(norm) > len(c.suffix) {
			cut := clitIndex(w, len(c.suffix))
			dst = append(dst, Token{Start: s, End: s + cut, Norm: norm[:len(norm)-len(c.suffix)], Kind: Word})
			return append(dst, Token{Start: s + cut, End: e, Norm: c.norm, Kind: Word})
		}
	}
	return append(dst, Token{Start: s, End: e, Norm: norm, Kind: Word})
}

var clitics = []struct{ suffix, norm string }{
	{"'ve", "have"}, {"'re", "are"}, {"'ll", "will"}, {"'m", "am"}, {"'d", "'d"}, {"'s", "'s"},
}

// clitIndex returns the byte offset in w where a clitic of nrunes runes
// (counting the apostrophe as one rune, straight or curly) starts.
func clitIndex(w string, nrunes int) int {
	i := len(w)
	for k := 0; k < nrunes; k++ {
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
	}
	return i
}

// lower lower-cases s without allocating when it is already lower-case ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// punctNorm maps typographic quotes to their ASCII forms.
func punctNorm(p string) string {
	switch p {
	case "“", "”", "„", "«", "»":
		return `"`
	case "‘", "’", "‚":
		return "'"
	}
	return p
}

// Words returns the normalised forms of the word tokens of text, in order:
// a convenience for tests and vocabulary building.
func Words(text string) []string {
	var out []string
	for _, t := range Tokens(text) {
		if t.Kind == Word {
			out = append(out, t.Norm)
		}
	}
	return out
}
