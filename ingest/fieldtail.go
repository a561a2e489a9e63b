package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Action items written as columns end with positional fields rather
// than "key: value" ones: "Add retries — Priya — done", "Make the build
// fail - Hiroshi - open", "Rotate keys | sam | in progress | OPS-12".
// cutFieldTail reads such fields from the end of the text: a status
// word, a ticket key or URL, a due date, an @handle or "owner: x", and a
// name. A bare name counts as the owner only next to another field, or
// after an em or en dash.

// fieldSeps separate positional fields.
var fieldSeps = []string{" — ", " – ", " - ", " | ", " -- "}

// cutFieldTail returns text without its trailing positional fields and
// what they held; text is returned unchanged when none is found.
func cutFieldTail(text string) (string, tailMeta) {
	var m tailMeta
	rest := text
	var names []string
	strongSep := false
	for range 4 {
		i, n := lastFieldSep(rest)
		if i <= 0 {
			break
		}
		seg := strings.TrimSpace(strings.Trim(rest[i+n:], " .;,"))
		if !classifyField(seg, &m, &names) {
			break
		}
		if strings.TrimSpace(rest[i:i+n]) != "-" && strings.TrimSpace(rest[i:i+n]) != "|" {
			strongSep = true
		}
		rest = strings.TrimRight(rest[:i], " ")
	}
	if rest == text || !hasLetter(rest) {
		return text, tailMeta{}
	}
	structured := m.status != "" || m.ticket != "" || m.due != "" || m.owner != ""
	if len(names) > 1 || (len(names) == 1 && !structured && (!strongSep || !startsUpper(names[0]))) {
		return text, tailMeta{}
	}
	if len(names) == 1 && m.owner == "" {
		m.owner = names[0]
	}
	return rest, m
}

// lastFieldSep returns where the last field separator of t starts and its
// length, or -1.
func lastFieldSep(t string) (int, int) {
	best, n := -1, 0
	for _, sep := range fieldSeps {
		if i := strings.LastIndex(t, sep); i > best {
			best, n = i, len(sep)
		}
	}
	return best, n
}

// classifyField records one positional field and reports whether it was
// one; names collects the fields that can only be an owner's name.
func classifyField(seg string, m *tailMeta, names *[]string) bool {
	if seg == "" {
		return false
	}
	if isBlankValue(seg) {
		return true // "— TBD —", "- n/a -"
	}
	low := strings.ToLower(seg)
	if st := normStatus(low); st != "" && (tailStatusWords[low] || len(seg) <= 12) {
		setTail(&m.status, st)
		return true
	}
	if isMetaItem(seg, nil, m) {
		return true
	}
	if d, ok := findDate(seg); ok && d.start == 0 && d.end >= len(seg)-1 && d.hasDate {
		setTail(&m.due, dueString(d, seg))
		return true
	}
	if isNameField(seg) {
		*names = append(*names, strings.TrimPrefix(seg, "@"))
		return true
	}
	return false
}

// isNameField reports a field shaped like a person's or team's name: one
// to three words, each capitalised ("Priya", "Data Platform", "SRE team"),
// or a single lower-case handle ("hiroshi", "j.smith").
func isNameField(s string) bool {
	if len(s) > 40 || strings.ContainsAny(s, "0123456789:;,()[]{}!?\"") {
		return false
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	if len(words) == 1 && isHandle(s) && !tailStatusWords[strings.ToLower(s)] {
		return true
	}
	// "Data Platform", "SRE team", "Telehealth web": capitalised, the
	// words after the first may be lower case.
	if !startsUpper(words[0]) {
		return false
	}
	for _, w := range words[1:] {
		for _, r := range w {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
