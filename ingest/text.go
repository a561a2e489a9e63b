package ingest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/debrief-dev/debrief/model"
)

// parseText lowers plain text. Headings are underlined lines (=== / ---),
// short ALL-CAPS lines, and short lines that name a known section
// ("What Happened", "Action Items") standing on their own. Lines starting
// with "-", "*", "•", "1." or an arrow ("->", "=>", "→") are list items;
// lines starting with a time or date are timeline entries whose indented
// continuation lines follow.
//
// The pdftotext -layout shape of PagerDuty postmortem exports (a title
// line, "Status: ...", a two-column header with OWNER OF REVIEW PROCESS /
// IMPACT TIME / DURATION on the right) is recognised: the right column is
// read as metadata and removed from the text.
func parseText(src string) *rawDoc {
	doc := &rawDoc{format: model.FormatText, fields: newFields(), firstLineOK: true, plainLines: true}
	src = strings.ReplaceAll(src, "\f", "\n")
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		lines[i] = dotLeader(strings.TrimRight(strings.ReplaceAll(tabField(l), "\t", "    "), " "))
	}
	lines = dropPageFooters(lines)
	if isOrg(lines) {
		lines, doc.title = orgLines(lines)
	}
	lines = unquote(lines)
	lines = formGrid(lines)
	if isPagerDutyLayout(lines) {
		lines = dedent(lines)
		// The title is the line above "Status: ..." (a browser print
		// header may come first).
		for i := 1; i < len(lines) && i < 20; i++ {
			if strings.HasPrefix(strings.TrimSpace(lines[i]), "Status:") {
				for j := i - 1; j >= 0; j-- {
					if t := strings.TrimSpace(lines[j]); t != "" {
						doc.title = t
						for k := 0; k <= j; k++ {
							lines[k] = ""
						}
						break
					}
				}
				doc.fields.set(mStatus, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[i]), "Status:")))
				lines[i] = ""
				break
			}
		}
		lines = pagerDutyColumns(lines, doc)
	}
	// Title: the first non-empty line, unless it is a section heading.
	for i, l := range lines {
		if doc.title != "" {
			break
		}
		t := strings.TrimSpace(l)
		if t == "" || isUnderline(t, "") {
			continue // a printout's rule line above its banner is no title
		}
		if classifyHeading(t) == "" && len(t) < 200 {
			if m := rePageMark.FindStringIndex(t); m != nil && m[0] > 0 {
				t = t[:m[0]] // "TASMAN TELECOM - OSS FAULT MANAGEMENT      PAGE 1 OF 3"
			}
			doc.title = t
			lines[i] = ""
			// An underline under the title goes with it.
			if i+1 < len(lines) && isUnderline(lines[i+1], t) {
				lines[i+1] = ""
			}
		}
		break
	}
	doc.blocks = textBlocks(splitMetaColumns(dotLeaderFields(lines)), doc)
	return doc
}

// rePageMark matches a printout's page number after a banner's text.
var rePageMark = regexp.MustCompile(`(?i)\s{2,}page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$`)

// rePageFooter matches a printed page's number on a line of its own
// ("Page 2 of 3", "- 4 -", "Page 7").
var rePageFooter = regexp.MustCompile(`(?i)^\s*(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|-\s*\d{1,4}\s*-)\s*$`)

