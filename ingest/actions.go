package ingest

import (
	"iter"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/debrief-dev/debrief/model"
)

// actionDraft is an action item from a structured export.
type actionDraft struct {
	text, owner, status, due, ticket string
}

// actionColumns maps table header spellings to action-item fields.
var actionColumns = map[string]string{
	"action": "text", "action item": "text", "action items": "text", "item": "text", "task": "text",
	"title": "text", "description": "text", "what": "text", "summary": "text", "follow up": "text",
	"followup": "text", "remediation": "text", "todo": "text", "name": "text",
	"owner": "owner", "owners": "owner", "who": "owner", "assignee": "owner", "assigned to": "owner",
	"responsible": "owner", "dri": "owner", "team": "owner",
	"status": "status", "state": "status", "done": "status", "progress": "status", "st": "status", "stat": "status",
	"due": "due", "due date": "due", "deadline": "due", "eta": "due", "target date": "due", "when": "due",
	"ticket": "ticket", "bug": "ticket", "bug #": "ticket", "bug number": "ticket", "issue": "ticket",
	"link": "ticket", "jira": "ticket", "tracking": "ticket", "url": "ticket", "pr": "ticket",
	"tracking issue": "ticket", "ticket url": "ticket", "target": "due",
	// An item's number ("No.", "#") says nothing of the item.
	"no": "id", "nr": "id", "#": "id", "number": "id", "item no": "id", "ref": "id",
	"recommendation": "text", "recommendations": "text", "corrective action": "text", "improvement": "text",
	"action description": "text", "short description": "text", "task description": "text", "fix": "text",
	"follow up action": "text", "remediation item": "text", "actions": "text",
	"id": "id", "ref no": "id", "reference": "id", "key": "ticket", "ticket id": "ticket", "jira ticket": "ticket",
	"assignment group": "owner", "owning team": "owner", "assigned": "owner", "due by": "due",
	// Columns debrief does not model, named so that a header of them is
	// still known as an action-item header.
	"priority": "note", "notes": "note", "comments": "note", "type": "note", "severity": "note",
	"subject": "text", "child no": "ticket", "child ticket": "ticket", "child": "ticket", "ticket no": "ticket", "resp group": "owner",
	"responsible group": "owner", "resolver group": "owner",
}

var (
	reOwnerParen = regexp.MustCompile(`(?i)[(\[]\s*(?:owner|owned by|assignee|assigned to|who)\s*[:=]\s*([^)\]]+)[)\]]`)
	reOwnerKV    = regexp.MustCompile(`(?i)\b(?:owner|assignee|assigned to)\s*[:=]\s*(@?(?:\p{Lu}\.\s?){0,2}[\p{L}0-9][\p{L}0-9._\- ]{0,40}?)\s*(?:[,;|)\]]|\.\s|\.?$)`)
	reMention    = regexp.MustCompile(`(?:^|[\s(])@([A-Za-z0-9][A-Za-z0-9_.\-]*[A-Za-z0-9_])`)
	reStatusKV   = regexp.MustCompile(`(?i)\bstatus\s*[:=]\s*([a-z][a-z \-]{1,20}?)\s*(?:[,;|)\].]|$)`)
	reStatusTag  = regexp.MustCompile(`(?i)[(\[]\s*(done|completed?|fixed|closed|resolved|open|todo|to do|in[ -]progress|wip|ongoing|not started)\s*[)\]]|^(DONE|TODO|WIP)\b:?`)
	reURL        = regexp.MustCompile(`https?://[^\s<>()\[\]"']+[^\s<>()\[\]"'.,;:!?]`)
	reTicketKey  = regexp.MustCompile(`\b([A-Z][A-Z0-9]{1,9}-[0-9]{1,7})\b`)
	reDue        = regexp.MustCompile(`(?i)\b(?:due|eta|deadline|by)\s*[:=]?\s*`)
)

// notTicketPrefixes are KEY-123 shapes that are not tickets.
var notTicketPrefixes = map[string]bool{"CVE": true, "SEV": true, "GHSA": true, "UTF": true, "ISO": true,
	"RFC": true, "PM": true, "TLS": true, "SHA": true, "P": true, "CWE": true, "CAPEC": true, "HTTP": true, "AES": true, "X": true,
	"AI": true} // "AI-1: ..." numbers action items

// normStatus maps status spellings to done | open | in-progress | "".
func normStatus(s string) string {
	s = strings.ToLower(strings.Trim(s, " .:!*_()[]"))
	switch s {
	case "done", "closed", "complete", "completed", "resolved", "fixed", "finished", "true", "yes", "x",
		"✅", "✔", "merged", "shipped", "implemented", "closed complete", "closed - complete", "closed completed",
		"delivered", "accepted":
		return "done"
	case "open", "todo", "to do", "not started", "new", "pending", "false", "no", "backlog", "planned",
		"proposed", "ready", "triage", "":
		if s == "" {
			return ""
		}
		return "open"
	case "in progress", "in-progress", "wip", "started", "ongoing", "doing", "active", "in review", "blocked",
		"work in progress", "in flight", "underway", "under way", "assigned", "working on it", "stuck", "feedback":
		return "in-progress"
	}
	return ""
}

