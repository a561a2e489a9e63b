package ingest

import (
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/nlp"
)

// section is a section being built: its heading and the blocks under it
// (sub-headings that name no kind of their own are merged in).
type section struct {
	kind    string
	heading string
	level   int
	blocks  []block
}

// promotePseudoHeadings turns bold-labelled list items and paragraphs
// that name a section kind ("- **Key events**", "- **Resolution**: ...",
// "**What happened?**") into headings, so the moj-style postmortems that
// are one big bullet list get their sections. Items nested under such a
// label move up one level.
func promotePseudoHeadings(blocks []block) []block {
	labelled := false
	for i := range blocks {
		if blocks[i].label != "" || timelineLeadIn(&blocks[i]) {
			labelled = true
			break
		}
	}
	if !labelled {
		return blocks
	}
	out := make([]block, 0, len(blocks)+8)
	headLevel := 1
	inPseudo := false
	for _, b := range blocks {
		switch b.kind {
		case bHeading:
			headLevel = b.level
			inPseudo = false
			out = append(out, b)
			continue
		case bItem:
			if b.level == 0 && b.label != "" && metaKey(b.label) != "" && strings.TrimSpace(b.rest) != "" {
				// "- **Time to resolve**: 0h 22m" is metadata; it also ends
				// a bold-label section.
				b.meta = true
				inPseudo = false
				out = append(out, b)
				continue
			}
			if b.level == 0 {
				if pseudoKind(&b) != "" {
					out = appendPseudoHeading(out, &b, headLevel)
					inPseudo = true
					continue
				}
			} else if inPseudo {
				b.level--
			}
		case bPara:
			if timelineLeadIn(&b) {
				// "Rough timeline (from the deploy log and Slack):"
				out = append(out, block{kind: bHeading, level: min(headLevel+1, 6), text: strings.TrimSuffix(b.text, ":"), checked: -1})
				inPseudo = false
				continue
			}
			if b.label != "" && metaKey(b.label) != "" && strings.TrimSpace(b.rest) != "" && len(b.text) < 300 {
				b.meta = true
				out = append(out, b)
				continue
			}
			if numberedLabelHeading(&b) {
				// "5. Sign-off" is a sibling of "4. Corrective actions",
				// "4.2 Causes" a child: the numbering gives the level.
				lvl := 2 + strings.Count(strings.TrimRight(strings.Fields(b.label)[0], "."), ".")
				out = appendPseudoHeading(out, &b, lvl-1)
				headLevel = lvl
				inPseudo = false
				continue
			}
			if pseudoKind(&b) != "" {
				out = appendPseudoHeading(out, &b, headLevel)
				inPseudo = false
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// timelineLeadIn reports a short paragraph that introduces a timeline,
// ideas not taken up or the follow-ups, and ends with a colon ("Rough
// timeline (from Crashlytics and Slack):", "Here is the timeline:",
// "Things we are not doing:", "Next steps:"): a heading in all but its
// form.
func timelineLeadIn(b *block) bool {
	if b.kind != bPara || len(b.text) > 120 || !strings.HasSuffix(b.text, ":") || strings.IndexByte(b.text, '\n') >= 0 {
		return false
	}
	t := strings.TrimSuffix(b.text, ":")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "Here is the "), "Here's the ")
	// "Stuff we talked about and are not doing:" heads the ideas not
	// taken up the same way.
	k := classifyHeading(t)
	// "Next steps:" in a status page's update: the follow-ups, when short.
	return k == model.SectionTimeline || k == model.SectionOther ||
		k == model.SectionActionItems && exactSection[normalizeHeading(t)] == model.SectionActionItems
}

// appendPseudoHeading appends a labelled block as a heading one level
// below the current one, followed by the text after the label.
func appendPseudoHeading(out []block, b *block, headLevel int) []block {
	out = append(out, block{kind: bHeading, level: min(headLevel+1, 6), text: b.label, checked: -1})
	if r := strings.TrimSpace(b.rest); r != "" {
		out = append(out, block{kind: bPara, text: r, links: b.links, checked: -1})
	}
	return out
}

// reSectionNumber matches a numbered section title: "7. Approval",
// "4.2 Contributing causes".
var reSectionNumber = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,2})*\.?\s+\p{Lu}`)

// numberedLabelHeading reports a paragraph that is nothing but a bold,
// numbered title ("**7. Approval**", as Word exports write headings): a
// heading even when it names no section kind, so it ends the section
// above.
func numberedLabelHeading(b *block) bool {
	return b.label != "" && strings.TrimSpace(b.rest) == "" && len(b.label) <= 60 &&
		!strings.HasSuffix(b.label, ":") && reSectionNumber.MatchString(b.label)
}

// pseudoKind returns the section kind a bold label names, or "".
func pseudoKind(b *block) string {
	if b.label == "" || len(b.label) > 60 || metaKey(b.label) != "" {
		return ""
	}
	return classifyHeading(b.label)
}

// splitSections groups blocks under headings. The first heading becomes
// the title when it opens the document. Content before the first section
// heading forms a summary section.
func splitSections(blocks []block, title *string) []*section {
	start := 0
	// Title: the first heading, when nothing but blank content precedes
	// it, it is the top level of the document and it names no section.
	minLevel := 7
	for i := range blocks {
		if blocks[i].kind == bHeading && blocks[i].level < minLevel {
			minLevel = blocks[i].level
		}
	}
	topCount := 0
	for i := range blocks {
		if blocks[i].kind == bHeading && blocks[i].level == minLevel {
			topCount++
		}
	}
	if len(blocks) > 0 && blocks[0].kind == bHeading && blocks[0].level == minLevel &&
		(classifyHeading(blocks[0].text) == "" || (minLevel == 1 && topCount == 1 && len(blocks[0].text) > 20)) {
		if *title == "" {
			*title = blocks[0].text
		}
		start = 1
	}
	// Sections are consecutive runs of blocks: each one's blocks are a
	// sub-slice of the input, [from, i).
	var secs []*section
	pre := &section{kind: model.SectionSummary}
	cur := pre
	from := start
	for i := start; i < len(blocks); i++ {
		b := &blocks[i]
		if b.kind != bHeading {
			continue
		}
		k := classifyHeading(b.text)
		if k == "" && cur != pre && cur.kind == model.SectionTimeline && isStampHeading(b.text) {
			continue // "## May 12" after "## Timeline" belongs to the timeline
		}
		if k == "" && cur != pre && b.level > cur.level {
			// A sub-heading naming no kind stays in its section.
			continue
		}
		if k == "" {
			k = model.SectionOther
		}
		cur.blocks = blocks[from:i:i]
		cur = &section{kind: k, heading: b.text, level: b.level}
		secs = append(secs, cur)
		from = i + 1
	}
	cur.blocks = blocks[from:len(blocks):len(blocks)]
	if len(pre.blocks) > 0 {
		secs = append([]*section{pre}, secs...)
	}
	return secs
}

// isMetaLine reports a paragraph or item that is a "Key: value" metadata
// line and returns its canonical key and value.
func isMetaLine(b *block) (key, value string, ok bool) {
	if b.kind != bPara && b.kind != bItem {
		return "", "", false
	}
	if b.label != "" {
		if k := metaKey(b.label); k != "" {
			v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(b.rest), ":"))
			if v != "" && len(v) < 300 {
				return k, v, true
			}
		}
	}
	text := b.text
	if len(text) > 300 || strings.IndexByte(text, '\n') >= 0 {
		// Multi-line paragraph: only its first line can be a key line.
		if i := strings.IndexByte(text, '\n'); i > 0 && i < 300 {
			text = text[:i]
		} else {
			return "", "", false
		}
	}
	k, v, found := splitLabel(text)
	if !found || v == "" {
		return "", "", false
	}
	if c := metaKey(k); c != "" {
		return c, v, true
	}
	return "", "", false
}

// ownerLine reports a one-line paragraph or item "Owner: X" (any key of
// ownerKeys) and returns X.
func ownerLine(b *block) (string, bool) {
	k, v := b.label, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(b.rest), ":"))
	if k == "" {
		if strings.IndexByte(b.text, '\n') >= 0 || len(b.text) > 160 {
			return "", false
		}
		var ok bool
		if k, v, ok = splitLabel(b.text); !ok {
			return "", false
		}
	}
	if !ownerKeys[normalizeKey(k)] || v == "" || len(v) > 120 {
		return "", false
	}
	return v, true
}

// metaFromBlocks records "Key: value" lines, key/value table rows and
// header tables (a header row of metadata keys over one row of values).
// With owners set (outside action-item and timeline sections) it also
// records the values of owner lines and rows ("Review owner: Claims
// Intake team", <dt>Assignment group</dt><dd>Mobile</dd>) as mOwner,
// which names the team only when team-shaped (see ownerTeam).
func metaFromBlocks(blocks []block, f *fields, owners bool) {
	actionTable := -1
	for i := range blocks {
		b := &blocks[i]
		if b.kind == bRow && b.header && i+1 < len(blocks) && isMetaHeader(b.cells) {
			metaFromHeaderTable(b, &blocks[i+1], f)
			continue
		}
		switch b.kind {
		case bPara, bItem:
			lines := fieldSegments(b.text)
			if lines == nil && b.kind == bPara && strings.IndexByte(b.text, '\n') >= 0 {
				lines = strings.Split(b.text, "\n")
			}
			if lines != nil {
				lines = splitFieldLines(lines)
				// A commit message's trailers ("Owned-by: archive eng",
				// "Reported-by: ...") name the owner wherever they stand.
				trailers := owners || gitTrailers(lines)
				for _, line := range lines {
					// "**Owning team:** X" on a line of its own inside the paragraph.
					lb := block{kind: bPara, text: strings.TrimSpace(strings.ReplaceAll(line, "**", ""))}
					if k, v, ok := isMetaLine(&lb); ok {
						f.set(k, v)
					} else if w, ok := windowLabel(lb.text); ok {
						f.set(mRange, w)
					} else if trailers {
						if v, ok := ownerLine(&lb); ok {
							f.set(mOwner, v)
						}
					}
				}
				continue
			}
			if k, v, ok := isMetaLine(b); ok {
				f.set(k, v)
			} else if owners {
				if v, ok := ownerLine(b); ok {
					f.set(mOwner, v)
				}
			}
		case bRow:
			if b.header && allActionColumns(b.cells) {
				actionTable = b.table
				continue // "Number | Summary | Assignment group | State" heads a table of follow-ups
			}
			if b.table == actionTable && len(b.cells) > 0 && metaKey(b.cells[0]) == "" {
				continue // its rows are items: "... | Web Team | open" is no "Web Team: open"
			}
			// key | value (| key | value ...)
			for c := 0; c+1 < len(b.cells); c += 2 {
				if k := metaKey(b.cells[c]); k != "" && len(b.cells[c+1]) < 300 {
					f.set(k, b.cells[c+1])
				}
			}
			if owners && !b.header && len(b.cells) == 2 && ownerKeys[normalizeKey(b.cells[0])] && len(b.cells[1]) < 120 {
				f.set(mOwner, b.cells[1])
			}
		}
	}
}

// reGitTrailer is a git trailer line: "Signed-off-by: ...", "Owned-by: ...".
var reGitTrailer = regexp.MustCompile(`^[A-Z][a-z]+(?:-[a-z]+)+: \S`)

// gitTrailers reports lines that are all git trailers (at least two).
func gitTrailers(lines []string) bool {
	n := 0
	for _, l := range lines {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if !reGitTrailer.MatchString(l) && !strings.HasPrefix(l, "Refs: ") {
			return false
		}
		n++
	}
	return n >= 2
}

// windowLabel reads a line that labels the impact's window ("Customer
// impact: 23:40 ACST Tue 11 June to 02:05 ACST Wed 12 June. Mobile
// customers ..."): its first sentence when that is a range of times.
func windowLabel(line string) (string, bool) {
	k, v, ok := splitLabel(line)
	if !ok || !windowKeys[normalizeKey(k)] {
		return "", false
	}
	v = firstSentence(v)
	if v == "" || !isDigitByte(v[0]) || len(v) > 80 {
		return "", false
	}
	for _, sep := range []string{" to ", "–", " - ", " until ", "→", "->"} {
		if strings.Contains(v, sep) {
			return v, true
		}
	}
	return "", false
}

// capsKeyItems records the team of a numbered form's item whose upper-case
// key names the owner and whose text opens by naming a group ("15.
// RESPONSIBLE BUSINESS UNIT" over "The Mobile Core engineering group in
// ... is accountable ...", read as one item).
func capsKeyItems(blocks []block, f *fields) {
	for i := range blocks {
		b := &blocks[i]
		if b.kind != bItem && b.kind != bPara || len(b.text) < 20 || b.text[0] < 'A' || b.text[0] > 'Z' {
			continue
		}
		words := strings.Fields(truncateUTF8(b.text, 200))
		n := 0
		for n < len(words) && n < 5 && len(words[n]) > 1 && strings.ToUpper(words[n]) == words[n] && strings.ToLower(words[n]) != words[n] {
			n++
		}
		if n < 2 || n == len(words) || metaKey(strings.Join(words[:n], " ")) != mTeam {
			continue
		}
		if m := reUnitSentence.FindStringSubmatch(strings.Join(words[n:], " ")); m != nil {
			f.set(mTeam, m[1])
		}
	}
}

// firstSentence is the text up to its first ". " or line break after one,
// without the period.
func firstSentence(v string) string {
	v = strings.TrimSpace(v)
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '.' && (v[i+1] == ' ' || v[i+1] == '\n') {
			return strings.TrimSpace(v[:i])
		}
	}
	return strings.TrimSuffix(v, ".")
}

// reHeadingNumber matches a heading's section number ("15. ", "4.2 ").
var reHeadingNumber = regexp.MustCompile(`^\s*\d+(?:\.\d+)*\.?\s+`)

// reUnitSentence matches a sentence that opens by naming a group: "The
// Mobile Core engineering group in ...", "The Payments team is ...".
var reUnitSentence = regexp.MustCompile(`^The ((?:[A-Z][\w&-]*|&)(?: (?:[A-Z][\w&-]*|&)){0,3})(?: (?:engineering|operations|technology|platform))? (?:group|team|unit|squad|department|function)\b`)

// headedField records a section headed by a field's name over a line of
// its own ("## Owner", then "HPC ops"), as ADR-style writeups give their
// fields: an owner heading's line names the team.
func headedField(s *section, f *fields) {
	if len(s.blocks) == 0 || s.blocks[0].kind != bPara && s.blocks[0].kind != bItem {
		return
	}
	v := strings.TrimSpace(s.blocks[0].text)
	k := normalizeKey(reHeadingNumber.ReplaceAllString(s.heading, ""))
	if m := reUnitSentence.FindStringSubmatch(v); m != nil && metaKey(k) == mTeam {
		// "15. RESPONSIBLE BUSINESS UNIT", then "The Mobile Core
		// engineering group in ... is accountable for ...".
		f.set(mTeam, m[1])
		return
	}
	if c := metaKey(k); timeKeys[c] {
		// "7.  TIME OUTAGE COMMENCED" over "02:14 AEST, 21 August 2024.
		// This is when ...": the first sentence is the time.
		if first := firstSentence(v); first != "" && hasDigit(first) && len(first) <= 80 {
			f.set(c, first)
		}
		return
	}
	if v == "" || wordCount(v) > 6 || strings.ContainsAny(v, "\n.:") {
		return
	}
	switch {
	case metaKey(k) == mTeam:
		f.set(mTeam, v)
	case ownerKeys[k]:
		f.set(mOwner, v) // a team only when team-shaped (ownerTeam), not "Ana Tuilagi"
	}
}

// fieldSegments splits a line of fields joined by separators ("Status:
// Final · Owning team: Miles · Author: Ana", a doc's subtitle) into its
// fields, when at least two segments are metadata fields; else nil.
func fieldSegments(text string) []string {
	if len(text) > 400 || strings.IndexByte(text, '\n') >= 0 || !strings.Contains(text, ":") {
		return nil
	}
	if strings.Contains(text, "\u00a0") {
		text = strings.ReplaceAll(text, "\u00a0", " ") // "INC-3 &nbsp;·&nbsp; Owned by: ..."
	}
	separated := strings.Contains(text, " · ") || strings.Contains(text, " | ") || strings.Contains(text, " • ")
	if !separated && strings.Count(text, ":") < 2 {
		return nil // two fields need two colons; one owner field needs separators
	}
	count := func(segs []string) int {
		n := 0
		for _, seg := range segs {
			if k, v, ok := splitLabel(seg); ok && v != "" && (metaKey(k) != "" || ownerKeys[normalizeKey(k)]) {
				n++
			}
		}
		return n
	}
	segs := bylineSegments(text)
	if count(segs) >= 2 {
		return segs
	}
	// Aligned columns of a report: "OPENED    : 09-SEP-2024 16:31     RESOLVED   : 09-SEP-2024 20:30".
	if strings.Contains(text, "   ") || strings.IndexByte(text, '\t') >= 0 {
		if cols := columnFields(strings.TrimSpace(text)); len(cols) > 1 && count(cols) >= 2 {
			return cols
		}
	}
	// "*Canvas in #inc-lms · owner: the LMS folks · last updated Wed*": one
	// owner field among other segments (not "Group: ePrescribing - IE
	// Gateway", a dash inside the value).
	if !separated {
		return nil
	}
	for _, seg := range segs {
		if k, v, ok := splitLabel(strings.Trim(seg, "*_ ")); ok && v != "" && (metaKey(k) == mTeam || ownerKeys[normalizeKey(k)]) {
			return segs
		}
	}
	return nil
}

// reColumnGap is the run of spaces between two aligned columns, and
// reColumnKey a field's key and colon at the start of a column.
var (
	reColumnGap = regexp.MustCompile(` {3,}|\t+`)
	reColumnKey = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ./&()'-]{0,40}?\s*:(?:\s|$)`)
)

