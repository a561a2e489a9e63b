package ingest

import (
	"sort"
	"strings"
)

// Action items often end with their bookkeeping: "Add alerting - owner:
// hana, status: open, PLAT-6946", "Fix retries (@sam, OPS-12)", "Rotate
// keys. Owner: dana", "Document the runbook https://example.com/issues/9",
// "Automate deploys (#11957)". cutActionTailKnown removes such a tail from the
// item's text so Text keeps only the wording of the action; the values it
// reads there fill the fields other rules left empty.

// tailMeta is what a metadata tail held.
type tailMeta struct {
	owner, status, ticket, due string
}

// tailKeys maps the keys of "key: value" tail items to the field they set.
var tailKeys = map[string]string{
	"owner": "owner", "owners": "owner", "owned by": "owner", "assignee": "owner", "assigned to": "owner",
	"who": "owner", "dri": "owner", "responsible": "owner",
	"status": "status", "state": "status",
	"due": "due", "due date": "due", "eta": "due", "deadline": "due", "target date": "due",
	"ticket": "ticket", "issue": "ticket", "bug": "ticket", "jira": "ticket", "tracking": "ticket",
	"tracking issue": "ticket", "github issue": "ticket", "pr": "ticket", "pull request": "ticket",
	"link": "ticket", "see": "ticket",
}