// pointsElsewhere reports a paragraph that says where the follow-ups are
// rather than being one: "Follow-up actions are tracked as subtasks
// below."
func pointsElsewhere(t string) bool {
	l := strings.ToLower(t)
	for _, p := range []string{"tracked as subtasks", "tracked as sub-tasks", "tracked as child", "tracked in jira",
		"are tracked below", "listed below", "are below", "see below", "see the subtasks", "see the sub-tasks"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// notFollowUp reports a tracker row that is no follow-up: a task the
// review rejected or dropped (by its status), or one logged for the
// mitigation done during the incident ("Mitigation: roll back the bundle
// (done during incident)").
func notFollowUp(text, status string) bool {
	switch strings.ToLower(strings.Trim(status, " .")) {
	case "rejected", "declined", "won't do", "wont do", "won't fix", "wontfix", "dropped", "cancelled", "canceled",
		"not doing", "parked":
		return true
	}
	l := strings.ToLower(text)
	return strings.Contains(l, "(done during incident)") || strings.Contains(l, "(done during the incident)") ||
		strings.Contains(l, "(during the incident)") || strings.Contains(l, "(during incident)")
}

// isNonItem reports list text that is not an action item ("None",
// "No comments added", "N/A").
func isNonItem(text string) bool {
	t := strings.Trim(text, " .!*_")
	if len(t) > 20 && t[0] != 'n' && t[0] != 'N' {
		return isBlankValue(t) // cannot start "no action items"
	}
	t = strings.ToLower(t)
	return isBlankValue(t) || t == "no comments added" || t == "no action items" || t == "nothing" ||
		strings.HasPrefix(t, "no action items")
}

// actionFromText reads owner, status, ticket and due date out of an
// action item's text and returns the item with annotations removed.
func actionFromText(text string, checked int8, links []string) model.ActionItem {
	a := model.ActionItem{}
	text, checked = cutCheckbox(text, checked)
	text = readOwner(text, &a)
	a.Owner = strings.TrimPrefix(a.Owner, "@")
	text = readStatus(text, &a)
	readTicketAndDue(text, links, &a)
	if m, rest, ok := listMarker(strings.TrimSpace(text)); ok && m != "" && m[0] >= '0' && m[0] <= '9' {
		text = rest // "1. Replace ..." in a Word paragraph numbered by hand
	}
	a.Text = strings.TrimRight(collapseSpace(text), " :;,-")
	if t, m := cutFieldTail(a.Text); t != a.Text {
		a.Text = t
		fillAction(&a, m)
	}
	if t, m := cutActionTailKnown(a.Text, links, tailMeta{status: a.Status, due: a.Due}); t != a.Text {
		a.Text = t
		fillAction(&a, m)
	}
	a.Text = cutOwnerSentence(a.Text, a.Owner)
	// A checkbox says done or not; a status written in the text ("in
	// progress") says more and wins.
	if a.Status == "" && checked == 1 {
		a.Status = "done"
	} else if a.Status == "" && checked == 0 {
		a.Status = "open"
	}
	return a
}

// cutOwnerSentence removes a closing "Owner: D. Raman." sentence that
// names owner (already read) from text.
func cutOwnerSentence(text, owner string) string {
	if owner == "" {
		return text
	}
	for _, key := range []string{"owner:", "owner :", "assignee:", "assigned to:", "owner="} {
		i := strings.LastIndex(strings.ToLower(text), key)
		if i <= 0 {
			continue
		}
		rest := strings.Trim(text[i+len(key):], " .;,")
		if strings.EqualFold(rest, owner) {
			return strings.TrimRight(text[:i], " ;,-—–")
		}
	}
	return text
}

// cutCheckbox removes a checkbox written as text ("[ ] Fix it", "[x] Fix
// it", as HTML exports keep them) and returns the checked state it gives.
func cutCheckbox(text string, checked int8) (string, int8) {
	t := strings.TrimLeft(text, " ")
	switch {
	case strings.HasPrefix(t, "[ ] "), strings.HasPrefix(t, "[] "):
		return strings.TrimSpace(t[strings.IndexByte(t, ']')+1:]), 0
	case strings.HasPrefix(t, "[x] "), strings.HasPrefix(t, "[X] "):
		return strings.TrimSpace(t[4:]), 1
	}
	return text, checked
}

// fillAction fills the fields of a that are still empty from m.
func fillAction(a *model.ActionItem, m tailMeta) {
	if a.Owner == "" {
		a.Owner = strings.TrimPrefix(m.owner, "@")
	}
	if a.Status == "" {
		a.Status = m.status
	}
	if a.Ticket == "" {
		a.Ticket = m.ticket
	}
	if a.Due == "" {
		a.Due = m.due
	}
}

// readOwner reads an owner annotation ("(owner: x, status: y)", "owner:
// x", "@x") into a and returns text without a bracketed annotation.
func readOwner(text string, a *model.ActionItem) string {
	hasKV := strings.IndexByte(text, ':') >= 0 || strings.IndexByte(text, '=') >= 0
	ownerWords := containsFold(text, "owner") || containsFold(text, "assign") || containsFold(text, "who")
	hasBracket := strings.ContainsAny(text, "([")
	// The cheap tests before each pattern are necessary conditions for a
	// match: the patterns run only on text that can match.
	if !ownerWords && strings.IndexByte(text, '@') < 0 {
		// no owner annotation
	} else if m := submatchIndexIf(hasBracket && hasKV, reOwnerParen, text); m != nil {
		// "(owner: Marco, status: in progress, due: 2024-05-01)"
		parts := strings.FieldsFunc(text[m[2]:m[3]], func(r rune) bool { return r == ',' || r == ';' })
		a.Owner = strings.TrimSpace(parts[0])
		for _, p := range parts[1:] {
			k, v, ok := strings.Cut(p, ":")
			if st := strings.ToLower(strings.TrimSpace(p)); !ok && tailStatusWords[st] {
				if a.Status == "" {
					a.Status = normStatus(st) // "(owner: x, done)"
				}
				continue
			}
			if !ok || strings.HasPrefix(strings.TrimSpace(v), "//") {
				// A bare ticket key or URL in the annotation: "(owner: x, PAY-12)".
				if t := strings.TrimSpace(p); a.Ticket == "" && (findURL(t) != "" || reTicketKey.MatchString(t)) {
					a.Ticket = t
				}
				continue
			}
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "status", "state":
				if st := normStatus(v); st != "" && a.Status == "" {
					a.Status = st
				}
			case "due", "due date", "eta":
				if d, ok := findDate(v); ok {
					a.Due = dueString(d, v)
				}
			case "ticket", "issue", "bug":
				a.Ticket = strings.TrimSpace(v)
			}
		}
		text = text[:m[0]] + text[m[1]:]
	} else if m := submatchIf(hasKV && (containsFold(text, "owner") || containsFold(text, "assign")), reOwnerKV, text); m != nil {
		a.Owner = strings.TrimSpace(m[1])
	} else if m := submatchIf(strings.IndexByte(text, '@') >= 0, reMention, text); m != nil {
		a.Owner = m[1]
	}
	return text
}

// readStatus reads a status tag ("[done]", "DONE:", "status: open") into
// a and returns text without a tag.
func readStatus(text string, a *model.ActionItem) string {
	hasKV := strings.IndexByte(text, ':') >= 0 || strings.IndexByte(text, '=') >= 0
	if !strings.ContainsAny(text, "([") && !strings.HasPrefix(text, "DONE") && !strings.HasPrefix(text, "TODO") &&
		!strings.HasPrefix(text, "WIP") && !containsFold(text, "status") {
		// no status annotation
	} else if m := submatchIndexIf(strings.ContainsAny(text, "([") || strings.HasPrefix(text, "DONE") ||
		strings.HasPrefix(text, "TODO") || strings.HasPrefix(text, "WIP"), reStatusTag, text); m != nil {
		word := ""
		if m[2] >= 0 {
			word = text[m[2]:m[3]]
		} else {
			word = text[m[4]:m[5]]
		}
		if st := normStatus(word); st != "" && a.Status == "" {
			a.Status = st
		}
		text = text[:m[0]] + text[m[1]:]
	} else if m := submatchIf(hasKV && containsFold(text, "status"), reStatusKV, text); m != nil && a.Status == "" {
		a.Status = normStatus(m[1])
	}
	return text
}

// readTicketAndDue reads a ticket (a link, a URL, a key) and a due date
// ("due 2024-05-01") into a.
func readTicketAndDue(text string, links []string, a *model.ActionItem) {
	for _, l := range links {
		if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
			a.Ticket = l
			break
		}
	}
	if a.Ticket == "" {
		if u := findURL(text); u != "" {
			a.Ticket = u
		} else if hasKeyShape(text) {
			for _, m := range reTicketKey.FindAllStringSubmatch(text, 4) {
				prefix := m[1][:strings.IndexByte(m[1], '-')]
				if !notTicketPrefixes[prefix] {
					a.Ticket = m[1]
					break
				}
			}
		}
	}
	if !hasDigit(text) || !hasWordStartFold(text, "due", "eta", "deadline", "by") {
		// no due date
	} else if loc := reDue.FindStringIndex(text); loc != nil {
		if d, ok := findDate(text[loc[1]:]); ok && d.start == 0 {
			a.Due = dueString(d, text[loc[1]:])
		}
	}
}