// columnFields splits a line at the gaps that open another "KEY : value"
// column; a gap before the colon ("OPENED      : ...") splits nothing.
func columnFields(line string) []string {
	var segs []string
	from := 0
	for _, g := range reColumnGap.FindAllStringIndex(line, -1) {
		if reColumnKey.MatchString(line[g[1]:]) && strings.Contains(line[from:g[0]], ":") {
			segs = append(segs, line[from:g[0]])
			from = g[1]
		}
	}
	if segs == nil {
		return nil
	}
	return append(segs, line[from:])
}

// splitFieldLines replaces each line that joins several fields
// (fieldSegments) by its fields.
func splitFieldLines(lines []string) []string {
	var out []string
	for i, line := range lines {
		segs := fieldSegments(line)
		if segs == nil {
			if out != nil {
				out = append(out, line)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(lines)+len(segs)), lines[:i]...)
		}
		out = append(out, segs...)
	}
	if out == nil {
		return lines
	}
	return out
}

// allActionColumns reports cells that all name action-item columns.
func allActionColumns(cells []string) bool {
	for _, c := range cells {
		if _, ok := actionColumns[normalizeKey(c)]; !ok {
			return false
		}
	}
	return len(cells) >= 2
}

// renderSection writes a section's plain text and collects the spans of
// prose (paragraphs, list items, prose table cells) for sentence splitting.
// The sentences are appended to sents, which is returned.
func renderSection(s *section, secIndex int, sents []model.Sentence) (string, []model.Sentence) {
	var sb strings.Builder
	size := 0
	for i := range s.blocks {
		size += len(s.blocks[i].text) + 8
	}
	sb.Grow(size)
	first := len(sents)
	addProse := func(text string, offset int) {
		for _, sp := range nlp.Sentences(text) {
			st, en := offset+sp.Start, offset+sp.End
			sents = append(sents, model.Sentence{Section: secIndex, Start: st, End: en})
		}
	}
	prev := blockKind(0)
	table := -1
	for i := range s.blocks {
		b := &s.blocks[i]
		// Close a list or table with a blank line.
		if (prev == bItem && b.kind != bItem) || (prev == bRow && (b.kind != bRow || b.table != table)) {
			sb.WriteByte('\n')
		}
		switch b.kind {
		case bHeading:
			sb.WriteString(b.text)
			sb.WriteString("\n\n")
		case bPara:
			off := sb.Len()
			sb.WriteString(b.text)
			sb.WriteString("\n\n")
			if !b.log {
				addProse(b.text, off)
			}
		case bItem:
			for d := 0; d < b.level && d < 8; d++ {
				sb.WriteString("  ")
			}
			sb.WriteString("- ")
			switch b.checked {
			case 0:
				sb.WriteString("[ ] ")
			case 1:
				sb.WriteString("[x] ")
			}
			off := sb.Len()
			sb.WriteString(b.text)
			sb.WriteByte('\n')
			addProse(b.text, off)
		case bRow:
			table = b.table
			renderRow(&sb, b, addProse)
		case bCode:
			sb.WriteString(strings.TrimRight(b.text, "\n"))
			sb.WriteString("\n\n")
		}
		prev = b.kind
	}
	text := strings.TrimRight(sb.String(), " \n\t")
	// Spans can end past the trimmed text only if they were whitespace,
	// which nlp.Sentences never returns; keep the invariant explicit.
	kept := sents[:first]
	for _, s := range sents[first:] {
		if s.End <= len(text) && s.Start < s.End {
			s.Text = text[s.Start:s.End]
			kept = append(kept, s)
		}
	}
	return text, kept
}