// dropPageFooters removes the page numbers a printout puts on lines of
// their own, so that a paragraph broken by a page ends up whole.
func dropPageFooters(lines []string) []string {
	out := lines[:0]
	for _, l := range lines {
		if len(l) < 160 && rePageFooter.MatchString(l) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// formGrid rewrites the field grid of a ticket printout, where keys and
// values stand in aligned columns without colons ("Assignment group
// Payments - DD Platform   Opened by   Aled Morgan"; a long value may run
// into the next key with a single space), as one "Key: value" line per
// field. The grid is a run of at least three lines near the top whose
// cells (split at two or more spaces) fall into two or four columns, with
// at least a third of the keys known ones; the columns are where most of its
// four-cell lines start their cells. Other lines are returned as they are.
func formGrid(lines []string) []string {
	limit := min(len(lines), 60)
	for i := 0; i < limit; i++ {
		j := i
		for j < limit && gridLine(lines[j]) {
			j++
		}
		if j-i >= 3 {
			if out, ok := rewriteGrid(lines, i, j); ok {
				return out
			}
		}
		i = j
	}
	return lines
}

// gridLine reports a line of two or four cells whose first starts the
// line.
func gridLine(l string) bool {
	if l == "" || l[0] == ' ' || strings.Contains(l, ": ") {
		return false
	}
	n := len(lineCells(l, "  "))
	return n == 2 || n == 3 || n == 4
}

// rewriteGrid rewrites lines[from:to] as fields, when their keys are
// known often enough and the columns can be placed.
func rewriteGrid(lines []string, from, to int) ([]string, bool) {
	starts := map[[2]int]int{}
	for _, l := range lines[from:to] {
		if c := lineCells(l, "  "); len(c) == 4 {
			starts[[2]int{c[1].at, c[2].at}]++
		}
	}
	var cols [2]int
	best := 0
	for k, n := range starts {
		if n > best || n == best && k[0] < cols[0] {
			cols, best = k, n
		}
	}
	if best < 2 {
		return nil, false
	}
	var fieldsOut []string
	known, keys := 0, 0
	for _, l := range lines[from:to] {
		c := lineCells(l, "  ")
		k2 := cols[1]
		if len(l) <= k2 || l[k2-1] != ' ' || l[k2] == ' ' {
			k2 = len(l) // no second field on this line
		}
		pairs := [][2]string{{strings.TrimSpace(l[:min(cols[0], len(l))]), strings.TrimSpace(l[min(cols[0], len(l)):k2])}}
		if k2 < len(l) {
			rest := l[k2:]
			kc := lineCells(rest, "  ")
			if len(kc) >= 2 {
				pairs = append(pairs, [2]string{kc[0].text, strings.TrimSpace(rest[kc[1].at:])})
			} else {
				pairs = append(pairs, [2]string{kc[0].text, ""})
			}
		}
		if c[0].at != 0 || c[0].text != pairs[0][0] {
			return nil, false // the first key runs into the value column
		}
		for _, p := range pairs {
			keys++
			if metaKey(p[0]) != "" || ownerKeys[normalizeKey(p[0])] {
				known++
			}
			if p[1] != "" {
				fieldsOut = append(fieldsOut, p[0]+": "+p[1])
			}
		}
	}
	if known*3 < keys {
		return nil, false
	}
	out := make([]string, 0, len(lines)+len(fieldsOut))
	out = append(out, lines[:from]...)
	out = append(out, fieldsOut...)
	return append(out, lines[to:]...), true
}

// tabField rewrites a tab-separated field row ("Owning team<TAB>Payments",
// a document's table exported as text) as "Owning team: Payments" when
// its first cell is a metadata or owner key; other lines are returned as
// they are.
func tabField(l string) string {
	i := strings.IndexByte(l, '\t')
	if i <= 0 {
		return l
	}
	k, v := strings.TrimSpace(l[:i]), strings.Join(strings.Fields(l[i:]), " ")
	if v == "" || strings.Contains(k, ":") || len(k) > 40 || metaKey(k) == "" && !ownerKeys[normalizeKey(k)] {
		return l
	}
	return k + ": " + v
}

// dotLeader rewrites a form line with a dot leader ("Team ....... Core",
// "Severity.....: SEV2") as "Team: Core" when the key is a known one;
// other lines are returned as they are.
func dotLeader(l string) string {
	i := strings.Index(l, "...")
	if i <= 0 || i > 40 {
		return l
	}
	j := i
	for j < len(l) && (l[j] == '.' || l[j] == ' ' || l[j] == ':') {
		j++
	}
	key := strings.TrimSpace(l[:i])
	// A dot leader is a form's field ("CUSTOMER IMPACT ..... 23:12 UTC"):
	// known keys, and any short one written in capitals.
	if j == len(l) || key == "" || metaAliases[normalizeKey(key)] == "" && !windowKeys[normalizeKey(key)] &&
		!(isAllCaps(key) && wordCount(key) <= 4) {
		return l
	}
	indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
	return indent + key + ": " + l[j:]
}

// isMetaText reports a "Key: value" line of a known key.
func isMetaText(t string) bool {
	if strings.IndexByte(t, ':') < 0 {
		return false
	}
	k, v, ok := splitLabel(t)
	return ok && v != "" && metaKey(k) != ""
}

// splitMetaColumns puts each "Key: value" of a line that holds several,
// in columns ("Team: Data Platform      Severity: SEV2"), on a line of
// its own.
func splitMetaColumns(lines []string) []string {
	var out []string
	for i, l := range lines {
		cols := formColumns(l)
		if cols == nil {
			cols = splitColumns(l)
		}
		if len(cols) < 2 || !allMetaLines(cols) && formColumns(l) == nil {
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(lines)+4), lines[:i]...)
		}
		out = append(out, cols...)
	}
	if out == nil {
		return lines
	}
	return out
}

// reDotLeader matches a printed form's numbered field with a dot leader:
// " 3. Event title .................. Stale CAD/USD rates", and the
// second line of a wrapped label: "    for root cause and actions) .. X".
var (
	reDotLeader     = regexp.MustCompile(`^\s*(?:\d{1,2}\.\s+)?([A-Za-z][^.]*?)\s+\.{2,}\s+(\S.*)$`)
	reNumberedLabel = regexp.MustCompile(`^\s*\d{1,2}\.\s+([A-Za-z][^.:]*)$`)
)

