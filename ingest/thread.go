package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/debrief-dev/debrief/model"
)

// reThreadListStart finds a follow-up list opened inside a chat message or
// a log line: "draft follow-ups for the doc:" and, on the same or the
// next line, "1. ...", or a line naming follow-ups ("Follow-ups for
// PIR-33, draft.") followed by checklist items ("- [ ] ...").
var reThreadListStart = regexp.MustCompile(`(?i)\b(?:follow[- ]?ups?|action items?|next steps|todos?|actions|ais)\b(?:[^\n]{0,60}:[ \t]*(?:\n?[ \t]*1[.)]|\n\n?[ \t]*-|\n[ \t]*a\))[ \t]+\S|[^\n:]{0,60}\n\n?[ \t]*-[ \t]+\[[ xX]?\][ \t]+\S)`)

// reLetterItem opens a lettered item on its own line: "  b) FOD: ...".
var reLetterItem = regexp.MustCompile(`(?m)^[ \t]*([a-z])\)[ \t]+\S`)

// reChatStamp opens a chat message or log line: "[10:05 AM] maya:".
var reChatStamp = regexp.MustCompile(`\[(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}`)

// threadActions reads the follow-ups of a writeup that has no follow-up
// section but builds its list in a chat thread or log: the numbered
// items after "follow-ups:" ("1. ... 2. ...", or the list items nested
// under the message that says so), then the items added later
// with the next numbers ("added: 5. fallback direct-send ...", "yes, 6.
// ACL on ..."). An item ends at the next number, at the next message or
// at a blank line; one written inside a sentence ends with it. Fewer than
// two items are none.
func threadActions(secs []model.Section) []model.ActionItem {
	var sb strings.Builder
	for _, s := range secs {
		if s.Kind == model.SectionActionItems || s.Kind == model.SectionTimeline && len(s.Text) == 0 {
			continue
		}
		sb.WriteString(s.Text)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	if items := botFollowUps(text); len(items) >= 2 {
		return items
	}
	if items := chatTasks(text); len(items) >= 2 {
		return items
	}
	loc := reThreadListStart.FindStringIndex(text)
	if loc == nil {
		if items := aiNumberedLines(text); len(items) >= 2 {
			return items
		}
		return labelledLines(text)
	}
	if items := letteredItems(text[loc[0]:]); len(items) >= 2 {
		return items
	}
	var items []string
	pos := loc[0]
	// The list lowered to nested items: "...follow-ups:\n  - a\n  - b".
	if nl := strings.IndexByte(text[loc[0]:loc[1]], '\n'); nl >= 0 && !strings.Contains(text[loc[0]:loc[1]], "1.") &&
		!strings.Contains(text[loc[0]:loc[1]], "1)") {
		items, pos = dashItems(text, loc[0]+nl+1)
	}
	for n := len(items) + 1; n <= 30; n++ {
		at, inline := nextItemNumber(text, pos, n)
		if at < 0 {
			break
		}
		start := at + len(strconv.Itoa(n)) + 1 // past "n." or "n)"
		end := itemEnd(text, start, n+1, inline)
		items = append(items, collapseSpace(text[start:end]))
		pos = end
	}
	if len(items) < 2 {
		return labelledLines(text)
	}
	out := make([]model.ActionItem, 0, len(items))
	for _, t := range items {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, actionFromText(t, -1, nil))
		}
	}
	return out
}

// dashItems reads the "- " items of a list that starts at pos (after a
// blank line, maybe): those at the first item's indent, deeper ones being
// their details, up to a line that is no item or a shallower one (the
// list's parent level: "- Ideas we parked" after the items of "- Action
// items"). Chat messages between ("- [01:33] dohyun.lee") are skipped.
// It returns the items and where the last one ends: later items ("so add
// 6) ...") come after it.
func dashItems(text string, pos int) ([]string, int) {
	if pos < len(text) && text[pos] == '\n' {
		pos++ // a blank line between the lead-in and a checklist
	}
	var items []string
	lastItem := pos
	base := -1
	for pos < len(text) {
		line, _, _ := strings.Cut(text[pos:], "\n")
		t := strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(t, "- ") {
			break
		}
		pos += len(line) + 1
		if indent := len(line) - len(t); base < 0 {
			base = indent
		} else if indent > base {
			continue
		} else if indent < base {
			break
		}
		if strings.HasPrefix(t, "- [") && reChatStamp.MatchString(t[:min(len(t), 24)]) {
			continue
		}
		item := strings.TrimSpace(t[2:])
		if m := reIRCMessage.FindStringSubmatch(item); m != nil {
			// An IRC log's lines as the list: "01:40 <kasia> 1. keep ..."
			// continues it, "01:42 <priya> ack on 2" or a message's own
			// bullet ("- parked, not a follow-up") ends it.
			n := reNumberedBody.FindStringIndex(m[1])
			if n == nil {
				break
			}
			item = strings.TrimSpace(m[1][n[1]:])
		}
		items = append(items, item)
		lastItem = pos
	}
	return items, lastItem
}