// renderRow writes a table row, cells joined by " | ", and hands the
// prose cells (four words or more, not a header, not a timeline row) to
// addProse.
func renderRow(sb *strings.Builder, b *block, addProse func(string, int)) {
	stamped := false
	if len(b.cells) > 0 {
		if _, rest, ok := leadingStamp(b.cells[0]); ok && len(rest) < 3 {
			stamped = true
		}
	}
	for c, cell := range b.cells {
		if c > 0 {
			sb.WriteString(" | ")
		}
		off := sb.Len()
		sb.WriteString(cell)
		if !stamped && !b.header && wordCount(cell) >= 4 {
			addProse(cell, off)
		}
	}
	sb.WriteByte('\n')
}

func wordCount(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n' || s[i] == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

var reLogLine = regexp.MustCompile(`^\s*(?:\[[A-Z]?\s?\d{4}-\d\d-\d\d|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d|\{"|[A-Z]{3,7}\s*[\[:]|\$ |> |[IWEF]\d{4} |\S+ \[\d{1,2}:\d\d(?: [AP]M)?\])`)

// looksLikeLog reports text that is a log, console or chat dump: most
// lines start like log records ("[W 2017-09-28 ...", "$ kubectl",
// "alice [8:33 AM]") or are JSON.
func looksLikeLog(text string) bool {
	if len(text) < 20 || strings.IndexByte(text, '\n') < 0 {
		return false
	}
	lines := strings.Split(text, "\n")
	n, hits := 0, 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n++
		if reLogLine.MatchString(l) {
			hits++
		}
	}
	return n >= 2 && hits*3 >= n*2
}