// dotLeaderFields rewrites a form's dot-leader fields as "Key: value"
// lines that the per-line dotLeader, which parseText applies first and
// which takes known or capitalised keys only, leaves: numbered fields of
// any key, a label wrapped over two lines joined, its remark in
// parentheses dropped ("Owning team (accountable for root cause and
// actions) .. Treasury Systems" is "Owning team: Treasury Systems").
// Documents without such lines are returned as they are.
func dotLeaderFields(lines []string) []string {
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !strings.Contains(l, "..") {
			// A label wrapped onto a deeper line that ends in the leader:
			// " 5. Owning team (accountable" / "    for ...) .. Treasury".
			label := strings.TrimSpace(l)
			if m := reNumberedLabel.FindStringSubmatch(l); m != nil {
				label = strings.TrimSpace(m[1])
			}
			if i+1 < len(lines) && strings.Contains(lines[i+1], "..") && label != "" && wordCount(label) <= 10 && indentOf(lines[i+1]) > indentOf(l) {
				if n := reDotLeader.FindStringSubmatch(lines[i+1]); n != nil {
					out = appendField(out, lines, i, label+" "+n[1], n[2])
					i++
					continue
				}
			}
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		m := reDotLeader.FindStringSubmatch(l)
		if m == nil || wordCount(m[1]) > 8 {
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		out = appendField(out, lines, i, m[1], m[2])
	}
	if out == nil {
		return lines
	}
	return out
}

// appendField appends "key: value" for the form field at lines[i], the
// lines before it first when it is the first field rewritten.
func appendField(out, lines []string, i int, key, value string) []string {
	if out == nil {
		out = append(make([]string, 0, len(lines)+4), lines[:i]...)
	}
	if j := strings.IndexByte(key, '('); j > 0 {
		key = strings.TrimSpace(key[:j])
	}
	return append(out, key+": "+strings.TrimSpace(value))
}

// reFormKey matches a key of a printed form's fixed-width field grid at
// the line's start or after a gap: "TICKET NO     :", "SUPPORT GRP:".
var reFormKey = regexp.MustCompile(`(?:^\s*|\s{2,})([A-Z][A-Z0-9./()&-]*(?: [A-Z0-9./()&-]+){0,3})\s*:(?:\s|$)`)

// formColumns splits a line of a printed form's field grid, upper-case
// keys with padded colons and values side by side ("TICKET NO     :
// TT-55018                  PARENT     : MAJ-238"), into "KEY: value"
// columns; nil when the line is not one (fewer than two keys, or a first
// key that does not open the line).
func formColumns(l string) []string {
	if strings.Count(l, ":") < 2 || !strings.Contains(l, "  ") {
		return nil
	}
	locs := reFormKey.FindAllStringSubmatchIndex(l, -1)
	if len(locs) < 2 || strings.TrimSpace(l[:locs[0][2]]) != "" {
		return nil
	}
	cols := make([]string, 0, len(locs))
	for i, loc := range locs {
		end := len(l)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		v := strings.TrimSpace(l[loc[1]:end])
		if v == "" {
			return nil
		}
		cols = append(cols, l[loc[2]:loc[3]]+": "+v)
	}
	return cols
}

// allMetaLines reports whether every column is a "Key: value" of a known
// key.
func allMetaLines(cols []string) bool {
	for _, c := range cols {
		k, v, ok := splitLabel(c)
		if !ok || v == "" || metaKey(k) == "" {
			return false
		}
	}
	return true
}

// isPagerDutyLayout recognises the PagerDuty export printed by
// pdftotext -layout.
func isPagerDutyLayout(lines []string) bool {
	n := 0
	for i, l := range lines {
		if i > 60 {
			break
		}
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "Status:") && i < 4 {
			n++
		}
		if strings.Contains(l, "OWNER OF REVIEW PROCESS") || strings.Contains(l, "IMPACT TIME") ||
			strings.Contains(l, "All times listed in this report are in") {
			n++
		}
	}
	return n >= 2
}

// pagerDutyColumns splits the two-column header of a PagerDuty export:
// text starting at or beyond the right column (after a gap of 3+ spaces)
// is sidebar metadata. The sidebar is recorded into doc.fields and the
// left column is returned.
func pagerDutyColumns(lines []string, doc *rawDoc) []string {
	col := 0
	for _, l := range lines {
		for _, marker := range []string{"OWNER OF REVIEW PROCESS", "IMPACT TIME", "DURATION"} {
			if i := strings.Index(l, marker); i > 30 && (col == 0 || i < col) {
				col = i
			}
		}
	}
	if col == 0 {
		return lines
	}
	// The header ends at the "Timeline" line.
	end := len(lines)
	for i, l := range lines {
		if strings.TrimSpace(l) == "Timeline" && i > 2 {
			end = i
			break
		}
	}
	var side []string
	drop := make([]bool, len(lines))
	out := make([]string, len(lines))
	copy(out, lines)
	for i := 0; i < end; i++ {
		l := lines[i]
		if len(l) <= col-2 {
			side = append(side, "")
			continue
		}
		// Find the split: a run of 3+ spaces ending at or after col-8, or
		// a line indented past the column.
		split := -1
		lead := indentOf(l)
		if lead >= col-8 {
			split = lead
		} else {
			for j := col - 8; j < len(l) && j >= 3; j++ {
				if l[j] != ' ' && l[j-1] == ' ' && l[j-2] == ' ' && l[j-3] == ' ' {
					split = j
					break
				}
			}
		}
		if split < 0 {
			side = append(side, "")
			continue
		}
		side = append(side, strings.TrimSpace(l[split:]))
		out[i] = strings.TrimRight(l[:split], " ")
		if out[i] == "" {
			drop[i] = true // a sidebar-only line must not split a paragraph
		}
	}
	readSidebar(side, doc)
	// Drop a sidebar-only line inside a paragraph (text above and below,
	// and the line below is not a heading); elsewhere it stays blank.
	kept := make([]string, 0, len(out))
	for i, l := range out {
		if drop[i] && i > 0 && i+1 < len(out) && strings.TrimSpace(out[i-1]) != "" {
			next := strings.TrimSpace(out[i+1])
			if next != "" && (classifyHeading(next) == "" || len(next) > 50) {
				continue
			}
		}
		kept = append(kept, l)
	}
	return kept
}

