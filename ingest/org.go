package ingest

import (
	"regexp"
	"strings"
)

// Org-mode writeups (Emacs) are plain text with their own markup:
// "#+TITLE: ..." keyword lines, "* Heading" / "** Sub-heading" outlines,
// "** TODO ..." / "** DONE ..." task headings, planning lines ("CLOSED:
// [...]") and :PROPERTIES: drawers. orgLines rewrites that markup into
// the plain-text shapes parseText reads, so that one parser serves both.

var (
	reOrgKeyword = regexp.MustCompile(`^#\+([A-Za-z_]+):\s*(.*)$`)
	reOrgHeading = regexp.MustCompile(`^(\*+)\s+(.*)$`)
	reOrgTodo    = regexp.MustCompile(`^(TODO|DONE|NEXT|WAITING|STARTED|CANCELLED|CANCELED|WONTFIX)\s+(.*)$`)
	reOrgPlan    = regexp.MustCompile(`^(CLOSED|SCHEDULED|DEADLINE):`)
	reOrgDrawer  = regexp.MustCompile(`^:([A-Za-z_]+):\s*(.*)$`)
	reOrgTags    = regexp.MustCompile(`\s+:[A-Za-z0-9_@#%:]+:$`)
	reOrgDay     = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}) [A-Z][a-z]{1,2}\.?( |$)`)
)

// isOrg reports a document in Org-mode: two keyword lines ("#+TITLE:"),
// or a "* Heading" and a :PROPERTIES: drawer, in its first lines, or a
// "-*- mode: org -*-" line.
func isOrg(lines []string) bool {
	keywords, seen := 0, 0
	drawer, heading := false, false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if strings.Contains(t, "-*-") && strings.Contains(strings.ToLower(t), "mode: org") {
			return true
		}
		if reOrgKeyword.MatchString(t) {
			keywords++
		}
		drawer = drawer || t == ":PROPERTIES:"
		heading = heading || strings.HasPrefix(l, "* ")
		if seen++; seen >= 12 {
			break
		}
	}
	// Two "#+KEY:" lines, or a heading with a properties drawer.
	return keywords >= 2 || drawer && heading
}

// orgLines rewrites Org-mode lines (see isOrg) into plain text: keyword
// lines become "Key: value" lines ("#+PROPERTY: team Identity & Access"
// is "team: Identity & Access") and the title, "* Heading" an underlined
// heading, "** TODO X" / "** DONE X" a checklist item, a heading that
// starts with a time or date a timeline line holding its body, and
// planning lines and drawers are dropped (a drawer's "Key: value"
// properties kept). It returns the lines and the title.
func orgLines(lines []string) ([]string, string) {
	out := make([]string, 0, len(lines)+16)
	title := ""
	inDrawer := false
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		t := strings.TrimSpace(raw)
		if m := reOrgKeyword.FindStringSubmatch(t); m != nil && raw == t {
			key, val := strings.ToLower(m[1]), strings.TrimSpace(m[2])
			switch key {
			case "title":
				title = val
			case "property":
				if k, v, ok := strings.Cut(val, " "); ok {
					out = append(out, k+": "+strings.TrimSpace(v))
				}
			case "author", "date", "email":
				out = append(out, key+": "+orgTimestamp(val))
			default:
				if metaKey(key) != "" {
					out = append(out, key+": "+val)
				}
			}
			continue
		}
		if t == ":PROPERTIES:" || (inDrawer && t == ":END:") {
			inDrawer = t == ":PROPERTIES:"
			continue
		}
		if inDrawer {
			if m := reOrgDrawer.FindStringSubmatch(t); m != nil && m[2] != "" {
				v := m[2]
				if len(v) > 1 && (v[0] == '[' || v[0] == '<') && isDigitByte(v[1]) {
					v = orgTimestamp(v) // ":IMPACT_START: [2024-04-16 Tue 10:12]"
				}
				out = append(out, strings.ToLower(m[1])+": "+v)
			}
			continue
		}
		if reOrgPlan.MatchString(t) {
			continue
		}
		m := reOrgHeading.FindStringSubmatch(raw)
		if m == nil {
			out = append(out, raw)
			continue
		}
		level, text := len(m[1]), strings.TrimSpace(reOrgTags.ReplaceAllString(m[2], ""))
		if td := reOrgTodo.FindStringSubmatch(text); td != nil {
			box := "[ ] "
			if td[1] == "DONE" {
				box = "[x] "
			}
			out = append(out, "- "+box+td[2])
			continue
		}
		if _, _, ok := leadingStamp(orgTimestamp(text)); ok && level > 1 {
			// A timeline entry: the stamp heading and its body on one line.
			entry := orgTimestamp(text)
			for i+1 < len(lines) && !reOrgHeading.MatchString(lines[i+1]) {
				if b := strings.TrimSpace(lines[i+1]); b != "" && !reOrgPlan.MatchString(b) {
					entry += " " + b
				} else if b == "" {
					break
				}
				i++
			}
			out = append(out, entry)
			continue
		}
		underline := "---"
		if level == 1 {
			underline = "==="
		}
		out = append(out, "", text, strings.Repeat(underline[:1], max(3, len(text))), "")
	}
	return out, title
}

// orgTimestamp drops the brackets and the day name of an Org timestamp
// ("<2024-07-24 Wed>" is 2024-07-24, "2024-07-22 Mon 08:10 NZST" is
// 2024-07-22 08:10 NZST).
func orgTimestamp(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2 && (s[0] == '<' && s[len(s)-1] == '>' || s[0] == '[' && s[len(s)-1] == ']') {
		s = s[1 : len(s)-1]
	}
	return reOrgDay.ReplaceAllString(s, "$1$2")
}