// titleFromPath makes a title from a file name: "2020-02-12-nginx-tls.md"
// becomes "2020-02-12 nginx tls".
func titleFromPath(p string) string {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	for {
		ext := path.Ext(base)
		if ext == "" || len(ext) > 9 || ext == base {
			break
		}
		base = strings.TrimSuffix(base, ext)
	}
	t := strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return ' '
		}
		return r
	}, base)
	// Keep ISO dates intact.
	if m := reISODate.FindStringSubmatchIndex(base); m != nil {
		t = base[m[2]:m[3]] + " " + strings.TrimSpace(strings.Map(func(r rune) rune {
			if r == '_' || r == '-' {
				return ' '
			}
			return r
		}, base[:m[2]]+" "+base[m[3]:]))
	}
	return collapseSpace(t)
}

// firstLine returns the first non-empty line of the first paragraph.
func firstLine(blocks []block) string {
	for _, b := range blocks {
		if b.kind == bPara || b.kind == bItem {
			line := b.text
			if i := strings.IndexByte(line, '\n'); i >= 0 {
				line = line[:i]
			}
			line = strings.TrimSpace(line)
			if line != "" {
				return truncateUTF8(line, 120)
			}
		}
	}
	return ""
}

// civilDate is a date without time of day, at midnight UTC.
func civilDate(t time.Time) *time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

