package sqlutil

import (
	"crypto/md5"
	"strings"
)

// A term mask is a 63-bit Bloom filter of the words of a sentence, stored
// next to the sentence so that a text search can skip the sentences that
// cannot contain the query before it runs the (much slower) substring match.
//
// Words are the maximal runs of [a-z0-9] in the Unicode lower-cased text;
// each sets bit md5(word)[0] % 63. The definition is simple enough for SQL
// to compute too, which is how the migrations backfill sentences stored
// before the column existed:
//
//	DuckDB:     coalesce(list_aggregate(list_transform(regexp_extract_all(lower(text), '[a-z0-9]+'),
//	            w -> (1::BIGINT << (('0x' || substr(md5(w), 1, 2))::INTEGER % 63))), 'bit_or'), 0)
//	ClickHouse: arrayReduce('groupBitOr', arrayMap(w -> bitShiftLeft(toUInt64(1),
//	            reinterpretAsUInt8(substring(MD5(w), 1, 1)) % 63), extractAll(lowerUTF8(text), '[a-z0-9]+')))
//
// (each 0 when the text holds one of the letters in asciiFolding).
//
// A mask of 0 means "unknown" (or a sentence without words): such
// sentences are always candidates. Bit 63 is never set, so masks fit in a
// signed 64-bit integer.
//
// Three non-ASCII letters fold to ASCII ones in case-insensitive matching
// (İ U+0130 to i, the Kelvin sign U+212A to k, ſ U+017F to s), so a text
// holding one could match a word it does not spell in ASCII: such texts
// get mask 0, and queries holding one get no narrowing.
const asciiFolding = "\u0130\u212a\u017f"

// TermMask returns the term mask of a sentence's text. seen, when not nil,
// caches word bits across calls.
func TermMask(text string, seen map[string]uint64) uint64 {
	if strings.ContainsAny(text, asciiFolding) {
		return 0
	}
	var m uint64
	forWords(strings.ToLower(text), func(w string, _, _ bool) {
		m |= termBit(w, seen)
	})
	return m
}

// QueryTermMask returns the bits every sentence containing q (compared
// case-insensitively as a substring) must have in its term mask: those of
// the words of q that are whole, i.e. delimited inside q on both sides by a
// character that is not [a-z0-9]. The first and last words of q may be
// parts of longer words ("try" matches "retry") and do not count. 0 means
// q allows no narrowing.
func QueryTermMask(q string) uint64 {
	if strings.ContainsAny(q, asciiFolding) {
		return 0
	}
	var m uint64
	forWords(strings.ToLower(q), func(w string, openLeft, openRight bool) {
		if !openLeft && !openRight {
			m |= termBit(w, nil)
		}
	})
	return m
}

// forWords calls fn for each maximal run of [a-z0-9] in s, telling whether
// it touches the start (openLeft) or the end (openRight) of s.
func forWords(s string, fn func(w string, openLeft, openRight bool)) {
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isWordByte(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(s[start:i], start == 0, i == len(s))
			start = -1
		}
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

func termBit(w string, seen map[string]uint64) uint64 {
	if b, ok := seen[w]; ok {
		return b
	}
	sum := md5.Sum([]byte(w))
	b := uint64(1) << (sum[0] % 63)
	if seen != nil {
		seen[w] = b
	}
	return b
}

// MatchesTerms reports whether a sentence with term mask terms may contain
// a query with QueryTermMask qm (the SQL condition the backends run).
func MatchesTerms(terms, qm uint64) bool {
	return terms == 0 || terms&qm == qm
}