// readSidebar reads KEY lines (ALL CAPS) followed by value lines.
func readSidebar(side []string, doc *rawDoc) {
	key := ""
	var val []string
	flush := func() {
		if key != "" && len(val) > 0 {
			v := strings.Join(val, " ")
			if c := metaKey(key); c != "" {
				doc.fields.set(c, v)
			}
		}
		key, val = "", nil
	}
	for i := 0; i < len(side); i++ {
		s := side[i]
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, "*All times") || strings.HasPrefix(s, "All times") {
			flush()
			hint := strings.TrimPrefix(s, "*")
			for j := i + 1; j < len(side) && j < i+3 && side[j] != ""; j++ {
				hint += " " + side[j]
				i = j
			}
			if k := strings.Index(hint, " in "); k >= 0 {
				doc.tz = strings.Trim(strings.TrimSpace(hint[k+4:]), ".")
				if loc, ok := findZoneHint("times in " + doc.tz); ok {
					doc.tz = loc.String()
				}
			}
			continue
		}
		if isAllCaps(s) {
			flush()
			key = s
			continue
		}
		val = append(val, s)
	}
	flush()
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func isUnderline(line, above string) bool {
	t := strings.TrimSpace(line)
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '=' && c != '-' && c != '~' && c != '*' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != c {
			return false
		}
	}
	return len(t)*2 >= len(strings.TrimSpace(above))
}

// reFencedHeading matches a heading set between rule characters, as
// plain-text reports and logs write them: "--- follow-ups -------",
// "== Timeline ==", "*** ROOT CAUSE ***".
var reFencedHeading = regexp.MustCompile(`^[-=~*#_]{2,}\s+([^-=~*#_\s].{0,78}?)\s+[-=~*#_]{2,}$`)

// fencedHeading returns the title of a heading between rule characters.
func fencedHeading(t string) (string, bool) {
	if len(t) > 160 || (t[0] != '-' && t[0] != '=' && t[0] != '~' && t[0] != '*' && t[0] != '#' && t[0] != '_') {
		return "", false
	}
	m := reFencedHeading.FindStringSubmatch(t)
	if m == nil {
		return "", false
	}
	return strings.TrimRight(m[1], " :"), true
}