// isStampHeading reports a heading that starts with a date or time.
func isStampHeading(h string) bool {
	_, _, ok := leadingStamp(h)
	return ok
}

// isMetaRow reports a key | value table row whose keys are metadata.
func isMetaRow(b *block) bool {
	if len(b.cells) < 2 || len(b.cells)%2 != 0 {
		return false
	}
	for c := 0; c+1 < len(b.cells); c += 2 {
		if metaKey(b.cells[c]) == "" {
			return false
		}
	}
	return true
}

// isMetaHeader reports a header row that names metadata (Team, Severity,
// Started, ...) rather than the columns of a list: at least two metadata
// keys, two thirds of the cells, and no action or event column.
func isMetaHeader(cells []string) bool {
	keys := 0
	for _, c := range cells {
		if metaKey(c) != "" {
			keys++
		} else if actionColumns[normalizeKey(c)] == "text" || normalizeKey(c) == "event" {
			return false
		}
	}
	return keys >= 2 && keys*3 >= len(cells)*2
}

// metaFromHeaderTable records the values of the row under a metadata
// header row and marks both rows as metadata.
func metaFromHeaderTable(header *block, row *block, f *fields) {
	if row.kind != bRow || row.header || row.table != header.table {
		return
	}
	// Metadata, not text: both rows leave the section text.
	header.meta, row.meta = true, true
	cells := header.cells
	for c, h := range cells {
		if k := metaKey(h); k != "" && c < len(row.cells) && len(row.cells[c]) < 300 {
			f.set(k, row.cells[c])
		}
	}
}