func dueString(d dateMatch, s string) string {
	if d.year != 0 {
		if t, ok := d.toTime(0, nil); ok {
			return t.Format("2006-01-02")
		}
	}
	return stampText(s, d)
}

// expandCodeLists reads a code block that holds a list (a follow-up
// checklist pasted in a fence to keep its owner and status columns
// aligned) as plain text, so that its items and wrapped lines are read
// like those of a text export. Other blocks are returned as they are.
func expandCodeLists(blocks []block) []block {
	var out []block
	for i, b := range blocks {
		if b.kind == bCode {
			if items := codeExportItems(b.text); items != nil {
				if out == nil {
					out = append(make([]block, 0, len(blocks)+8), blocks[:i]...)
				}
				out = append(out, items...)
				continue
			}
		}
		if b.kind != bCode || !codeHoldsList(b.text) {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		if out == nil {
			out = append(make([]block, 0, len(blocks)+8), blocks[:i]...)
		}
		out = append(out, textBlocks(strings.Split(b.text, "\n"), nil)...)
	}
	if out == nil {
		return blocks
	}
	return out
}

// codeExportItems reads a code block that is a YAML or JSON export of
// follow-ups ("remediation:" with a list of {what, owner, state}, or the
// list alone) as its items, or nil when it is none.
func codeExportItems(text string) []block {
	if len(text) > 64<<10 || !strings.Contains(text, ":") {
		return nil
	}
	var v any
	if err := yaml.Unmarshal([]byte(text), &v); err != nil {
		return nil
	}
	doc := &rawDoc{fields: newFields()}
	switch x := normalizeMaps(v, 0).(type) {
	case map[string]any:
		structuredActions(doc, x)
	case []any:
		if isItemList(x) {
			exportActions(doc, x)
		}
	}
	if !doc.hasActions {
		return nil
	}
	var items []block
	for _, b := range doc.blocks {
		if b.kind == bItem {
			items = append(items, b)
		}
	}
	return items
}

// codeHoldsList reports code text of which at least two lines open with a
// list marker or a checkbox.
func codeHoldsList(text string) bool {
	n := 0
	for _, l := range strings.Split(truncateUTF8(text, 20000), "\n") {
		if _, _, ok := listMarker(strings.TrimSpace(l)); ok {
			n++
		} else if t := strings.TrimSpace(l); strings.HasPrefix(t, "[ ]") || strings.HasPrefix(t, "[x]") {
			n++
		}
	}
	return n >= 2
}

// detailFields fills the owner and status of an item from a sub-bullet
// that states them ("owner Kofi, SRE-1530", "owner: Grace, done",
// "status: in progress").
func detailFields(text string, a *model.ActionItem) {
	low := strings.ToLower(text)
	for _, key := range []string{"owner", "owners", "assignee", "status"} {
		if !strings.HasPrefix(low, key) || len(low) == len(key) || isWordByte(low[len(key)]) {
			continue
		}
		parts := strings.FieldsFunc(strings.TrimLeft(text[len(key):], " :=-"), func(r rune) bool { return r == ',' || r == ';' })
		if len(parts) == 0 {
			return
		}
		first := strings.TrimSpace(parts[0])
		if key == "status" {
			if st := normStatus(first); st != "" && a.Status == "" {
				a.Status = st
			}
			return
		}
		if a.Owner == "" && first != "" && wordCount(first) <= 5 {
			a.Owner = strings.TrimPrefix(first, "@")
		}
		for _, p := range parts[1:] {
			p = strings.TrimSpace(p)
			if st := normStatus(p); st != "" && a.Status == "" && tailStatusWords[strings.ToLower(p)] {
				a.Status = st
			} else if a.Ticket == "" && reTicketKey.MatchString(p) {
				a.Ticket = p
			}
		}
		return
	}
}

// extractActions reads action items from the blocks of action-items
// sections: checklists and bullets (nested bullets count when their
// parent is only a label such as "High:" or "**Process**"), and table
// rows whose header names the columns.
func extractActions(blocks []block) []model.ActionItem {
	var out []model.ActionItem
	structured := false
	for i := range blocks {
		if blocks[i].kind == bItem || blocks[i].kind == bRow {
			structured = true
			break
		}
	}
	if !structured {
		return unlistedActions(blocks)
	}
	var cols map[string]int
	table := -1
	parentLabel := map[int]bool{} // depth -> item at that depth is a label
	base := minItemLevel(blocks)
	skipBelow := -1 // items under a toggle titled "Ideas we parked"
blocks:
	for i := range blocks {
		b := &blocks[i]
		switch b.kind {
		case bPara:
			if isClosingPara(b.text) && len(out) > 0 {
				break blocks // "Thanks, Tomasz" and the signature table after it
			}
		case bItem:
			text := strings.TrimSpace(b.text)
			label := isLabelItem(b)
			level := b.level - base
			if skipBelow >= 0 && level > skipBelow {
				continue
			}
			skipBelow = -1
			if len(text) < 60 && i+1 < len(blocks) && blocks[i+1].kind == bItem && blocks[i+1].level > b.level {
				// A Notion toggle exported as a list item: "- Ideas we
				// parked" with the ideas under it.
				switch classifyHeading(strings.TrimSuffix(text, ":")) {
				case model.SectionOther, model.SectionWentWell, model.SectionResolution:
					skipBelow = level
					continue
				}
			}
			parentLabel[level] = label
			if level > 0 && !parentLabel[level-1] {
				if len(out) > 0 {
					detailFields(text, &out[len(out)-1])
				}
				continue // details of the item above
			}
			if label || text == "" || isNonItem(text) || isClosingPara(text) {
				continue // a sign-off written as an item: "- The Games team"
			}
			out = append(out, actionFromText(text, b.checked, b.links))
		case bRow:
			if b.table != table {
				table = b.table
				cols = nil
			}
			if b.header {
				cols = actionCols(b.cells)
				continue
			}
			if a, ok := actionFromRow(b, cols); ok {
				out = append(out, a)
			}
		}
	}
	return out
}

// unlistedActions reads the follow-ups of a section without list items
// or table rows: a pasted chat thread's "AI:" lines, sub-headings with
// their details, else its paragraphs (proseActions).
func unlistedActions(blocks []block) []model.ActionItem {
	var sb strings.Builder
	for i := range blocks {
		sb.WriteString(blocks[i].text)
		sb.WriteByte('\n')
	}
	if items := labelledLines(sb.String()); items != nil {
		return items
	}
	if items := headingActions(blocks); items != nil {
		return items
	}
	return proseActions(blocks)
}

// proseActions reads the action items of a section without lists or
// tables. Each paragraph that is not a question, a lead-in ("We will:")
// or "None" is one item. When some paragraph numbers its items ("todo 1
// ...", "AI-2: ...", "First, ... Second, ..."), the paragraphs without
// numbers are notes around the list.
func proseActions(blocks []block) []model.ActionItem {
	var out []model.ActionItem
	split := make([][]string, len(blocks))
	listed := make([]bool, len(blocks)) // the paragraph numbers its items, or opens with an ordinal
	numbered, ordinalParas, numberedParas := false, 0, 0
	for i := range blocks {
		b := &blocks[i]
		if b.kind != bPara || b.log || isClosingPara(b.text) {
			continue
		}
		lines := splitNumberedLines(b.text)
		if ord := splitOrdinals([]string{b.text}); len(lines) == 1 && len(ord) > 1 {
			split[i] = ord // "First, ... (owner:\nme, T-1). Then ...": ordinals before line ends
		} else {
			split[i] = splitOrdinals(splitAnnotatedLines(lines))
		}
		listed[i] = len(lines) > 1 || len(split[i]) > 1 && strings.Contains(b.text, "First")
		numbered = numbered || listed[i]
		if opensWithOrdinal(b.text) || leadInFirst(b.text) >= 0 {
			ordinalParas++
		}
		if m, _, ok := listMarker(b.text); ok && m != "" && m[0] >= '0' && m[0] <= '9' {
			numberedParas++
		}
	}
	if numberedParas >= 2 {
		// "1. Upgrades ...", "2. We will keep ..." a paragraph each (a
		// status page's lines): the paragraphs around them are notes.
		for i := range blocks {
			if m, _, ok := listMarker(blocks[i].text); ok && split[i] != nil && m != "" && m[0] >= '0' && m[0] <= '9' {
				listed[i], numbered = true, true
			}
		}
	}
	if ordinalParas >= 2 {
		// "First, we will ..." then "Second, ..." a paragraph each; the
		// first may follow a lead-in ("We agreed on four things. First,").
		for i := range blocks {
			if split[i] == nil {
				continue
			}
			if j := leadInFirst(blocks[i].text); j >= 0 && len(split[i]) == 1 {
				split[i] = []string{blocks[i].text[j:]}
			}
			if opensWithOrdinal(split[i][0]) || opensWithLooseOrdinal(split[i][0]) {
				listed[i], numbered = true, true
			}
		}
	}
	for i, texts := range split {
		if numbered && !listed[i] {
			continue
		}
		for _, t := range texts {
			t = collapseSpace(t)
			if t == "" || strings.HasSuffix(t, "?") || strings.HasSuffix(t, ":") || isNonItem(t) || wordCount(t) < 2 ||
				pointsElsewhere(t) {
				continue
			}
			out = append(out, actionFromText(t, -1, blocks[i].links))
		}
	}
	return out
}

// opensWithLooseOrdinal reports a paragraph that opens with "Then",
// "Next" or "Also" and no comma ("Then we need expiry monitoring"): an
// item of a list of ordinal paragraphs once "First," opened it.
func opensWithLooseOrdinal(text string) bool {
	for _, w := range []string{"Then ", "Next ", "Also ", "Lastly "} {
		if strings.HasPrefix(strings.TrimSpace(text), w) {
			return true
		}
	}
	return false
}

// leadInFirst is where "First" opens a sentence after a lead-in ("We
// agreed on four things in the retro. First, every enum ..."), or -1.
func leadInFirst(text string) int {
	for _, sep := range []string{". First", ": First", "! First"} {
		if i := strings.Index(text, sep); i >= 0 && i < 200 && opensWithOrdinal(text[i+2:]) {
			return i + 2
		}
	}
	return -1
}

// startsLowerWord reports text that opens with a lower-case letter.
func startsLowerWord(s string) bool {
	return s != "" && s[0] >= 'a' && s[0] <= 'z'
}

// opensWithOrdinal reports text that opens with one of ordinalWords and
// a comma or space ("Second, a plausibility gate ...").
func opensWithOrdinal(text string) bool {
	t := strings.TrimSpace(text)
	if i := strings.Index(t, " ,"); i > 0 && i < 12 {
		t = t[:i] + t[i+1:] // "Then , Sana ...": a node boundary before the comma
	}
	for _, w := range ordinalWords {
		if len(t) > len(w)+1 && strings.HasPrefix(t, w) && (t[len(w)] == ',' || t[len(w)] == ' ') {
			return w != "Then" && w != "Next" && w != "Also" && w != "Last" || t[len(w)] == ','
		}
	}
	return false
}

// signOffWords open the paragraphs that close a writeup rather than
// list a follow-up: thanks, a sign-off, a signature.
var signOffWords = []string{"thanks", "thank you", "cheers", "regards", "best,", "questions to", "questions?",
	"— ", "– ", "-- ", "~ "}

// isClosingPara reports a closing paragraph (see signOffWords).
func isClosingPara(text string) bool {
	t := strings.TrimSpace(text)
	low := strings.ToLower(t)
	// "The Copperleaf Games team": a sign-off; a mail or status page's
	// footer ("Manage your subscription", "unsubscribe").
	if wordCount(t) <= 6 && !strings.ContainsAny(t, ".:;") && (strings.HasSuffix(low, " team") || strings.HasSuffix(low, " squad")) {
		return true
	}
	for _, f := range []string{"unsubscribe", "manage your subscription", "you are receiving this", "you received this"} {
		if strings.Contains(low, f) {
			return true
		}
	}
	for _, w := range signOffWords {
		if len(t) >= len(w) && strings.EqualFold(t[:len(w)], w) {
			return true
		}
	}
	return false
}

// ordinalWords open the items of a follow-up list written as one
// paragraph: "First, we'll ... Second, ... Finally, ...".
var ordinalWords = []string{"First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Next", "Then",
	"Also", "Finally", "Lastly", "And finally", "Last"}

// splitOrdinals splits a single paragraph that lists follow-ups with
// ordinals at sentence starts into one text per item, dropping a lead-in
// before "First" ("We agreed on four things."). It needs "First" and one
// more ordinal; anything else is returned as it is.
func splitOrdinals(texts []string) []string {
	if len(texts) != 1 || !strings.Contains(texts[0], "First") {
		return texts
	}
	t := collapseSpace(texts[0])
	var cuts, bodies []int // where each item's ordinal and its text start
	for i := 0; i < len(t); i++ {
		if i > 0 && !(t[i-1] == ' ' && i >= 2 && strings.ContainsRune(".!;)", rune(t[i-2]))) {
			continue
		}
		for _, w := range ordinalWords {
			if !strings.HasPrefix(t[i:], w) || len(cuts) == 0 && w != "First" {
				continue
			}
			rest := t[i+len(w):]
			if strings.HasPrefix(rest, " ,") {
				rest = rest[1:] // "First , every enum": a node boundary before the comma
			}
			skip := len(t[i+len(w):]) - len(rest)
			switch {
			case strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, " of all,") || strings.HasPrefix(rest, "ly,"):
				skip += strings.IndexByte(rest, ',') + 1
			case len(cuts) > 0 && len(rest) > 2 && rest[0] == ' ' && (startsUpper(rest[1:]) || startsLowerWord(rest[1:])):
				// "Then we add a metric", "Also Finance agreed": after
				// "First," the ordinal may go without its comma.
			default:
				continue
			}
			cuts = append(cuts, i)
			bodies = append(bodies, i+len(w)+skip)
			break
		}
	}
	if len(cuts) < 2 {
		return texts
	}
	out := make([]string, 0, len(cuts))
	for k := range bodies {
		end := len(t)
		if k+1 < len(cuts) {
			end = cuts[k+1]
		}
		item := strings.TrimSpace(t[bodies[k]:end])
		if item != "" {
			out = append(out, strings.ToUpper(item[:1])+item[1:])
		}
	}
	return out
}