// tailKeyList is tailKeys' keys, longest first, so "tracking issue" is
// tried before "issue".
var tailKeyList = func() []string {
	keys := make([]string, 0, len(tailKeys))
	for k := range tailKeys {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	return keys
}()

// tailStatusWords are status words that stand alone in a tail ("(done)").
var tailStatusWords = map[string]bool{
	"done": true, "completed": true, "complete": true, "fixed": true, "closed": true, "resolved": true,
	"open": true, "todo": true, "to do": true, "in progress": true, "in-progress": true, "wip": true,
	"ongoing": true, "not started": true,
}

// linkLabels are the words a Markdown link to the ticket is often written
// as ("Fix the culler (issue)", "Keep our own apt mirror Issue"). They are
// removed only when the item has a link.
var linkLabels = []string{"(issue)", "(issue).", "(pr)", "(pull request)", "(link to issue)", "(link)", "(ticket)"}
var bareLinkLabels = []string{"GitHub Issue", "GitHub issue", "Issue", "PR", "Pull Request"}

// cutActionTailKnown returns text without its trailing metadata and what
// the tail held. known holds the fields read before (from positional
// fields): a bare name in brackets then counts as the owner ("Fix it (Ada
// Ng) - done"). Text that is nothing but metadata (a bare URL) is
// returned unchanged.
func cutActionTailKnown(text string, links []string, known tailMeta) (string, tailMeta) {
	m := known
	t := text
	cut := false
	for range 8 {
		t = strings.TrimRight(t, " \t")
		core := strings.TrimSuffix(t, ".")
		n, ok := peelTail(core, links, &m)
		if !ok {
			break
		}
		t, cut = strings.TrimRight(core[:n], " \t,;|-–—:"), true
	}
	if !cut {
		return text, tailMeta{}
	}
	t = strings.TrimRight(t, " \t,;|-–—:")
	if strings.TrimSpace(t) == "" || !hasLetter(t) {
		return text, tailMeta{}
	}
	return t, m
}

// peelTail finds one metadata element at the end of t and returns where it
// starts.
func peelTail(t string, links []string, m *tailMeta) (int, bool) {
	if t == "" {
		return 0, false
	}
	// A trailing bracket group of metadata items: "(@sam, OPS-12)",
	// "(owner: x, due: 2024-05-01)", "[DATA-1500]", "(https://...)".
	if c := t[len(t)-1]; c == ')' || c == ']' {
		if open := matchingOpen(t); open >= 0 {
			inner := t[open+1 : len(t)-1]
			if isMetaList(inner, links, m) {
				return open, true
			}
		}
	}
	if len(links) > 0 {
		for _, l := range linkLabels {
			if len(t) > len(l) && strings.EqualFold(t[len(t)-len(l):], l) && t[len(t)-len(l)-1] == ' ' {
				return len(t) - len(l), true
			}
		}
		for _, l := range bareLinkLabels {
			if strings.HasSuffix(t, l) && len(t) > len(l) && t[len(t)-len(l)-1] == ' ' {
				return len(t) - len(l), true
			}
		}
	}
	// A trailing sentence that is only a status: "Owner: Mira. Done."
	if i := strings.LastIndex(t, ". "); i >= 0 && tailStatusWords[strings.ToLower(t[i+2:])] {
		setTail(&m.status, normStatus(t[i+2:]))
		return i + 1, true
	}
	// The owner after a double dash, once a status or ticket after it was
	// read: "Fix the check  -- ivo, SRE-702, done".
	if i := strings.LastIndex(t, " -- "); i >= 0 && m.owner == "" && (m.status != "" || m.ticket != "") {
		if name := strings.TrimSpace(t[i+4:]); wordCount(name) <= 2 && isNameField(name) && !tailStatusWords[strings.ToLower(name)] {
			setTail(&m.owner, name)
			return i, true
		}
	}
	// A trailing item after a separator: ", due 2024-05-01", " - @sam".
	if sep, n := lastSeparator(t); sep >= 0 && isMetaItem(t[sep+n:], links, m) {
		return sep, true
	}
	// A trailing "key: value" item after a separator or a space:
	// " - owner: hana", ", status: open", ". Owner: dana".
	if k := lastTailKey(t); k >= 0 && isMetaItem(t[k:], links, m) {
		return k, true
	}
	// A trailing token: a ticket key, a URL, "#123" naming a linked issue,
	// possibly after a label ("Ticket #3016", "GitHub issue: https://...").
	sp := strings.LastIndexAny(t, " \t")
	tok := t[sp+1:]
	var got tailMeta
	if !isTailToken(tok, links, &got) {
		return 0, false
	}
	start := sp + 1
	if lab := labelBefore(t[:start]); lab >= 0 {
		start = lab
	} else if endsWithFunctionWord(t[:start]) {
		// "DONE in PR #5126", "see OPS-1": the token is part of the wording.
		return 0, false
	}
	mergeTail(m, got)
	return start, true
}

// lastSeparator returns where the last item separator of t (",", ";",
// "|", " - ", " — ", " – ", " -- ") starts and its length, or -1.
func lastSeparator(t string) (int, int) {
	best, n := -1, 0
	for _, sep := range []string{",", ";", "|", " - ", " — ", " – ", " -- "} {
		if i := strings.LastIndex(t, sep); i > best {
			best, n = i, len(sep)
		}
	}
	return best, n
}

// endsWithFunctionWord reports text ending in a word that needs what
// follows it ("in", "see", "to").
func endsWithFunctionWord(t string) bool {
	t = strings.TrimRight(t, " \t")
	i := strings.LastIndexAny(t, " \t(")
	switch strings.ToLower(t[i+1:]) {
	case "in", "see", "at", "to", "from", "via", "by", "on", "of", "for", "with", "and", "or", "the", "a", "an",
		"pr", "issue", "ticket", "per", "into", "under":
		return true
	}
	return false
}

// matchingOpen returns the index of the bracket that opens the group
// closing at the end of t, or -1.
func matchingOpen(t string) int {
	closeC := t[len(t)-1]
	openC := byte('(')
	if closeC == ']' {
		openC = '['
	}
	depth := 0
	for i := len(t) - 1; i >= 0; i-- {
		switch t[i] {
		case closeC:
			depth++
		case openC:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// isMetaList reports a bracket group's content that is only metadata
// items separated by "," or ";", and records them.
func isMetaList(s string, links []string, m *tailMeta) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	var got tailMeta
	name, items := "", 0
	for item := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ';' }) {
		items++
		if isMetaItem(item, links, &got) {
			continue
		}
		// One bare name beside other fields is the owner: "(Ada Ng,
		// done)", or "(Ada Ng) - done" once the status was read.
		// A handle ("r.okafor", "platform") counts beside a field too.
		if n := strings.TrimSpace(item); name == "" && (isNameField(n) && startsUpper(n) || isHandle(n) && hasLetter(n)) &&
			!notOwnerWords[strings.ToLower(n)] {
			name = n
			continue
		}
		return false
	}
	if name != "" {
		if items < 2 && m.status == "" && m.ticket == "" && m.due == "" {
			return false
		}
		setTail(&got.owner, name)
	}
	mergeTail(m, got)
	return true
}

// notOwnerWords are bracketed words that name no owner: link labels and
// status words ("(Issue)", "(PR)", "(Done)").
var notOwnerWords = map[string]bool{"issue": true, "pr": true, "pull request": true, "ticket": true, "link": true,
	"bug": true, "jira": true, "github issue": true, "done": true, "open": true, "closed": true, "todo": true,
	"wip": true, "fixed": true, "resolved": true, "in progress": true}

// isMetaItem reports one metadata item ("owner: hana", "@sam", "OPS-12",
// "status: open", "done", "due 2024-05-01", "see https://...") and
// records its value in m.
func isMetaItem(s string, links []string, m *tailMeta) bool {
	s = strings.Trim(s, " \t.")
	if s == "" {
		return false
	}
	if isTailToken(s, links, m) {
		return true
	}
	if s[0] == '@' && isHandle(s[1:]) {
		setTail(&m.owner, s[1:])
		return true
	}
	if tailStatusWords[strings.ToLower(s)] {
		setTail(&m.status, normStatus(s))
		return true
	}
	// "done 13 Jun", "closed 2024-06-20": a status and when it was reached.
	if w, rest, ok := strings.Cut(s, " "); ok && tailStatusWords[strings.ToLower(w)] {
		if d, ok := findDate(rest); ok && d.start == 0 && d.end >= len(strings.TrimRight(rest, " .")) {
			setTail(&m.status, normStatus(w))
			return true
		}
	}
	k, v, ok := cutTailKey(s)
	if !ok {
		return false
	}
	switch tailKeys[k] {
	case "owner":
		if len(v) > 40 || wordCount(v) > 4 || strings.ContainsAny(v, ".!?") && !strings.HasPrefix(v, "@") {
			return false
		}
		setTail(&m.owner, strings.TrimPrefix(v, "@"))
	case "status":
		st := normStatus(v)
		if st == "" {
			return false
		}
		setTail(&m.status, st)
	case "due":
		d, ok := findDate(v)
		if !ok || d.start != 0 {
			return false
		}
		setTail(&m.due, dueString(d, v))
	case "ticket":
		var got tailMeta
		if !isTailToken(v, links, &got) {
			return false
		}
		setTail(&m.ticket, got.ticket)
	default:
		return false
	}
	return true
}

// cutTailKey splits "owner: hana", "status = open" or "due 2024-05-01"
// into a known tail key and its value.
func cutTailKey(s string) (string, string, bool) {
	i := strings.IndexAny(s, ":=")
	if i > 0 {
		k := strings.ToLower(strings.TrimSpace(s[:i]))
		v := strings.TrimSpace(s[i+1:])
		if _, ok := tailKeys[k]; ok && v != "" {
			return k, v, true
		}
	}
	// "due 2024-05-01", "see https://...", "owned by EV Charging": a key
	// word then a value.
	for _, k := range []string{"due", "eta", "see", "owned by", "assigned to", "owner"} {
		if len(s) > len(k)+1 && strings.EqualFold(s[:len(k)], k) && s[len(k)] == ' ' {
			return k, strings.TrimSpace(s[len(k)+1:]), true
		}
	}
	return "", "", false
}

// strongTailKeys may follow a plain space ("Fix it owner: x"); the other
// keys need a separator before them (", issue: ...", "; see ...").
var strongTailKeys = map[string]bool{"owner": true, "owners": true, "owned by": true, "assignee": true,
	"assigned to": true, "dri": true, "status": true, "due": true, "due date": true, "eta": true,
	"deadline": true, "ticket": true, "jira": true}

// lastTailKey returns where the last "key:" (or "key =") item of t starts,
// or -1.
func lastTailKey(t string) int {
	if strings.IndexByte(t, ':') < 0 && strings.IndexByte(t, '=') < 0 {
		return -1
	}
	for i := len(t) - 1; i > 0; i-- {
		if t[i] != ':' && t[i] != '=' {
			continue
		}
		key := strings.TrimRight(t[:i], " ")
		for _, k := range tailKeyList {
			if len(key) < len(k) || !strings.EqualFold(key[len(key)-len(k):], k) {
				continue
			}
			st := len(key) - len(k)
			if st == 0 {
				return 0
			}
			if isWordByte(key[st-1]) {
				continue
			}
			before := strings.TrimRight(key[:st], " ")
			if before == "" {
				return 0
			}
			switch before[len(before)-1] {
			case ',', ';', '|', '-', '.', '(', '[':
				return st
			}
			if strongTailKeys[k] && key[st-1] == ' ' {
				return st
			}
		}
	}
	return -1
}

// isTailToken reports a ticket key ("OPS-12"), a URL or "#123" that names
// one of the item's links, and records it as the ticket.
func isTailToken(tok string, links []string, m *tailMeta) bool {
	tok = strings.TrimRight(tok, ".,;:")
	if tok == "" {
		return false
	}
	if strings.HasPrefix(tok, "http://") || strings.HasPrefix(tok, "https://") {
		if u := reURL.FindString(tok); u == tok {
			setTail(&m.ticket, u)
			return true
		}
		return false
	}
	if tok[0] == '#' {
		num := tok[1:]
		if !allDigits(num) {
			return false
		}
		for _, l := range links {
			if strings.HasSuffix(strings.TrimRight(l, "/"), "/"+num) {
				setTail(&m.ticket, l)
				return true
			}
		}
		return false
	}
	if isTicketKey(tok) {
		setTail(&m.ticket, tok)
		return true
	}
	return false
}

// isTicketKey reports "PLAT-6946": an upper-case project key (not CVE,
// SEV, RFC...), a dash and a number.
func isTicketKey(s string) bool {
	dash := strings.IndexByte(s, '-')
	if dash < 1 || dash > 10 || dash == len(s)-1 || len(s)-dash-1 > 7 {
		return false
	}
	if s[0] < 'A' || s[0] > 'Z' || notTicketPrefixes[s[:dash]] {
		return false
	}
	for i := 1; i < dash; i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return allDigits(s[dash+1:])
}

// ticketLabels may stand before a trailing ticket: "Ticket #3016",
// "GitHub issue: https://...", "- Jira: OPS-1".
var ticketLabels = []string{"ticket raised", "ticket", "jira", "github issue", "tracking issue", "pr", "pull request", "bug"}

// labelBefore returns where a ticket label ending t starts, or -1. Labels
// must follow a separator or a sentence end ("... - Ticket #2899"), so
// wording such as "raised a ticket" or "fix the bug:" stays; only the
// unmistakable "GitHub issue:", "Tracking issue:" and "Jira:" may follow
// any word.
func labelBefore(t string) int {
	s := strings.TrimRight(t, " \t")
	colon := strings.HasSuffix(s, ":")
	s = strings.TrimRight(strings.TrimSuffix(s, ":"), " ")
	low := strings.ToLower(s)
	for _, l := range ticketLabels {
		if !strings.HasSuffix(low, l) {
			continue
		}
		i := len(s) - len(l)
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		if colon && (l == "github issue" || l == "tracking issue" || l == "jira") {
			return i // "... zone A GitHub issue: https://..."
		}
		before := strings.TrimRight(s[:i], " ")
		if before == "" {
			return -1 // the label is the whole text: keep it
		}
		switch before[len(before)-1] {
		case '.', '-', ',', ';', '|', ')', '?', '!':
			return i
		}
	}
	return -1
}

func isHandle(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isWordByte(c) && c < 0x80 || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' || s[i] >= 0x80 {
			return true
		}
	}
	return false
}

func setTail(dst *string, v string) {
	if *dst == "" {
		*dst = strings.TrimSpace(v)
	}
}

func mergeTail(m *tailMeta, got tailMeta) {
	setTail(&m.owner, got.owner)
	setTail(&m.status, got.status)
	setTail(&m.ticket, got.ticket)
	setTail(&m.due, got.due)
}