// reIRCMessage matches an IRC log line: "01:40 <kasia_w> text".
var reIRCMessage = regexp.MustCompile(`^\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+<[^<>\s]{1,40}>\s*(.*)$`)

// reNumberedBody matches an item number opening a message: "1. ", "2) ".
var reNumberedBody = regexp.MustCompile(`^\d{1,2}[.)]\s+`)

// letteredItems reads a list lettered "a)", "b)", ... on lines of their
// own right after its lead-in line; an item's wrapped lines are part of
// it, and the list ends at a blank line or a letter out of turn. Fewer
// than two items are none.
func letteredItems(text string) []model.ActionItem {
	_, rest, _ := strings.Cut(text, "\n")
	var out []model.ActionItem
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, actionFromText(collapseSpace(strings.Join(cur, " ")), -1, nil))
			cur = nil
		}
	}
	next := 'a'
	for _, l := range strings.Split(rest, "\n") {
		if strings.TrimSpace(l) == "" {
			break
		}
		if m := reLetterItem.FindStringSubmatchIndex(l); m != nil {
			if rune(l[m[2]]) != next {
				break
			}
			flush()
			next++
			cur = append(cur, strings.TrimSpace(l[m[3]+1:]))
			continue
		}
		if next == 'a' {
			break // the lead-in is not followed by "a)"
		}
		cur = append(cur, strings.TrimSpace(l))
	}
	flush()
	if len(out) < 2 {
		return nil
	}
	return out
}

// reBotFollowUp matches an incident bot's confirmations in a chat export:
// 'Follow-up #2 added to CG-3342: "Canary node ..." (owner: Sam)' and
// "Follow-up #3 removed from CG-3342".
var reBotFollowUp = regexp.MustCompile(`(?i)follow[- ]?up #?(\d{1,3}) (added|removed|deleted)\b[^:\n"]*(?::\s*"([^"\n]+)"(.*))?`)

// botFollowUps reads the follow-ups an incident bot confirmed as added,
// leaving out those it confirmed as removed, in their numbers' order.
func botFollowUps(text string) []model.ActionItem {
	if !strings.Contains(text, "#") {
		return nil
	}
	items := map[int]model.ActionItem{}
	var order []int
	for _, m := range reBotFollowUp.FindAllStringSubmatch(text, 200) {
		n, _ := strconv.Atoi(m[1])
		switch strings.ToLower(m[2]) {
		case "added":
			if m[3] == "" {
				continue
			}
			if _, seen := items[n]; !seen {
				order = append(order, n)
			}
			items[n] = actionFromText(m[3]+strings.TrimRight(m[4], " "), -1, nil)
		default:
			delete(items, n)
		}
	}
	var out []model.ActionItem
	for _, n := range order {
		if a, ok := items[n]; ok {
			out = append(out, a)
		}
	}
	return out
}

// reChatTask matches a chat tool's task event: "Ana Ribeiro created a
// task: Replace the drives", "... deleted a task: ...", "... completed a
// task: ...".
var reChatTask = regexp.MustCompile(`(?m)\b(created|added|deleted|removed|completed) a task:[ \t]+(\S[^\n]*)$`)

// chatTasks reads the tasks a chat space's events created, leaving out
// those deleted after and marking those completed as done, in the order
// they were created.
func chatTasks(text string) []model.ActionItem {
	if !strings.Contains(text, " a task: ") {
		return nil
	}
	var out []model.ActionItem
	index := map[string]int{}
	for _, m := range reChatTask.FindAllStringSubmatch(text, 500) {
		t := collapseSpace(m[2])
		key := strings.ToLower(t)
		switch m[1] {
		case "created", "added":
			if _, seen := index[key]; !seen {
				index[key] = len(out)
				out = append(out, actionFromText(t, -1, nil))
			}
		case "completed":
			if i, ok := index[key]; ok {
				out[i].Status = "done"
			}
		default:
			if i, ok := index[key]; ok {
				out[i].Text = "" // deleted
			}
		}
	}
	kept := out[:0]
	for _, a := range out {
		if a.Text != "" {
			kept = append(kept, a)
		}
	}
	return kept
}

