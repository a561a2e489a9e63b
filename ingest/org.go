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
	inTask := false // under a TODO/DONE heading: its bullets are the task's details
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		t := strings.TrimSpace(raw)
		if inTask && !reOrgHeading.MatchString(raw) && (strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "+ ")) {
			raw = "    " + t
		}
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
			if l, ok := orgProperty(t); ok {
				out = append(out, l)
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
		if lines, task, ok := orgTask(text); ok {
			out = append(out, lines...)
			inTask = task
			continue
		}
		inTask = false
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

// orgProperty rewrites a line of a :PROPERTIES: drawer as a "key: value"
// line, with its timestamps as plain dates; a time range under an impact
// key is the impact window.
func orgProperty(t string) (string, bool) {
	m := reOrgDrawer.FindStringSubmatch(t)
	if m == nil || m[2] == "" {
		return "", false
	}
	k, v := strings.ToLower(m[1]), m[2]
	if a, b, ok := orgRange(v); ok {
		// ":CUSTOMER_IMPACT: [2024-09-05 Thu 07:22]--[2024-09-05 Thu 09:05]"
		v = a + " to " + b
		if strings.Contains(k, "impact") || strings.Contains(k, "outage") {
			k = "impact window"
		}
	} else if len(v) > 1 && (v[0] == '[' || v[0] == '<') && isDigitByte(v[1]) {
		v = orgTimestamp(v) // ":IMPACT_START: [2024-04-16 Tue 10:12]"
	}
	return k + ": " + v, true
}

// orgTask rewrites a task heading ("TODO X", "DONE X", "IN-PROGRESS X")
// as a checklist item (task true: the bullets under it are its details);
// a dropped task ("CANCELLED X") is a note, not an item. ok is false for
// other headings.
func orgTask(text string) (lines []string, task, ok bool) {
	td := reOrgTodo.FindStringSubmatch(text)
	if td == nil && strings.HasPrefix(text, "IN-PROGRESS ") {
		td = []string{text, "IN-PROGRESS", strings.TrimPrefix(text, "IN-PROGRESS ")}
	}
	if td == nil {
		return nil, false, false
	}
	switch td[1] {
	case "CANCELLED", "CANCELED", "WONTFIX":
		return []string{"", td[1] + ": " + td[2], ""}, false, true
	case "DONE":
		return []string{"- [x] " + td[2]}, true, true
	}
	return []string{"- [ ] " + td[2]}, true, true
}

// orgRange splits an Org time range ("[2024-09-05 Thu 07:22]--[2024-09-05
// Thu 09:05]") into its two timestamps, brackets and day names dropped.
func orgRange(v string) (string, string, bool) {
	for _, sep := range []string{"]--[", ">--<"} {
		if a, b, ok := strings.Cut(strings.TrimSpace(v), sep); ok && len(a) > 1 && len(b) > 1 {
			return orgTimestamp(a + sep[:1]), orgTimestamp(sep[3:] + b), true
		}
	}
	return "", "", false
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