// headingActions reads follow-ups written as sub-headings, each with its
// details below ("### AI-1: Fix retries" then "Owner: Ana. Status:
// open."): at least two headings make a list; the owner, status, ticket
// and due date may come from the text under each. Otherwise nil.
func headingActions(blocks []block) []model.ActionItem {
	var out []model.ActionItem
	for i := range blocks {
		b := &blocks[i]
		if b.kind == bHeading {
			t, _ := cutItemID(b.text)
			out = append(out, actionFromText(t, -1, b.links))
			continue
		}
		if len(out) > 0 && b.kind == bPara {
			fillAction(&out[len(out)-1], tailOf(actionFromText(collapseSpace(b.text), -1, b.links)))
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// tailOf is the fields of an action item as a tailMeta.
func tailOf(a model.ActionItem) tailMeta {
	return tailMeta{owner: a.Owner, status: a.Status, ticket: a.Ticket, due: a.Due}
}

// reItemID matches the number that opens a line of a list written as
// lines: "AI-1:", "A2.", "FU-3)", "[R4]", "#5", or a ticket key followed
// by two spaces ("OPS-412  Give the handler its own headers",
// "PTASK-0588-1  Assigned to: ..."), or a word
// that names an item and its number ("todo 3  ...", "Item 2: ...",
// "Action 4 - ...").
var reItemID = regexp.MustCompile(`^(?:\[?[A-Z]{1,6}-?[0-9]{1,5}\]?[:.)]|\[[A-Z]{0,6}-?[0-9]{1,5}\] |\[?[A-Z]{1,6}-[0-9]{1,6}(?:-[0-9]{1,4})?\]?  |#[0-9]{1,4}[:.)]? |(?i:todo|to-do|item|action|task|follow-?up|rec(?:ommendation)?) #?[0-9]{1,3}(?:[:.)]|  | [-–—] ))\s*`)

// splitNumberedLines splits a paragraph whose lines open with item numbers
// (reItemID) into one text per item, the lines that open with none
// continuing the item above; a number that is no ticket ("AI-1:") is
// removed. Any other paragraph is returned whole.
func splitNumberedLines(text string) []string {
	if strings.IndexByte(text, '\n') < 0 || !reItemID.MatchString(text) {
		return []string{text}
	}
	lines := strings.Split(text, "\n")
	var out, heads []string
	prefix, indent := "", 0
	for _, raw := range lines {
		l := strings.TrimSpace(raw)
		lead := len(raw) - len(strings.TrimLeft(raw, " \t"))
		// Items open with numbers of one shape at one indent: in "AI-1:
		// ...\n      IAM-209. In progress." the ticket continues AI-1.
		if t, ok := cutItemID(l); ok && (out == nil || itemIDPrefix(l) == prefix && lead <= indent) {
			if out == nil {
				prefix, indent = itemIDPrefix(l), lead
			}
			// "PTASK-0588-1  Assigned to: Payments   State: Open", the text
			// on the lines below: the fields go after the text.
			id, fields := fieldsAfterID(t)
			out, heads = append(out, id), append(heads, fields)
			continue
		}
		if len(out) == 0 {
			return []string{text}
		}
		out[len(out)-1] += " " + l
	}
	if len(out) < 2 {
		return []string{text}
	}
	for i, f := range heads {
		if f != "" {
			out[i] = strings.TrimRight(out[i], ". ") + ". " + f
		}
	}
	return out
}

// fieldsAfterID splits an item line that holds only its ID and fields in
// columns ("PTASK-0588-1  Assigned to: Payments   State: Open") into the
// ID and the fields as sentences ("Assigned to: Payments. State: Open");
// any other line is returned whole, with no fields.
func fieldsAfterID(l string) (id, fields string) {
	cells := reWideGap.Split(strings.TrimSpace(l), -1)
	if len(cells) < 2 {
		return l, ""
	}
	for _, c := range cells[1:] {
		k, v, ok := splitLabel(c)
		if !ok || v == "" {
			return l, ""
		}
		if _, known := actionColumns[normalizeKey(k)]; !known {
			return l, ""
		}
	}
	return cells[0], strings.Join(cells[1:], ". ")
}

// splitAnnotatedLines splits a paragraph of one follow-up per line, each
// ending with its owner or status ("Fix retries (owner: Ana)", "Add an
// alert — Bo — open"), into its items; wrapped lines join the item they
// end. It applies only to a single text with two or more lines all of
// whose items end so; anything else is returned as it is.
func splitAnnotatedLines(texts []string) []string {
	if len(texts) != 1 || strings.Count(texts[0], "\n") == 0 {
		return texts
	}
	var out []string
	cur := ""
	for _, l := range strings.Split(texts[0], "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		cur = strings.TrimSpace(cur + " " + l)
		if a := actionFromText(l, -1, nil); a.Owner != "" || a.Status != "" {
			out = append(out, cur)
			cur = ""
		}
	}
	if cur != "" || len(out) < 2 {
		return texts
	}
	return out
}

// itemIDPrefix is what comes before the digits of an item number ("AI-"
// of "AI-2:", "" of "2.", "#" of "#2").
func itemIDPrefix(l string) string {
	i := strings.IndexAny(l, "0123456789")
	if i < 0 {
		return l
	}
	return strings.TrimLeft(l[:i], "[")
}

// cutItemID reports whether l opens with an item number (reItemID) and
// returns it without a number that is no ticket: "AI-1: Pin the image"
// is "Pin the image", "OPS-4  Pin the image" stays.
func cutItemID(l string) (string, bool) {
	loc := reItemID.FindStringIndex(l)
	if loc == nil {
		return l, false
	}
	id := strings.Trim(l[:loc[1]], " []:.)#")
	if i := strings.IndexByte(id, '-'); i < 0 || notTicketPrefixes[id[:i]] {
		return l[loc[1]:], true
	}
	return l, true
}

// minItemLevel is the shallowest list level of the blocks: a list that is
// indented as a whole (plain text) starts there.
func minItemLevel(blocks []block) int {
	lv := -1
	for i := range blocks {
		if blocks[i].kind == bItem && (lv < 0 || blocks[i].level < lv) {
			lv = blocks[i].level
		}
	}
	return max(lv, 0)
}

// isLabelItem reports an item that only introduces nested items: it ends
// with ":" or is a bold label with nothing after it, or a priority word.
func isLabelItem(b *block) bool {
	t := strings.TrimSpace(b.text)
	// "Short term:", "Owned by Payments:"; not "Make the rotation controller
	// stop draining when surge nodes can't be created:", an item whose
	// sub-bullets are its steps.
	if strings.HasSuffix(t, ":") && len(t) < 80 && wordCount(t) <= 7 {
		return true
	}
	if b.label != "" && strings.TrimSpace(b.rest) == "" && len(b.label) < 60 {
		return true
	}
	switch strings.ToLower(strings.Trim(t, " *_:")) {
	case "high", "medium", "low", "critical", "p0", "p1", "p2", "p3", "short term", "long term",
		"short-term", "long-term", "immediate", "later":
		return true
	}
	return false
}

func actionCols(header []string) map[string]int {
	cols := map[string]int{}
	for i, h := range header {
		n := normalizeKey(h)
		f, ok := actionColumns[n]
		if !ok {
			for k, v := range actionColumns {
				if len(k) > 3 && containsWord(n, k) {
					f, ok = v, true
					break
				}
			}
		}
		if ok {
			if _, seen := cols[f]; !seen {
				cols[f] = i
			}
		}
	}
	return cols
}

func actionFromRow(b *block, cols map[string]int) (model.ActionItem, bool) {
	cell := func(f string) string {
		if i, ok := cols[f]; ok && i < len(b.cells) {
			return strings.TrimSpace(b.cells[i])
		}
		return ""
	}
	text := cell("text")
	if k, rest, _ := strings.Cut(cell("ticket"), " "); text == "" && isTicketKey(k) && strings.TrimSpace(rest) != "" {
		// "TD-11 Alert on kiosk errors" packed into the key column.
		text = strings.TrimSpace(rest)
	}
	if text == "" {
		for i, c := range b.cells {
			if id, ok := cols["id"]; ok && id == i {
				continue
			}
			if c = strings.TrimSpace(c); c != "" && !isBlankValue(c) {
				text = c
				break
			}
		}
	}
	if text == "" || isNonItem(text) || notFollowUp(text, cell("status")) {
		return model.ActionItem{}, false
	}
	checked := int8(-1)
	if m, rest, ok := listMarker(text); ok && (m != "" || strings.HasPrefix(rest, "[")) {
		// A checklist laid out in columns: "- [x] Add a test   Hiro   done".
		text, checked = cutCheckbox(rest, -1)
	}
	a := actionFromText(text, checked, b.links)
	if o := cell("owner"); o != "" && !isBlankValue(o) {
		a.Owner = strings.TrimPrefix(o, "@")
	}
	if s := cell("status"); s != "" {
		if st := normStatus(s); st != "" {
			a.Status = st
		} else if strings.ContainsAny(s, "✅✔☑") {
			a.Status = "done"
		}
	}
	if d := cell("due"); d != "" && !isBlankValue(d) {
		if m, ok := findDate(d); ok {
			a.Due = dueString(m, d)
		} else {
			a.Due = d
		}
	}
	if t := cell("ticket"); t != "" && !isBlankValue(t) {
		if u := reURL.FindString(t); u != "" {
			a.Ticket = u
		} else if k, _, _ := strings.Cut(t, " "); isTicketKey(k) {
			a.Ticket = k
		} else {
			a.Ticket = t
		}
	}
	return a, true
}

// actionFromDraft normalises an export's action item.
func actionFromDraft(d actionDraft) model.ActionItem {
	a := actionFromText(d.text, -1, nil)
	if d.owner != "" {
		a.Owner = strings.TrimPrefix(d.owner, "@")
	}
	if d.status != "" {
		if st := normStatus(d.status); st != "" {
			a.Status = st
		}
	}
	if d.due != "" {
		if m, ok := findDate(d.due); ok {
			a.Due = dueString(m, d.due)
		} else {
			a.Due = d.due
		}
	}
	if d.ticket != "" {
		a.Ticket = d.ticket
	}
	return a
}

// submatchIf runs re only when cond, a necessary condition for a match,
// holds.
func submatchIf(cond bool, re *regexp.Regexp, s string) []string {
	if !cond {
		return nil
	}
	return re.FindStringSubmatch(s)
}

func submatchIndexIf(cond bool, re *regexp.Regexp, s string) []int {
	if !cond {
		return nil
	}
	return re.FindStringSubmatchIndex(s)
}

// hasWordStartFold reports whether one of the lower-case ASCII words
// starts s or follows a byte that is not an ASCII word character (a
// regexp \b before it), ignoring ASCII case.
func hasWordStartFold(s string, words ...string) bool {
	for _, w := range words {
		for off := 0; off < len(s); {
			i := indexFold(s[off:], w)
			if i < 0 {
				break
			}
			i += off
			if i == 0 || !isASCIIWordByte(s[i-1]) {
				return true
			}
			off = i + 1
		}
	}
	return false
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// hasKeyShape is a necessary condition for reTicketKey: an upper-case
// letter or digit, "-" and a digit.
func hasKeyShape(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '-' && s[i+1] >= '0' && s[i+1] <= '9' && (s[i-1] >= 'A' && s[i-1] <= 'Z' || s[i-1] >= '0' && s[i-1] <= '9') {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word w,
// ignoring ASCII case.
func containsFold(s, w string) bool {
	return indexFold(s, w) >= 0
}

// foldIndexes yields every index of the lower-case ASCII string w in s,
// ignoring ASCII case, left to right and not overlapping.
func foldIndexes(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for off := 0; off < len(s) && len(w) > 0; {
			i := indexFold(s[off:], w)
			if i < 0 {
				return
			}
			i += off
			off = i + len(w)
			if !yield(i) {
				return
			}
		}
	}
}

// indexFold returns the first index of the lower-case ASCII string w in s,
// ignoring ASCII case, or -1.
func indexFold(s, w string) int {
	if len(w) == 0 {
		return 0
	}
	// The anchor is the byte candidates are found by (strings.IndexByte,
	// in both cases): the first, or the second when the first is a space
	// (" owns this"), which is everywhere.
	a := 0
	if w[0] == ' ' && len(w) > 1 {
		a = 1
	}
	c0, u0 := w[a], w[a]
	if c0 >= 'a' && c0 <= 'z' {
		u0 = c0 - 'a' + 'A'
	}
	last := len(s) - len(w) // the last start a match can have
	// The next anchor position of each case, kept until passed.
	nextC, nextU := -1, -1
	if u0 == c0 {
		nextU = len(s)
	}
	for i := 0; i <= last; {
		if nextC < i+a {
			if k := strings.IndexByte(s[i+a:last+a+1], c0); k >= 0 {
				nextC = i + a + k
			} else {
				nextC = len(s)
			}
		}
		if nextU < i+a {
			if k := strings.IndexByte(s[i+a:last+a+1], u0); k >= 0 {
				nextU = i + a + k
			} else {
				nextU = len(s)
			}
		}
		i = min(nextC, nextU) - a
		if i > last {
			return -1
		}
		ok := true
		for j := 0; j < len(w); j++ {
			if j == a {
				continue
			}
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
		i++
	}
	return -1
}

func findURL(s string) string {
	if !strings.Contains(s, "http") {
		return ""
	}
	return reURL.FindString(s)
}
