package devset

import (
	"html"
	"regexp"
	"strings"
)

var (
	reComment   = regexp.MustCompile(`(?s)<!--.*?(-->|$)`)
	reAutolink  = regexp.MustCompile(`<((?:https?|mailto|ftp):[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[a-z]+)>`)
	reTag       = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	reImage     = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	reLink      = regexp.MustCompile(`\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)`)
	reRefLink   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	reCode      = regexp.MustCompile("`+([^`]*)`+")
	reStrong    = regexp.MustCompile(`(\*\*|__)([^\s*_](?:.*?[^\s*_])?)(\*\*|__)`)
	reEmOpen    = regexp.MustCompile(`(^|[\s(\["'“‘/])[*_]+([^\s*_])`)
	reEmClose   = regexp.MustCompile(`([^\s*_])[*_]+($|[\s).,;:!?"'”’\]/])`)
	reEscape    = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>~])`)
	reLineMark  = regexp.MustCompile(`(?m)^[ \t]*(?:>[ \t]?)+`)
	reListMark  = regexp.MustCompile(`(?m)^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?`)
	reHeadMark  = regexp.MustCompile(`(?m)^[ \t]*#{1,6}[ \t]+`)
	reHeadClose = regexp.MustCompile(`(?m)[ \t]+#+[ \t]*$`)
	reSpace     = regexp.MustCompile(`\s+`)
)

// Clean turns a raw span of a corpus file into the plain text the tagger
// should see: HTML comments and tags removed (URL and e-mail autolinks
// keep their address),
// images and links replaced by their text, inline code, emphasis and
// backslash escapes unwrapped, heading/list/quote markers at line starts
// removed, HTML entities decoded, and all whitespace (newlines included)
// collapsed to single spaces, trimmed. Clean of plain text is that text
// with its whitespace collapsed.
func Clean(raw string) string {
	s := reComment.ReplaceAllString(raw, " ")
	s = reAutolink.ReplaceAllString(s, "$1")
	s = reTag.ReplaceAllString(s, " ")
	s = reImage.ReplaceAllString(s, "$1")
	s = reLink.ReplaceAllString(s, "$1")
	s = reRefLink.ReplaceAllString(s, "$1")
	// Protect code spans from the emphasis rules: snake_case and *.glob
	// inside backticks are literal.
	var codes []string
	s = reCode.ReplaceAllStringFunc(s, func(m string) string {
		inner := reCode.FindStringSubmatch(m)[1]
		codes = append(codes, strings.TrimSpace(inner))
		return "\x00" + string(rune('a'+len(codes)-1)) + "\x00"
	})
	// Backslash escapes become private-use runes until the end, so an
	// escaped * or _ is not taken for emphasis.
	s = reEscape.ReplaceAllStringFunc(s, func(m string) string { return string(rune(0xE000) + rune(m[1])) })
	s = reLineMark.ReplaceAllString(s, "")
	s = reHeadMark.ReplaceAllString(s, "")
	s = reHeadClose.ReplaceAllString(s, "")
	s = reListMark.ReplaceAllString(s, "")
	for i := 0; i < 3; i++ {
		s = reStrong.ReplaceAllString(s, "$2")
	}
	s = reEmOpen.ReplaceAllString(s, "$1$2")
	s = reEmClose.ReplaceAllString(s, "$1$2")
	s = strings.Map(func(r rune) rune {
		if r >= 0xE000 && r < 0xE080 {
			return r - 0xE000
		}
		return r
	}, s)
	for i, c := range codes {
		s = strings.Replace(s, "\x00"+string(rune('a'+i))+"\x00", c, 1)
	}
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\u00a0", " ")
	return strings.TrimSpace(reSpace.ReplaceAllString(s, " "))
}