// promoteLineHeadings finds the headings of a document written as plain
// text in a Markdown file (no "#" headings): a paragraph whose first line
// is exactly a known section name ("Summary", "Action items", "Timeline
// (UTC)") becomes that heading and the paragraph of its other lines.
// Documents with headings of their own are returned unchanged.
func promoteLineHeadings(blocks []block) []block {
	for i := range blocks {
		if blocks[i].kind == bHeading && blocks[i].level > 1 {
			return blocks
		}
	}
	var out []block
	for i, b := range blocks {
		if b.kind != bPara || b.log {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		first, rest, _ := strings.Cut(b.text, "\n")
		first = strings.TrimSpace(first)
		if len(first) > 50 || strings.HasSuffix(first, ".") || strings.HasSuffix(first, ":") ||
			exactSection[normalizeHeading(first)] == "" {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		if out == nil {
			out = append(make([]block, 0, len(blocks)+8), blocks[:i]...)
		}
		out = append(out, block{kind: bHeading, level: 2, text: first, checked: -1})
		if rest = strings.TrimSpace(rest); rest != "" {
			p := block{kind: bPara, text: rest, links: b.links, checked: -1}
			if k, v, ok := splitLabel(rest); ok && strings.IndexByte(rest, '\n') < 0 {
				p.label, p.rest = k, v
			}
			out = append(out, p)
		}
	}
	if out == nil {
		return blocks
	}
	return out
}