// reNumberedHead matches a section number and the title after it ("8.
// OPTIONS CONSIDERED", "4.2 CHRONOLOGY").
var reNumberedHead = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,2})*\.?\s+([^\d\s].*)$`)

// reRelatedList matches the heading a ServiceNow printout gives a record's
// related list: "Related list: Problem Tasks for PRB-00588   5 records".
var reRelatedList = regexp.MustCompile(`(?i)^related list\s*:\s*(.+?)(?:\s{2,}\d+\s+records?)?$`)

// relatedListHeading returns the title of a related list's heading.
func relatedListHeading(t string) (string, bool) {
	if len(t) > 120 || !strings.HasPrefix(strings.ToLower(t), "related list") {
		return "", false
	}
	m := reRelatedList.FindStringSubmatch(t)
	if m == nil {
		return "", false
	}
	h := m[1]
	if i := strings.Index(strings.ToLower(h), " for "); i > 0 {
		h = h[:i] // "Problem Tasks for PRB-00588"
	}
	return strings.TrimSpace(h), true
}

// textHeading reports whether a line (with its neighbours) is a heading
// and its level.
func textHeading(lines []string, i int) (int, bool) {
	t := strings.TrimSpace(lines[i])
	if t == "" || len(t) > 80 {
		return 0, false
	}
	if i+1 < len(lines) && isUnderline(lines[i+1], t) && !isUnderline(lines[i], "") && !isFieldLine(t) &&
		!strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ".)") {
		if strings.TrimSpace(lines[i+1])[0] == '=' {
			return 1, true
		}
		return 2, true
	}
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "•") {
		return 0, false
	}
	prevBlank := i == 0 || strings.TrimSpace(lines[i-1]) == ""
	if isAllCaps(t) && isMetaText(t) {
		return 0, false // "TEAM: BILLING" is a metadata line
	}
	// "NEXT STEPS (agreed at PIR, Thu 18 Jul)": an ALL-CAPS heading with
	// an aside.
	caps := t
	if i := strings.Index(t, " ("); i >= 4 && strings.HasSuffix(t, ")") {
		caps = t[:i]
	}
	if isAllCaps(caps) && !strings.HasSuffix(t, ".") && len(caps) <= 60 && len(t) <= 90 && prevBlank && !hasDigit(t[:1]) {
		if _, _, ok := leadingStamp(t); !ok {
			return 2, true
		}
	}
	// "8. OPTIONS CONSIDERED AND NOT ADOPTED": a numbered ALL-CAPS heading
	// of a formal report, set apart by blank lines.
	// "21. Actions (each must have an owner and a target date)": a
	// numbered form question of a known kind, set apart by blank lines.
	if m := reNumberedHead.FindStringSubmatch(t); m != nil && prevBlank && len(t) <= 90 && !strings.HasSuffix(t, ".") &&
		i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "" && classifyHeading(m[1]) != "" && !strings.HasSuffix(t, "?") {
		return 2, true
	}
	// "18.  DECLARATION" over its indented body counts too.
	if m := reNumberedHead.FindStringSubmatch(t); m != nil && prevBlank && isAllCaps(m[1]) && len(t) <= 72 &&
		(i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == "" || indentOf(lines[i+1]) > indentOf(lines[i])) {
		return 2, true
	}
	// "What we're doing to stop this happening again": a longer heading
	// when a blank line follows and no punctuation ends it.
	nextBlank := i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == ""
	// ... or its body indented under it: "Action items (agreed at the end
	// of the bridge)" over "  AI-1  Connector ...".
	nextIndented := i+1 < len(lines) && indentOf(lines[i+1]) > indentOf(lines[i]) && strings.TrimSpace(lines[i+1]) != "" &&
		!strings.Contains(t, "  ") && !strings.ContainsAny(t, ";:") // not a row of columns
	long := (nextBlank || nextIndented) && len(t) <= 72 && wordCount(t) <= 10 && !strings.ContainsAny(t[len(t)-1:], ".,;!?")
	if prevBlank && lines[i] == strings.TrimLeft(lines[i], " ") && classifyHeading(t) != "" &&
		(len(t) <= 50 && wordCount(t) <= 7 || long) && !strings.HasSuffix(t, ".") && !opensWithStamp(t) &&
		!(isFieldLine(t) && metaKey(strings.SplitN(t, ":", 2)[0]) != "") {
		nextBlankOrContent := i+1 >= len(lines) || !strings.HasSuffix(t, ",")
		if nextBlankOrContent {
			return 2, true
		}
	}
	return 0, false
}

// indentOf is the number of spaces a line opens with.
func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// isFieldLine reports a "key: value" line ("OWNER     : fleet-telematics",
// "clock : UTC throughout"): a field in a boxed header, not a heading
// above the rule that closes the box.
func isFieldLine(t string) bool {
	k, v, ok := splitLabel(t)
	return ok && v != "" && wordCount(k) <= 3
}

// wrapsIntoStamp reports a paragraph line prev whose sentence goes on
// into the line t that opens with the stamp m: prev ends with a word
// such as "until" or "from", or the stamp is followed by a comma.
func wrapsIntoStamp(prev, t string, m dateMatch) bool {
	prev = strings.TrimRight(prev, " ")
	if prev == "" || strings.ContainsAny(prev[len(prev)-1:], ".:!?;") {
		return false
	}
	if m.end < len(t) && t[m.end] == ',' {
		return true
	}
	last := prev[strings.LastIndexAny(prev, " (")+1:]
	switch strings.ToLower(last) {
	case "until", "till", "to", "from", "at", "between", "and", "since", "by", "around", "about", "before", "after":
		return true
	}
	return false
}

// opensWithStamp reports a line that opens with a time or date, bare or
// in brackets ("[09:00 AM] ana: follow-ups:"): a log or chat line, not a
// heading.
func opensWithStamp(t string) bool {
	_, _, ok := leadingStamp(strings.TrimPrefix(t, "["))
	return ok
}

// unquote strips the "> " quote markers of a forwarded or quoted e-mail
// when more than a third of the non-empty lines carry one; other texts
// are returned as they are.
func unquote(lines []string) []string {
	quoted, nonEmpty := 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		nonEmpty++
		if strings.HasPrefix(t, ">") {
			quoted++
		}
	}
	if nonEmpty == 0 || quoted*3 <= nonEmpty {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		for strings.HasPrefix(t, ">") {
			t = strings.TrimPrefix(strings.TrimPrefix(t, ">"), " ")
		}
		if t != strings.TrimLeft(l, " ") {
			out[i] = t
		} else {
			out[i] = l
		}
	}
	return out
}

// textBlocks groups lines into blocks.
func textBlocks(lines []string, _ *rawDoc) []block {
	tb := &textBuilder{lines: lines}
	for i := 0; i < len(lines); i++ {
		i = tb.line(i)
	}
	tb.flushPara()
	tb.flushItem()
	return tb.out
}

// textBuilder is the state of textBlocks: the paragraph or list item
// being read.
type textBuilder struct {
	lines      []string
	out        []block
	para       []string
	item       *block
	itemIndent int
	stampItem  bool // item is a timeline entry (a line starting with a stamp)
	blankRun   int  // blank lines since the last text line
	tables     int  // column tables read so far
}

func (tb *textBuilder) flushPara() {
	if len(tb.para) == 0 {
		return
	}
	t := strings.TrimSpace(strings.Join(tb.para, "\n"))
	if t != "" {
		b := block{kind: bPara, text: t, checked: -1}
		if k, v, ok := splitLabel(t); ok && strings.IndexByte(t, '\n') < 0 {
			b.label, b.rest = k, v
		}
		tb.out = append(tb.out, b)
	}
	tb.para = nil
}

func (tb *textBuilder) flushItem() {
	if tb.item == nil {
		return
	}
	tb.item.text = collapseSpace(joinColumns(tb.item.text, tb.item.cells))
	tb.item.cells = nil
	if tb.item.text != "" {
		tb.out = append(tb.out, *tb.item)
	}
	tb.item = nil
	tb.stampItem = false
}

// afterHeading reports that the last line read was a heading.
func (tb *textBuilder) afterHeading() bool {
	return len(tb.para) == 0 && tb.item == nil && len(tb.out) > 0 && tb.out[len(tb.out)-1].kind == bHeading
}

// flush ends the paragraph and the item.
func (tb *textBuilder) flush() {
	tb.flushPara()
	tb.flushItem()
	tb.blankRun = 0
}

// line reads line i and returns the index of the last line it used.
func (tb *textBuilder) line(i int) int {
	lines := tb.lines
	raw := lines[i]
	t := strings.TrimSpace(raw)
	if t == "" {
		tb.flushPara()
		tb.blankRun++
		return i
	}
	indent := indentOf(raw)
	if isUnderline(raw, "x") && (i == 0 || strings.TrimSpace(lines[i-1]) == "" || tb.afterHeading()) {
		tb.flush() // a rule line on its own, or under a heading
		return i
	}
	if h, ok := fencedHeading(t); ok {
		tb.flush()
		tb.out = append(tb.out, block{kind: bHeading, level: 2, text: h, checked: -1})
		return i
	}
	if h, ok := relatedListHeading(t); ok {
		tb.flush()
		tb.out = append(tb.out, block{kind: bHeading, level: 2, text: h, checked: -1})
		return i
	}
	if lvl, ok := textHeading(lines, i); ok {
		tb.flush()
		tb.out = append(tb.out, block{kind: bHeading, level: lvl, text: strings.Trim(t, " =#:"), checked: -1})
		if i+1 < len(lines) && isUnderline(lines[i+1], t) {
			i++
		}
		return i
	}
	// Continuation of a timeline entry: indented text after the stamp
	// line, even across blank lines.
	if tb.item != nil && tb.stampItem && indent > tb.itemIndent+3 && tb.blankRun < 6 {
		tb.item.text += " " + t
		tb.blankRun = 0
		return i
	}
	if next, ok := tb.columnTable(i); ok {
		return next
	}
	if _, rest, ok := listMarker(t); ok {
		tb.flush()
		tb.item, tb.itemIndent = textItem(rest, indent), indent
		return i
	}
	if tb.stampLine(t, indent) {
		return i
	}
	if tb.item != nil && tb.blankRun == 0 && indent <= tb.itemIndent && !tb.stampItem && strings.HasSuffix(t, ":") &&
		len(t) < 40 && classifyHeading(t) != "" {
		// "Not doing:" under a list: a label, not the item's wrapped line.
		tb.flush()
		tb.out = append(tb.out, block{kind: bHeading, level: 3, text: strings.TrimSuffix(t, ":"), checked: -1})
		return i
	}
	if tb.item != nil && tb.blankRun == 0 && indent >= tb.itemIndent {
		tb.continueItem(t) // a wrapped line: at the item's indent or deeper
		return i
	}
	tb.flushItem()
	tb.para = append(tb.para, t)
	tb.blankRun = 0
	return i
}

// continueItem appends a wrapped line to the item. When the item's own
// line had no columns, columns on the wrapped line ("over half.   D.
// Weber   Open") are its fields: the wrapped item carries them on its
// last line.
func (tb *textBuilder) continueItem(t string) {
	if cols := splitColumns(t); len(cols) > 1 && len(tb.item.cells) == 0 && !tb.stampItem {
		tb.item.text += " " + cols[0]
		tb.item.cells = cols[1:]
		return
	}
	tb.item.text += " " + t
}

// stampLine starts a timeline entry at a line that starts with a time or
// a full date; a date alone heads the entries below.
func (tb *textBuilder) stampLine(t string, indent int) bool {
	m, rest, ok := leadingStamp(t)
	if !ok || (rest == "" && !isTimeOnly(t)) || indent >= 8 {
		return false
	}
	if !m.hasTime && (!m.hasDate || rest != "" && m.year == 0) {
		return false // a day and month with text after them: not a stamp
	}
	if n := len(tb.para); n > 0 && tb.blankRun == 0 && wrapsIntoStamp(tb.para[n-1], t, m) {
		// "... were visible from 14:20 until\n18:40, so around 4h20m": a
		// wrapped sentence, not a log line.
		return false
	}
	tb.flush()
	if m.hasDate && !m.hasTime && rest == "" {
		tb.out = append(tb.out, block{kind: bPara, text: t, checked: -1})
		return true
	}
	tb.item = &block{kind: bItem, text: t, checked: -1}
	tb.itemIndent = indent
	tb.stampItem = true
	return true
}

// textItem makes a list item of a line's text after its marker: a
// checkbox ("[ ]", "[x]") sets checked, and columns aligned with three or
// more spaces ("Fix the build   Hiroshi   open") are kept apart in cells
// so that wrapped lines of the first column join it before them.
func textItem(rest string, indent int) *block {
	level := 0
	if indent >= 2 {
		level = min(indent/2, 6)
	}
	item := &block{kind: bItem, level: level, text: rest, checked: -1}
	if strings.HasPrefix(rest, "[ ] ") || strings.HasPrefix(rest, "[] ") {
		item.checked, item.text = 0, strings.TrimSpace(rest[strings.IndexByte(rest, ']')+1:])
	} else if strings.HasPrefix(rest, "[x] ") || strings.HasPrefix(rest, "[X] ") {
		item.checked, item.text = 1, rest[4:]
	}
	if cols := splitColumns(item.text); len(cols) > 1 {
		item.text, item.cells = cols[0], cols[1:]
	}
	return item
}

// splitColumns splits a line at runs of three or more spaces.
func splitColumns(s string) []string {
	if !strings.Contains(s, "   ") {
		return nil
	}
	var cols []string
	for _, c := range strings.Split(s, "   ") {
		if c = strings.TrimSpace(c); c != "" {
			cols = append(cols, c)
		}
	}
	return cols
}

// joinColumns writes an item's first column and its other columns as
// "text — col — col", the shape cutFieldTail reads. Columns that already
// start with a dash ("- Hiroshi - open") keep it.
func joinColumns(text string, cols []string) string {
	if len(cols) == 0 {
		return text
	}
	var sb strings.Builder
	sb.WriteString(text)
	for _, c := range cols {
		c = strings.TrimSpace(strings.TrimLeft(c, "-–—|"))
		if c == "" {
			continue
		}
		sb.WriteString(" — ")
		sb.WriteString(c)
	}
	return sb.String()
}

func isTimeOnly(t string) bool {
	m, rest, ok := leadingStamp(t)
	return ok && rest == "" && (m.hasTime || m.hasDate)
}

// listMarker recognises "- x", "* x", "• x", "1. x", "1) x", and arrows
// ("-> x", "=> x", "→ x", also before a number: "-> 1. x").
func listMarker(t string) (string, string, bool) {
	for _, box := range []string{"[ ] ", "[x] ", "[X] ", "[] "} {
		if strings.HasPrefix(t, box) {
			return "", t, true
		}
	}
	for _, m := range []string{"-> ", "=> ", "→ "} {
		if strings.HasPrefix(t, m) {
			rest := strings.TrimSpace(t[len(m):])
			if n, text, ok := listMarker(rest); ok && n != "" && n[0] >= '0' && n[0] <= '9' {
				return m + n, text, true
			}
			return m, rest, true
		}
	}
	for _, m := range []string{"- ", "* ", "• ", "+ ", "‣ ", "◦ "} {
		if strings.HasPrefix(t, m) {
			return m, strings.TrimSpace(t[len(m):]), true
		}
	}
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' ' {
		return t[:i+1], strings.TrimSpace(t[i+2:]), true
	}
	// "(a) Mobile Core: revise ...", "(iv) ...": a lettered item of a
	// formal report.
	if m := reLetterMarker.FindString(t); m != "" {
		return strings.TrimSpace(m), strings.TrimSpace(t[len(m):]), true
	}
	return "", "", false
}

// reLetterMarker matches a lettered or roman-numbered list marker: "(a) ",
// "(iv) ".
var reLetterMarker = regexp.MustCompile(`^\((?:[a-z]|[ivx]{1,4})\) `)

// dedent removes the indentation most lines share (printed pages indent
// the whole body); lines indented less keep what they have.
func dedent(lines []string) []string {
	counts := map[int]int{}
	total := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		total++
		counts[indentOf(l)]++
	}
	best, bestN := 0, 0
	for ind, n := range counts {
		if n > bestN || (n == bestN && ind < best) {
			best, bestN = ind, n
		}
	}
	if best == 0 || bestN*3 < total {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		ind := indentOf(l)
		out[i] = l[min(ind, best):]
	}
	return out
}

// columnCell is a cell of a line of columns and where it starts.
type columnCell struct {
	at   int
	text string
}

// lineCells splits a line at runs of gap or more spaces, keeping where
// each cell starts.
func lineCells(l, gap string) []columnCell {
	var out []columnCell
	for i := 0; i < len(l); {
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if i >= len(l) {
			break
		}
		j := strings.Index(l[i:], gap)
		if j < 0 {
			j = len(l) - i
		}
		out = append(out, columnCell{i, strings.TrimSpace(l[i : i+j])})
		i += j
	}
	return out
}

// pipeCells splits a line at its pipes, keeping where each cell starts;
// the empty cells outside outer pipes ("| a | b |") are dropped.
func pipeCells(l string) []columnCell {
	var out []columnCell
	at := 0
	for _, part := range strings.Split(l, "|") {
		out = append(out, columnCell{at, strings.TrimSpace(part)})
		at += len(part) + 1
	}
	if len(out) > 0 && out[0].text == "" && strings.HasPrefix(strings.TrimSpace(l), "|") {
		out = out[1:]
	}
	if n := len(out); n > 0 && out[n-1].text == "" && strings.HasSuffix(strings.TrimSpace(l), "|") {
		out = out[:n-1]
	}
	return out
}

// actionHeader reports a header line of at least two cells that all name
// action-item columns.
// splitAtColumns splits a cell that runs across a header column's start
// at that start, where the line has a space just before it: "DATA-1402
// Alert on broker disk" under "Key       Summary" is two cells.
func splitAtColumns(cells []columnCell, head []columnCell) []columnCell {
	var out []columnCell
	for _, c := range cells {
		for k := 1; k < len(head); k++ {
			cut := head[k].at - c.at
			if cut <= 0 || cut >= len(c.text) {
				continue
			}
			if c.text[cut-1] != ' ' || c.text[cut] == ' ' {
				continue
			}
			out = append(out, columnCell{c.at, strings.TrimSpace(c.text[:cut])})
			c = columnCell{head[k].at, c.text[cut:]}
		}
		out = append(out, c)
	}
	return out
}

// nonEmpty counts the non-empty strings of row.
func nonEmpty(row []string) int {
	n := 0
	for _, c := range row {
		if c != "" {
			n++
		}
	}
	return n
}

func actionHeader(head []columnCell) bool {
	names := make([]string, len(head))
	for k, c := range head {
		names[k] = c.text
	}
	return allActionColumns(names)
}

// tableRow splits a row line of a column table into the header's
// columns: at its pipes when the table is piped, else at runs of spaces,
// each cell under the column it starts in. It returns the row and, for
// space-aligned tables, the cells as found.
func tableRow(l string, head []columnCell, piped bool) ([]string, []columnCell) {
	row := make([]string, len(head))
	if piped {
		for k, c := range pipeCells(l) {
			if k < len(row) {
				row[k] = c.text
			} else {
				row[len(row)-1] = strings.TrimSpace(row[len(row)-1] + " " + c.text)
			}
		}
		return row, []columnCell{{head[0].at, row[0]}}
	}
	cells := splitAtColumns(lineCells(l, "  "), head) // rows may be packed tighter
	used := -1
	for _, c := range cells {
		k := 0
		for k+1 < len(head) && c.at >= head[k+1].at-2 {
			k++
		}
		if k <= used && used+1 < len(head) {
			k = used + 1 // a second cell under one column belongs to the next ("Bo Li  done")
		}
		used = k
		row[k] = strings.TrimSpace(row[k] + " " + c.text)
	}
	return row, cells
}

// ruledCells splits a header line at the columns the rule line under it
// marks with runs of dashes ("--- -------- -----"); nil when rule is no
// such line or marks fewer than two columns.
func ruledCells(header, rule string) []columnCell {
	if strings.Trim(rule, "- ") != "" || !strings.Contains(rule, "-") {
		return nil
	}
	var out []columnCell
	for _, c := range lineCells(rule, " ") {
		start, end := c.at, min(len(header), c.at+len(c.text))
		if start >= len(header) {
			break
		}
		out = append(out, columnCell{start, strings.TrimSpace(header[start:end])})
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// columnTable reads a plain-text table of follow-ups at line i: a header
// line whose cells all name action-item columns ("Item   Owner   Status"),
// an optional rule line ("----   -----"), then rows up to a blank line. A
// line with text only under the first column continues the row above
// (a wrapped item). It returns the index of the last line used.
func (tb *textBuilder) columnTable(i int) (int, bool) {
	// " #  | Action   | Owner": columns between pipes, a cell per pipe.
	piped := strings.Contains(tb.lines[i], "|")
	head := pipeCells(tb.lines[i])
	if !piped || !actionHeader(head) {
		piped = false
		if head = lineCells(tb.lines[i], "   "); !actionHeader(head) {
			// "No.  Action    Owner": pdftotext may keep only two spaces.
			if head = lineCells(tb.lines[i], "  "); !actionHeader(head) {
				// "No. Action   Owner" over "--- ------   -----": the rule
				// under the header marks the columns.
				if i+1 >= len(tb.lines) {
					return i, false
				}
				if head = ruledCells(tb.lines[i], tb.lines[i+1]); !actionHeader(head) {
					return i, false
				}
			}
		}
	}
	// A first column of numbers or ticket keys is filled on every row: a
	// line without it continues the row above.
	numbered := actionColumns[normalizeKey(head[0].text)] == "id" || actionColumns[normalizeKey(head[0].text)] == "ticket"
	tb.flush()
	tb.tables++
	names := make([]string, len(head))
	for k, c := range head {
		names[k] = c.text
	}
	tb.out = append(tb.out, block{kind: bRow, header: true, table: tb.tables, cells: names,
		text: strings.Join(names, " | "), checked: -1})
	j := i + 1
	for ; j < len(tb.lines) && strings.TrimSpace(tb.lines[j]) != ""; j++ {
		if strings.Trim(strings.ReplaceAll(tb.lines[j], " ", ""), "-=+|:") == "" {
			if !piped && !strings.ContainsAny(tb.lines[j], "+|") && !tb.out[len(tb.out)-1].header {
				break // a plain rule after the rows closes the table
			}
			continue // the rule under the header
		}
		row, cells := tableRow(tb.lines[j], head, piped)
		last := len(tb.out) - 1
		// A line without the first column continues each cell of the row
		// above: a numbered table wraps every column, and "DATA-1403 CHG
		// review: ... from   Open" wraps under its summary column.
		if row[0] == "" && (numbered || nonEmpty(row) == 1) && !tb.out[last].header {
			prev := &tb.out[last]
			for k := range row {
				if row[k] != "" {
					prev.cells[k] = strings.TrimSpace(prev.cells[k] + " " + row[k])
				}
			}
			prev.text = strings.Join(prev.cells, " | ")
			continue
		}
		if cont := row[0] != "" && strings.Join(row[1:], "") == "" && cells[0].at > head[0].at; cont && !tb.out[last].header {
			prev := &tb.out[last]
			prev.cells[0] += " " + row[0]
			prev.text = strings.Join(prev.cells, " | ")
			continue
		}
		tb.out = append(tb.out, block{kind: bRow, table: tb.tables, cells: row, text: strings.Join(row, " | "), checked: -1})
	}
	return j - 1, true
}
