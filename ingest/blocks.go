package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every input format is lowered to the same flat stream of blocks; one
// builder (build.go) then turns blocks into sections, metadata, timeline
// events, action items and sentences. This keeps the format parsers small
// and makes every format benefit from every extraction rule.

type blockKind uint8

const (
	bHeading blockKind = iota + 1
	bPara
	bItem // list item; level is the nesting depth (0 = top level)
	bRow  // table row
	bCode // code block or preformatted text, kept verbatim
)

// block is one structural element of a document. (Fields are ordered to
// keep the struct small: documents lower to many blocks.)
type block struct {
	level int    // heading level 1-6, or list depth for items
	table int    // numbers the tables so rows of one can be told from the next
	text  string // plain text; rows: cells joined with " | "
	cells []string
	// label is a leading bold label ("Team" in "**Team:** core"), rest the
	// text after it. Both empty when the block does not start with one.
	label string
	rest  string
	links []string // link targets found in the block
	kind  blockKind
	// header marks a table header row.
	header bool
	// checked: -1 no checkbox, 0 "[ ]", 1 "[x]".
	checked int8
	// meta marks a "**Key:** value" metadata line kept out of section text.
	meta bool
	// log marks text that is a log/console dump rather than prose.
	log bool
}

// rawDoc is what a format parser hands to the builder.
type rawDoc struct {
	format   string
	title    string   // title from metadata (front matter, <title>, export field)
	fields   *fields  // metadata from front matter / export / sidebar
	blocks   []block  // document body
	warnings []string // problems found while lowering
	// tz is a time-zone hint found by the format parser ("All times listed
	// in this report are in ...").
	tz string
	// pubDate is a publication date (a blog path such as 2023/10/26/...),
	// the incident date of last resort.
	pubDate string
	// Structured exports give events and items directly.
	events      []eventDraft
	actions     []actionDraft
	hasEvents   bool
	hasActions  bool
	firstLineOK bool // the first line of the body may serve as title
	plainLines  bool // text format: lines were not reflowed
}

func (d *rawDoc) warn(msg string) { d.warnings = append(d.warnings, msg) }

// spaceClass classifies bytes for collapseSpace: 1 the ASCII space, 2
// other ASCII white space, 3 the start or continuation of a multi-byte
// rune.
var spaceClass = func() (t [256]uint8) {
	t[' '] = 1
	for _, c := range "\n\t\r\f\v" {
		t[c] = 2
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = 3
	}
	return t
}()

// collapseSpace trims s and collapses internal runs of white space to a
// single space. Text that needs no change is returned as it is.
func collapseSpace(s string) string {
	if s == "" {
		return s
	}
	// Fast path: nothing to do.
	clean := true
	prevSpace := true
scan:
	for i := 0; i < len(s); i++ {
		switch spaceClass[s[i]] {
		case 0:
			prevSpace = false
		case 1:
			if prevSpace {
				clean = false
				break scan
			}
			prevSpace = true
		case 2:
			clean = false
			break scan
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				clean = false
				break scan
			}
			prevSpace = false
			i += n - 1
		}
	}
	if clean && !prevSpace {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				space = len(b) > 0
				i++
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = len(b) > 0
			i += n
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, s[i:i+n]...)
		i += n
	}
	return string(b)
}

// splitLabel splits "Key: value" into ("Key", "value"). ok is false when
// the text has no colon within the first 60 bytes or the key looks like a
// sentence or a time ("14:05").
func splitLabel(s string) (key, value string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 60 {
		return "", "", false
	}
	key = strings.TrimSpace(s[:i])
	if key == "" || strings.ContainsAny(stripZoneAside(key), ".!?;|[]()") {
		return "", "", false
	}
	if c := key[len(key)-1]; c >= '0' && c <= '9' {
		return "", "", false
	}
	if strings.Count(key, " ") > 5 {
		return "", "", false
	}
	return key, strings.TrimSpace(s[i+1:]), true
}

// stripZoneAside drops a trailing zone aside from a key: "Start (UTC)"
// is "Start"; other keys are returned as they are.
func stripZoneAside(key string) string {
	if !strings.HasSuffix(key, ")") {
		return key
	}
	i := strings.LastIndexByte(key, '(')
	if i <= 0 || !zoneAside[strings.ToLower(strings.TrimSpace(key[i+1:len(key)-1]))] {
		return key
	}
	return strings.TrimSpace(key[:i])
}

// cutLabel decides whether a block starting with bold text has a label:
// "**Team:** core", "**Impact**: ..." and a bold text standing alone do;
// "**Impact** was small" does not. It returns the label without its colon
// and the text after it.
func cutLabel(bold, rest string) (label, after string, ok bool) {
	label = strings.TrimSpace(bold)
	after = strings.TrimSpace(rest)
	// "**Follow-ups** (tracked on the Payments board):": an aside, then
	// the colon.
	if strings.HasPrefix(after, "(") {
		if j := strings.IndexByte(after, ')'); j > 0 && strings.TrimSpace(strings.TrimPrefix(after[j+1:], ":")) == "" {
			after = ""
		}
	}
	// "**What went wrong.** Text": a bold sentence-title.
	if strings.HasSuffix(label, ".") && !strings.HasSuffix(label, "..") && len(label) <= 60 && wordCount(label) <= 8 {
		label = strings.TrimSpace(strings.TrimSuffix(label, ".")) + ":"
	}
	switch {
	case strings.HasSuffix(label, ":"):
		label = strings.TrimSpace(strings.TrimSuffix(label, ":"))
	case strings.HasPrefix(after, ":"):
		after = strings.TrimSpace(after[1:])
	case after == "":
		// "**Impact window: 14 Mar, 09:42 – 11:57 CET.**": a whole bold
		// statement whose key is metadata is that key and its value.
		if k, v, ok := strings.Cut(label, ": "); ok && strings.TrimSpace(v) != "" && metaKey(k) != "" {
			label, after = strings.TrimSpace(k), strings.TrimSpace(v)
		}
	default:
		return "", "", false
	}
	if label == "" || strings.IndexByte(label, '\n') >= 0 {
		return "", "", false
	}
	return label, after, true
}