// reItemLabel opens a follow-up posted as a message of a chat thread:
// "[10:26 AM] Mo: AI: contract test for ...", "scratch mine. AI: ...",
// "TODO: ...", "action: upgrade the kiosks", a reply "- AI: ...", a
// message under its sender's name "[2:06 PM] dev.kapoor AI: ..." or
// with its time after the name "tom.reilly   10:03 AM  AI: ...".
var reItemLabel = regexp.MustCompile(`(?i)(?:^(?:[-*>•]\s+)?(?:\[[^\]]{3,12}\]\s+[\w.\-]{2,40}\s+|[\w.\-]{2,40}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\s+)?|[.!?]\s+|:\s+)(?:AI|A/I|TODO|Action item|Action|Follow-up|Follow up|FU)\s*:\s+(\S.*)$`)

// labelledLines reads follow-ups posted one a line with an "AI:" label
// (reItemLabel), as chat threads collect them; fewer than two are none.
func labelledLines(text string) []model.ActionItem {
	var out []model.ActionItem
	for line := range strings.SplitSeq(text, "\n") {
		if len(line) > 2000 || !strings.Contains(line, ":") {
			continue
		}
		m := reItemLabel.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		if t := strings.TrimSpace(m[1]); len(t) > 8 {
			out = append(out, actionFromText(t, -1, nil))
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// aiNumberedLines reads the follow-ups of a paragraph whose lines open
// with action-item numbers ("AI-1  Publish pipeline: reject ...",
// wrapped lines continuing them) outside a follow-up section, as an
// e-mail lists them.
func aiNumberedLines(text string) []model.ActionItem {
	var out []model.ActionItem
	for para := range strings.SplitSeq(text, "\n\n") {
		first := strings.TrimSpace(para)
		if len(first) < 4 || !strings.HasPrefix(strings.ToUpper(first[:3]), "AI") || !isDigitByte(first[3]) && first[2] != '-' {
			continue
		}
		if lines := splitNumberedLines(para); len(lines) >= 2 {
			for _, l := range lines {
				out = append(out, actionFromText(collapseSpace(l), -1, nil))
			}
		}
	}
	return out
}

// nextItemNumber finds "n. " followed by a letter in text from pos on,
// within 4,000 bytes, after white space. inline reports a number written
// inside a sentence, after a comma ("yes, 6. ACL").
func nextItemNumber(text string, pos, n int) (at int, inline bool) {
	dot, paren := strconv.Itoa(n)+". ", strconv.Itoa(n)+") "
	limit := min(len(text), pos+4000)
	for off := pos; off < limit; {
		i, marker := strings.Index(text[off:limit], dot), dot
		if j := strings.Index(text[off:limit], paren); j >= 0 && (i < 0 || j < i) {
			i, marker = j, paren
		}
		if i < 0 {
			return -1, false
		}
		i += off
		off = i + len(marker)
		if i > 0 && (isDigitByte(text[i-1]) || text[i-1] == '.') {
			continue // "11. " or "2.1. "
		}
		j := i + len(marker)
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j >= len(text) || !(isWordByte(text[j]) || text[j] == '`') {
			continue
		}
		if i > 0 && !isSpaceByte(text[i-1]) {
			continue
		}
		before := strings.TrimRight(text[max(0, i-8):i], " \t\n")
		return i, strings.HasSuffix(before, ",") || strings.HasSuffix(before, " add")
	}
	return -1, false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// itemEnd is where an item that starts at start ends: at the next item's
// number, the next chat message, a blank line, or, for an item written
// inside a sentence, the sentence's end.
func itemEnd(text string, start, next int, inline bool) int {
	end := len(text)
	if at, _ := nextItemNumber(text, start, next); at >= 0 {
		end = at
	}
	if loc := reChatStamp.FindStringIndex(text[start:end]); loc != nil {
		end = start + loc[0]
	}
	if i := strings.Index(text[start:end], "\n\n"); i >= 0 {
		end = start + i
	}
	if inline {
		if i := strings.Index(text[start:end], ". "); i >= 0 {
			end = start + i + 1
		}
	}
	return end
}
