package ingest

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/debrief-dev/debrief/model"
)

// Teams are stored as slugs so that the spellings of one team group
// together: "Search (indexing)" is search, "Data Pipeline team" is
// data-pipeline, "the crates.io team" is crates-io. Options.TeamAliases
// (from .debrief.yml "teams:" and --team-alias) then map a slug to the
// team it stands for.

// TeamSlug normalises a team name: the first of a list ("A, B"), without
// a parenthesised remark or a sub-team after a spaced dash or slash
// ("Platform SRE - Database Reliability" is platform-sre), links, a
// leading "the"/"our"/"team" or a trailing "team"/"squad", lower case,
// with every run of other characters than letters and digits written
// "-". It returns "" for blank values.
func TeamSlug(s string) string {
	s = stripLinks(s)
	if h := teamHandleName(s); h != "" {
		s = h
	}
	if i := strings.IndexAny(s, ",;\n|"); i > 0 {
		s = s[:i]
	}
	// "Identity & Access. The rotation job is ours": the name ends with
	// its sentence ("crates.io" has no space after its dot).
	if i := strings.Index(s, ". "); i > 0 && i+2 < len(s) && s[i+2] >= 'A' && s[i+2] <= 'Z' {
		s = s[:i]
	}

	s = teamHead(s)
	if isBlankValue(s) || reOpaqueID.MatchString(strings.TrimSpace(s)) {
		return "" // an ID (a UUID, a hex or numeric key) names no team
	}
	words := strings.Fields(strings.ToLower(s))
	for len(words) > 1 && (words[0] == "the" || words[0] == "our" || words[0] == "team") {
		words = words[1:]
	}
	for len(words) > 1 {
		last := words[len(words)-1]
		if last != "team" && last != "squad" && last != "teams" {
			break
		}
		words = words[:len(words)-1]
	}
	var sb strings.Builder
	dash := false
	for _, r := range strings.Join(words, " ") {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return truncateUTF8(sb.String(), 80)
}

// teamHandleName is the team's name in a code host's team handle
// ("@kestrel-air/payments-engineering") or a Backstage group reference
// ("group:default/kestrel-miles"), else "".
func teamHandleName(s string) string {
	t := strings.TrimSpace(s)
	if strings.ContainsAny(t, " \t") || !strings.Contains(t, "/") {
		return ""
	}
	if strings.HasPrefix(t, "@") || strings.HasPrefix(strings.ToLower(t), "group:") {
		return t[strings.LastIndexByte(t, '/')+1:]
	}
	return ""
}

// reOpaqueID matches an identifier that is no name: a UUID, a long hex
// string, a number.
var reOpaqueID = regexp.MustCompile(`^(?i:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[0-9]+)$`)

// teamHead cuts a team name before a parenthesised remark ("Search
// (indexing)") or a sub-team after a spaced dash or slash ("Platform SRE
// - Database Reliability").
func teamHead(s string) string {
	if i := strings.IndexAny(s, "(["); i > 0 {
		s = s[:i]
	}
	for _, sep := range []string{" - ", " – ", " — ", " / ", " -- "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// stripLinks keeps the text of Markdown links and drops URLs and <...>.
func stripLinks(s string) string {
	if i := strings.IndexByte(s, '<'); i > 0 {
		s = s[:i]
	}
	if strings.Contains(s, "](") {
		s = strings.NewReplacer("[", "", "]", " ").Replace(s)
		if i := strings.Index(s, " ("); i > 0 {
			s = s[:i]
		}
	}
	if u := findURL(s); u != "" {
		s = strings.Replace(s, u, "", 1)
	}
	return s
}

// resolveTeam applies the alias map (slug to slug, see slugAliases) to a
// slug, then maps a slug that is none of the map's teams to the one of
// them whose words it contains.
func resolveTeam(slug string, aliases map[string]string) string {
	if t, ok := aliases[slug]; ok || slug == "" {
		return t
	}
	// A name that is no alias nor a known team (the aliases' teams) is
	// the one known team whose words it contains: "store-engineering" is
	// store, "launcher-patching" launcher.
	words := strings.Split(slug, "-")
	match := ""
	for _, t := range aliases {
		if t == slug {
			return slug
		}
		if t == match || !containsAllWords(words, strings.Split(t, "-")) {
			continue
		}
		if match != "" {
			return slug // two known teams fit: no guess
		}
		match = t
	}
	if match != "" {
		return match
	}
	// Else the one team an alias's own words name: "hpc-ops" is the team
	// of the alias "HPC Services", "lms-folks" that of "LMS Team" (words
	// such as "team" and "services" name no team).
	for a, t := range aliases {
		if a == t {
			continue
		}
		own := aliasWords(a)
		if len(own) == 0 || t == match || !containsAllWords(words, own) {
			continue
		}
		if match != "" {
			return slug
		}
		match = t
	}
	if match != "" {
		return match
	}
	// Else a word of the name that the aliases of exactly one team use:
	// "yield-folks" for "Pricing & Yield", "app-crew" for "Guest App Team"
	// and "Mobile Apps" (both the same team).
	if t := teamOfOneAliasWord(words, aliases); t != "" {
		return t
	}
	return slug
}

// teamOfOneAliasWord returns the team whose aliases' own words include
// more words of words (plurals alike) than any other team's do, else "":
// "guest-wifi-folks" is the team of "Guest Network" and "WiFi Ops" (two
// words), not of "Guest App Team" (one).
func teamOfOneAliasWord(words []string, aliases map[string]string) string {
	hits := map[string]int{}
	for _, w := range words {
		if genericTeamWords[w] || len(w) < 2 {
			continue
		}
		short := len(w) < 3 // two letters name a team only as initials
		matched := map[string]bool{}
		for a, t := range aliases {
			if a == t || matched[t] {
				continue
			}
			own := aliasWords(a)
			for _, aw := range own {
				if !short && (aw == w || aw == w+"s" || w == aw+"s") {
					matched[t] = true
					hits[t]++
					break
				}
			}
			if !matched[t] && len(own) >= 2 && (!short && compoundOf(w, own) || initialsOf(w, own)) {
				// "gameserver" for "Game Servers", "ac" for "Anti-Cheat".
				matched[t] = true
				hits[t]++
			}
		}
	}
	team, _, ok := uniqueMax(hits)
	if !ok {
		return ""
	}
	return team
}

// uniqueMax returns the key with the highest count and that count; ok is
// false when counts is empty or two keys share the highest count.
func uniqueMax(counts map[string]int) (key string, n int, ok bool) {
	tie := false
	for k, c := range counts {
		switch {
		case c > n:
			key, n, tie = k, c, false
		case c == n:
			tie = true
		}
	}
	return key, n, key != "" && !tie
}

// compoundOf reports a word written as an alias's words run together,
// plurals alike: "gameserver" for "game servers".
func compoundOf(w string, words []string) bool {
	joined := strings.Join(words, "")
	return w == joined || w+"s" == joined || w == joined+"s"
}

// initialsOf reports a word that is the initials of an alias's words:
// "ac" for "anti cheat".
func initialsOf(w string, words []string) bool {
	if len(w) != len(words) {
		return false
	}
	for i, aw := range words {
		if aw == "" || aw[0] != w[i] {
			return false
		}
	}
	return true
}

// genericTeamWords name no team on their own.
var genericTeamWords = map[string]bool{"team": true, "teams": true, "services": true, "service": true,
	"systems": true, "system": true, "group": true, "squad": true, "tech": true, "technology": true,
	"engineering": true, "platform": true, "platforms": true, "ops": true, "operations": true, "the": true,
	"and": true, "of": true, "management": true, "support": true, "student": true, "digital": true, "it": true}

// aliasWords are the words of an alias that name its team.
func aliasWords(alias string) []string {
	var out []string
	for w := range strings.SplitSeq(alias, "-") {
		if w != "" && !genericTeamWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// knownTeamIn is the known team (a team of the alias map) a team value
// names when its slug resolves to none: through its parenthesised remark
// ("MeterHub Ingestion (Metering)") or one of its alternatives ("Grid /
// Metering"). ok is false when the value's own slug resolves to a known
// team, or nothing does.
func knownTeamIn(v string, aliases map[string]string) (string, bool) {
	if len(aliases) == 0 || isKnownTeam(resolveTeam(TeamSlug(v), aliases), aliases) {
		return "", false
	}
	var cands []string
	if i := strings.IndexByte(v, '('); i >= 0 {
		if j := strings.IndexByte(v[i:], ')'); j > 0 {
			cands = append(cands, TeamSlug(v[i+1:i+j]))
		}
	}
	cands = append(cands, teamAlternatives(v)...)
	for _, c := range cands {
		if t := resolveTeam(c, aliases); c != "" && isKnownTeam(t, aliases) {
			return t, true
		}
	}
	return "", false
}

// isKnownTeam reports a slug that is one of the alias map's teams.
func isKnownTeam(slug string, aliases map[string]string) bool {
	for _, t := range aliases {
		if t == slug && slug != "" {
			return true
		}
	}
	return false
}

// containsAllWords reports whether every word of want is among words, a
// word matching its abbreviation of four letters or more ("tech" is
// "technology", "infra" "infrastructure").
func containsAllWords(words, want []string) bool {
	for _, w := range want {
		found := false
		for _, x := range words {
			if x == w || x == w+"s" || w == x+"s" || len(x) >= 4 && len(w) >= 4 && (strings.HasPrefix(x, w) || strings.HasPrefix(w, x)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// teamWordsGeneric are words that make "the X team" name a team other
// than the one that owns the incident, or no team at all.
var teamWordsGeneric = map[string]bool{
	"next": true, "several": true, "whole": true, "entire": true, "same": true, "other": true, "own": true,
	"wider": true, "broader": true, "relevant": true, "responsible": true, "affected": true, "a": true,
	"an": true, "on-call": true, "oncall": true, "support": true, "customer": true, "legal": true,
	"comms": true, "communications": true, "marketing": true, "sales": true, "us": true, "record.": true,
	"response": true, "incident": true, "entire-": true, "product": true, "each": true, "every": true,
	"that": true, "this": true, "your": true, "their": true, "my": true, "his": true, "her": true,
	"owning": true, "owner": true, "on-call's": true, "internal": true, "external": true, "vendor's": true,
	"right": true, "wrong": true, "correct": true, "proper": true, "appropriate": true, "original": true,
}

// functionWords cannot be part of a team's name: "the PyPI Organization
// the Team belongs to" names no "PyPI Organization the" team.
var functionWords = map[string]bool{"the": true, "our": true, "a": true, "an": true, "of": true, "to": true,
	"and": true, "or": true, "for": true, "with": true, "by": true, "in": true, "on": true, "at": true,
	"from": true, "is": true, "was": true, "are": true, "were": true}

// teamFromText finds the owning team named in prose as "the X team" or
// "our X team" (one to three words). It is reliable only when one team
// is named more often than any other; otherwise it returns "".
func teamFromText(secs []model.Section) string {
	return teamFromPhrases(secs, false)
}

// ownerStatedTeam is teamFromText counting only statements of ownership
// ("X owns this", "written by the X team", "My team (X)", "This one sits
// with X"), not mere mentions.
func ownerStatedTeam(secs []model.Section) string {
	return teamFromPhrases(secs, true)
}

// teamFromPhrases counts the teams the text names (owned: only those it
// says own the writeup) and returns the one named clearly most often.
func teamFromPhrases(secs []model.Section, owned bool) string {
	counts := map[string]int{}
	var people []string
	budget := 64 << 10
	for _, s := range secs {
		text := s.Text
		if len(text) > budget {
			text = truncateUTF8(text, budget)
		}
		budget -= len(text)
		for _, slug := range teamPhrases(text, owned) {
			counts[slug]++
		}
		people = append(people, parenthesisedNames(text)...)
		people = append(people, speakerFirstNames(text)...)
		if budget <= 0 {
			break
		}
	}
	// "Tariq owns this, GS-2210" after "pages on-call (Tariq)": a person
	// who owns an item, not the team.
	for _, p := range people {
		delete(counts, p)
	}
	type kv struct {
		slug string
		n    int
	}
	var all []kv
	for k, n := range counts {
		all = append(all, kv{k, n})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].slug < all[j].slug
	})
	if len(all) == 0 || (len(all) > 1 && all[1].n >= all[0].n) {
		return ""
	}
	return all[0].slug
}

// teamPhrases returns the slugs of every "the X team" in text, and of
// every "X team" that owns the writeup ("Billing team owns this one",
// "owned by the Search team"), which counts ownerWeight times.
func teamPhrases(text string, owned bool) []string {
	var out []string
	for off := 0; off < len(text); {
		i := indexFold(text[off:], "team")
		if i < 0 {
			break
		}
		i += off
		off = i + 4
		// "team" or "team's"; "teams" names several teams, no owner.
		if i == 0 || isWordByte(text[i-1]) || (off < len(text) && isWordByte(text[off])) {
			continue
		}
		words := strings.Fields(text[max(0, i-80):i])
		// "My team (Customer Portal) owned the change": the author's team.
		if len(words) > 0 && (strings.EqualFold(words[len(words)-1], "my") || strings.EqualFold(words[len(words)-1], "our")) {
			if name := parenthesisedName(text[off:]); name != "" {
				out = appendN(out, TeamSlug(name), ownerWeight)
				continue
			}
		}
		owns := ownsAfter(text[off:])
		if owns && (len(words) < 2 || !isDeterminer(words[len(words)-2])) && !determinedName(words) {
			if name := capitalisedRun(words); name != nil && teamNameOK(name) {
				out = appendN(out, TeamSlug(strings.Join(name, " ")), ownerWeight)
				continue
			}
		}
		maxWords := 3
		if k := len(words); k >= 3 && (words[k-2] == "&" || words[k-3] == "&") {
			maxWords = 4 // "our Booking & Shop engineering team"
		}
		for n := 1; n <= maxWords && n < len(words); n++ {
			if !isDeterminer(words[len(words)-n-1]) {
				continue
			}
			name := words[len(words)-n:]
			if teamNameOK(name) {
				w := 1
				if owns || ownedByBefore(words[:len(words)-n-1]) {
					w = ownerWeight
				} else if owned {
					w = 0
				}
				out = appendN(out, TeamSlug(strings.Join(name, " ")), w)
			}
			break
		}
	}
	out = append(out, leadStatements(text)...)
	out = append(out, myTeamRemarks(text)...)
	out = append(out, possessiveClaims(text)...)
	out = append(out, groupClaims(text)...)
	out = append(out, ticketOwners(text)...)
	return append(out, ownerStatements(text)...)
}

// reTicketOwner matches a ticket that a team owns: "TT-60214 is owned by
// Contact Centre Systems, the Auckland team".
var reTicketOwner = regexp.MustCompile(`\b[A-Z][A-Z0-9]*-\d+ is owned by ((?:[A-Z][\w&-]*|&)(?: (?:[A-Z][\w&-]*|&)){0,4})`)

// ticketOwners returns ownerWeight times the slug of every team that
// reTicketOwner finds owning the incident's ticket.
func ticketOwners(text string) []string {
	if !strings.Contains(text, " is owned by ") {
		return nil
	}
	var out []string
	for _, m := range reTicketOwner.FindAllStringSubmatch(truncateUTF8(text, 64<<10), -1) {
		if name := strings.Fields(m[1]); teamNameOK(name) {
			out = appendN(out, TeamSlug(m[1]), ownerWeight)
		}
	}
	return out
}

// reGroupClaim matches an informal group that claims the writeup: "the
// guest wifi folks in Denver own the writeup", "the PMS guys have taken
// the postmortem", "the app crew owns this one".
var reGroupClaim = regexp.MustCompile(`\b(?i:the)\s((?:[\w&/-]+\s){0,3}(?i:folks|guys|crew|people|lot))(?:\s(?:in|at|over in|out in|from)\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?\s(?i:owns?|owned|ha(?:ve|s)\s+taken|took|are\s+writing|wrote)\s+(?i:the\s+(?:writeup|write-up|postmortem|post-mortem|review|retro|pir|rca|incident|follow-ups)|this|it)\b`)

// groupClaims returns ownerWeight times the slug of every group that
// reGroupClaim finds claiming the writeup.
func groupClaims(text string) []string {
	if indexFold(text, " folks") < 0 && indexFold(text, " guys") < 0 && indexFold(text, " crew") < 0 &&
		indexFold(text, " people") < 0 && indexFold(text, " lot ") < 0 {
		return nil
	}
	var out []string
	for _, m := range reGroupClaim.FindAllStringSubmatch(truncateUTF8(text, 64<<10), -1) {
		if name := strings.Fields(m[1]); len(name) >= 2 && !pronouns[strings.ToLower(name[0])] {
			out = appendN(out, TeamSlug(m[1]), ownerWeight)
		}
	}
	return out
}

// rePossessiveClaim matches a claim that the incident is a team's: "this
// one is Billing's", "This one is Payments'", "the outage was Search's".
var rePossessiveClaim = regexp.MustCompile(`(?i:\b(?:this one|this incident|this outage|this|it|the incident|the outage) (?:is|was)) ([A-Z][\w&-]*(?: (?:& )?[A-Z][\w&-]*){0,3})(?:'s|’s|'|’)(?:[^\w]|$)`)

// possessiveClaims returns ownerWeight times the slug of every team a
// possessive claim names (rePossessiveClaim).
func possessiveClaims(text string) []string {
	if !strings.Contains(text, "'") && !strings.Contains(text, "’") {
		return nil
	}
	var out []string
	for _, m := range rePossessiveClaim.FindAllStringSubmatch(truncateUTF8(text, 64<<10), -1) {
		if name := strings.Fields(m[1]); teamNameOK(name) && !pronouns[strings.ToLower(name[0])] {
			out = appendN(out, TeamSlug(m[1]), ownerWeight)
		}
	}
	return out
}

// myTeamRemarks returns ownerWeight times the slug of every capitalised
// name that a remark calls the writer's team: "Baggage Tracking (my team)
// is on it".
func myTeamRemarks(text string) []string {
	var out []string
	for _, remark := range []string{" (my team)", " (our team)", " (my squad)", " (our squad)"} {
		for i := range foldIndexes(text, remark) {
			words := strings.Fields(text[max(0, i-60):i])
			if name := capitalisedRun(words); name != nil && teamNameOK(name) && !pronouns[strings.ToLower(name[0])] {
				out = appendN(out, TeamSlug(strings.Join(name, " ")), ownerWeight)
			}
		}
	}
	return out
}

// determinedName reports words that end in "the X team" form with a
// name of up to three words after the determiner ("the Identity & Access").
func determinedName(words []string) bool {
	for n := 1; n <= 3 && n < len(words); n++ {
		if isDeterminer(words[len(words)-n-1]) {
			return teamNameOK(words[len(words)-n:])
		}
	}
	return false
}

// parenthesisedName is the capitalised name of one to four words in
// parentheses that open rest (" (Customer Portal) owned"), or "".
func parenthesisedName(rest string) string {
	rest = strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(rest, "(") {
		return ""
	}
	j := strings.IndexByte(rest, ')')
	if j < 0 || j > 60 {
		return ""
	}
	name := strings.TrimSpace(rest[1:j])
	if n := wordCount(name); n == 0 || n > 4 || !properName(name) {
		return ""
	}
	return name
}

// ownerStatements returns ownerWeight times the slug of every
// capitalised name that opens a sentence and owns the writeup without
// the word "team": "Payments owns this one.", "Claims Intake ran this
// review". Pronouns ("We own this") name no team.
func ownerStatements(text string) []string {
	var out []string
	for _, verb := range []string{" owns this", " owned this", " own this", " ran this review", " runs this review",
		" owns\n", " owns.", " owns,", " owns the review", " owns the incident", " owns it.", " owns it,", " owns it\n",
		" owns the postmortem", " owns the post-mortem", " owns the retro", " owns the writeup", " owns the write-up",
		" owns the pm", " owns the rca"} {
		weight := ownerWeight
		for i := range foldIndexes(text, verb) {
			before := text[max(0, i-90):i]
			// "Social (voice squad) owns this incident": the name before
			// its remark.
			if strings.HasSuffix(before, ")") {
				if j := strings.LastIndexByte(before, '('); j > 0 && i-len(before)+j > 0 {
					before = before[:j]
				}
			}
			words := strings.Fields(before)
			name := capitalisedRun(words)
			if name == nil && len(words) > 0 && lowerOwner(words) {
				// "I'll IC, fleet-telematics owns", "... tomorrow. ticketing
				// owns this one": a slug, or one word opening a sentence.
				out = appendN(out, TeamSlug(words[len(words)-1]), weight)
				continue
			}
			// A run that fills a cut window may go on before it: no
			// sentence start is in sight.
			if name == nil || len(name) >= len(words) && i > 60 {
				continue
			}
			// A sentence starts after ".!?:" or at a line's start (a chat
			// message: "Karolina\nIdentity owns it.": the name is the
			// line's, not the run across the line break).
			lineStart := false
			if lw := strings.Fields(before[strings.LastIndexByte(before, '\n')+1:]); len(lw) > 0 && len(lw) < len(words) {
				if ln := capitalisedRun(lw); len(ln) == len(lw) {
					name, lineStart = ln, true
				}
			}
			if k := len(words) - len(name); k > 0 && !lineStart && !strings.ContainsAny(words[k-1][len(words[k-1])-1:], ".!?:,") {
				continue // not at a sentence start: "... and Payments owns this" ("for the record, X owns this" is)
			}
			if pronouns[strings.ToLower(name[0])] || !teamNameOK(name) {
				continue
			}
			out = appendN(out, TeamSlug(strings.Join(name, " ")), weight)
		}
	}
	return out
}

// ownerLeads state ownership with the team after them: "This one sits
// with Payments", "This is ours — journey planner, the timetable squad",
// "owning team: Fleet Telematics" in a bot's message.
var ownerLeads = []string{"sits with ", "this is ours — ", "this is ours - ", "this is ours – ", "this is ours, ",
	"this one is ours — ", "this one is ours - ", "this one is ours, ", "it's ours — ", "it's ours - ",
	"owning team: ", "owning team - ", "owner team: ", "owning squad: ", "accountable team: ", "responsible team: ",
	"owning team is ", "owning team was ", "ours, meaning ", "is ours, i.e. ", "belongs to ", "all belong to ", "this is ours (",
	"ownership for the pm: ", "ownership for the review: ", "owner for the pm: ", "owning team set to ",
	"owner set to ", "owning team ", "incident is owned by ", "this is owned by ", "review is owned by ",
	"postmortem is owned by ", "writeup is owned by ", "retro is owned by ", "sent on behalf of ",
	"written on behalf of "}

// leadStatements returns ownerWeight times the slug of every team named
// right after one of ownerLeads: the words up to the next punctuation,
// at most four, that are no pronoun or generic word.
func leadStatements(text string) []string {
	var out []string
	for _, lead := range ownerLeads {
		for i := range foldIndexes(text, lead) {
			rest := text[i+len(lead) : min(len(text), i+len(lead)+60)]
			for _, p := range []string{"us in ", "us, ", "us — ", "us - ", "us in the ", "us (", "the "} {
				if len(rest) > len(p) && strings.EqualFold(rest[:len(p)], p) {
					rest = rest[len(p):] // "sits with us in Invoicing"
				}
			}
			if lead == "owning team " && !startsUpper(rest) {
				continue // "owning team set to X", "owning team is X": the longer leads
			}
			if j := strings.IndexAny(rest, ",.;:()|—–\n\"'"); j >= 0 {
				rest = rest[:j]
			}
			for _, cut := range []string{" - ", " owns", " own ", " is "} {
				if j := strings.Index(rest, cut); j >= 0 {
					rest = rest[:j] // "this is ours (Game Servers owns the fleet)"
				}
			}
			words := strings.Fields(rest)
			// The lead states ownership: a generic word ("Billing") names
			// the team here.
			if len(words) == 0 || len(words) > 4 || pronouns[strings.ToLower(words[0])] ||
				functionWords[strings.ToLower(words[0])] || !hasLetter(words[0]) {
				continue
			}
			out = appendN(out, TeamSlug(strings.Join(words, " ")), ownerWeight)
		}
	}
	return out
}

// lowerOwner reports a lower-case owner that ends words: a slug
// ("fleet-telematics"), or a single word that opens a sentence and is no
// pronoun, function word or generic word ("ticketing").
func lowerOwner(words []string) bool {
	w := words[len(words)-1]
	if strings.ToLower(w) != w || strings.ContainsAny(w, ".@,;:!?()\"'") || !hasLetter(w) {
		return false
	}
	if strings.Count(w, "-") >= 1 {
		return true
	}
	if pronouns[w] || functionWords[w] || teamWordsGeneric[w] || len(w) < 4 {
		return false
	}
	if len(words) == 1 {
		return true
	}
	prev := words[len(words)-2]
	return strings.HasSuffix(prev, ".") || strings.HasSuffix(prev, "!") || strings.HasSuffix(prev, "?")
}

// parenthesisedNames are the slugs of the one-word capitalised names the
// text puts in parentheses after an on-call, an IC or a lead, as people
// ("Game Servers on-call (Tariq)").
func parenthesisedNames(text string) []string {
	var out []string
	for off := 0; off < len(text); {
		i := strings.IndexByte(text[off:], '(')
		if i < 0 {
			break
		}
		i += off
		off = i + 1
		j := strings.IndexAny(text[i+1:min(len(text), i+40)], "),")
		if j <= 0 {
			continue
		}
		w := text[i+1 : i+1+j]
		before := strings.ToLower(strings.TrimRight(text[max(0, i-12):i], " "))
		person := strings.HasSuffix(before, "on-call") || strings.HasSuffix(before, "oncall") ||
			strings.HasSuffix(before, " ic") || strings.HasSuffix(before, "paged") || strings.HasSuffix(before, "lead")
		if person && strings.IndexByte(w, ' ') < 0 && startsUpper(w) && !orgWords[strings.ToLower(w)] && hasLetter(w) {
			out = append(out, TeamSlug(w))
		}
	}
	return out
}

// reSpeaker matches a transcript's or chat's speaker label at a line's
// start: "00:04:13  Ravi Iyer: ...", "[10:02] Ana Silva: ...".
var reSpeaker = regexp.MustCompile(`(?m)^(?:- )?(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?(\p{Lu}\p{Ll}+) \p{Lu}[\p{L}'-]+:\s`)

// speakerFirstNames are the first names of the speakers of a transcript
// ("Ravi owns." then names a person, not a team).
func speakerFirstNames(text string) []string {
	if !strings.Contains(text, ": ") {
		return nil
	}
	var out []string
	for _, m := range reSpeaker.FindAllStringSubmatch(text, 200) {
		if !orgWords[strings.ToLower(m[1])] {
			out = append(out, TeamSlug(m[1]))
		}
	}
	return out
}

// pronouns open sentences that state ownership without naming a team.
var pronouns = map[string]bool{"we": true, "i": true, "they": true, "it": true, "he": true, "she": true,
	"who": true, "nobody": true, "everyone": true, "somebody": true, "someone": true, "you": true,
	"this": true, "that": true, "which": true, "us": true, "them": true, "me": true, "ours": true}

func isDeterminer(w string) bool {
	w = strings.ToLower(w)
	// "written by Tidewater's Site Reliability team": a possessive is one.
	return w == "the" || w == "our" || len(w) > 3 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") ||
		strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’"))
}

// ownerWeight is how many mentions one that states ownership is worth.
const ownerWeight = 3

func appendN(out []string, s string, n int) []string {
	for range n {
		out = append(out, s)
	}
	return out
}

// ownsAfter reports text right after "team" that states ownership of the
// writeup or incident: "owns this", "ran the review", "is responsible".
func ownsAfter(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	for _, p := range []string{"owns ", "owned ", "own this", "ran this", "ran the review", "runs this", "wrote this",
		"wrote the", "is responsible", "are responsible", "was responsible", "led the review", "authored",
		", which owns", ", who own", ", who owns", "accepts responsibility", "is the owning team", "as the accountable team",
		"is accountable"} {
		if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
			return true
		}
	}
	return false
}

// ownedByBefore reports words that end in "owned by", "run by", "written
// by", "prepared by", "led by" or "on behalf of" (before "the X team").
func ownedByBefore(words []string) bool {
	if len(words) < 2 {
		return false
	}
	last2 := strings.ToLower(words[len(words)-2] + " " + words[len(words)-1])
	switch last2 {
	case "owned by", "run by", "written by", "prepared by", "led by", "authored by", "behalf of", "together by",
		"after by",
		"compiled by", "drafted by", "produced by", "facilitated by", "organised by", "organized by":
		return true
	}
	// "Written up by Priya Natarajan for the Payments team."
	if strings.EqualFold(words[len(words)-1], "for") {
		for _, w := range words[max(0, len(words)-8) : len(words)-1] {
			switch strings.ToLower(w) {
			case "written", "prepared", "compiled", "drafted", "authored", "facilitated":
				return true
			}
		}
	}
	return false
}

// capitalisedRun is the one to three capitalised words that end words
// and open a sentence or follow a lower-case word ("Billing" in "issue.
// Billing"), or nil.
func capitalisedRun(words []string) []string {
	n := 0
	for n < 3 && n < len(words) && startsUpper(words[len(words)-1-n]) && !strings.ContainsAny(words[len(words)-1-n], ".,;:!?") {
		n++
	}
	if n == 0 {
		return nil
	}
	// "Billing & Collections": a capitalised word before the "&" joins it.
	if k := len(words) - 1 - n; k >= 1 && words[k] == "&" && startsUpper(words[k-1]) && !strings.ContainsAny(words[k-1], ".,;:!?") {
		n += 2
	}
	return words[len(words)-n:]
}

// teamNameOK reports words that can name a team: no generic word, no
// punctuation that ends a sentence, and not a plain stop word.
func teamNameOK(words []string) bool {
	proper := len(words) > 1
	for _, w := range words {
		if !startsUpper(w) {
			proper = false
		}
	}
	for _, w := range words {
		if strings.ContainsAny(w, ",;:!?()\"'`") || strings.HasSuffix(w, ".") || functionWords[strings.ToLower(w)] {
			return false
		}
		// A generic word ("the support team") names no owner, unless it is
		// part of a capitalised name ("the Customer Support Tools team").
		if teamWordsGeneric[strings.ToLower(w)] && !proper {
			return false
		}
	}
	return true
}

// orgWords are words of team names that are not people's names: an
// owner field holding "Data Platform" or "Billing" names a team, one
// holding "Jonas Keller" a person.
var orgWords = map[string]bool{
	"platform": true, "platforms": true, "systems": true, "system": true, "engineering": true, "eng": true,
	"infrastructure": true, "infra": true, "reliability": true, "sre": true, "operations": true, "ops": true,
	"devops": true, "data": true, "billing": true, "payments": true, "payment": true, "security": true,
	"network": true, "networking": true, "storage": true, "database": true, "databases": true, "dba": true,
	"mobile": true, "apps": true, "app": true, "web": true, "frontend": true, "backend": true, "api": true,
	"apis": true, "integrations": true, "integration": true, "portal": true, "services": true, "service": true,
	"identity": true, "access": true, "auth": true, "analytics": true, "finance": true, "core": true,
	"search": true, "tooling": true, "tools": true, "release": true, "build": true, "growth": true,
	"commerce": true, "checkout": true, "accounts": true, "messaging": true, "notifications": true,
	"observability": true, "monitoring": true, "cloud": true, "compute": true, "edge": true, "cdn": true,
	"support": true, "delivery": true, "experience": true, "product": true, "it": true, "team": true,
	"pricing": true, "feeds": true, "catalog": true, "catalogue": true, "fulfilment": true, "fulfillment": true,
	"logistics": true, "dispatch": true, "loyalty": true, "rewards": true, "promotions": true, "fraud": true,
	"comms": true, "documents": true, "collections": true, "claims": true, "quotes": true, "policy": true,
}

// ownerTeam is the slug of the first owner value that names a team: one
// that ends in team/squad/group/crew, or at most four words that are not
// an author's name and either hold a word of orgWords, are all lower case
// ("customer tracking"; a person in terse notes is "felix"), or stand
// before "team" or "on-call" in the text ("Billing on-call paused...").
func ownerTeam(vals []string, pm *model.Postmortem) string {
	vals = dropOwnerPronouns(vals)
	for i, v := range vals {
		vals[i] = ownerValueHead(v)
	}
	for i, v := range vals {
		// "@Admissions & Enrolment Systems": a mention chip of a team.
		if t := strings.TrimSpace(v); strings.HasPrefix(t, "@") && strings.Contains(t, " ") {
			vals[i] = t[1:]
		}
	}
	if slug := teamShaped(vals, " team", " squad", " group", " crew", " folks", " guys"); slug != "" {
		return slug
	}
	for _, v := range vals {
		if ownerIsTeam(v, pm) {
			return TeamSlug(v)
		}
	}
	return ""
}

// ownerValueHead is the part of an owner value that names the owner: its
// first sentence ("SRE. I'll write it up Thursday."), without a remark on
// where the owner sits ("RAN eng (Sydney)") and a place after a comma
// ("Charging team, Sydney").
func ownerValueHead(v string) string {
	v = strings.TrimSpace(v)
	for i := 0; i+2 < len(v); i++ {
		if v[i] == '.' && v[i+1] == ' ' && v[i+2] >= 'A' && v[i+2] <= 'Z' && i > 1 {
			v = v[:i]
			break
		}
	}
	if i := strings.IndexByte(v, '('); i > 0 && strings.HasSuffix(v, ")") {
		if remark := v[i+1 : len(v)-1]; reOnePlace.MatchString(remark) {
			v = strings.TrimSpace(v[:i])
		}
	}
	if i := strings.Index(v, ", "); i > 0 && reOnePlace.MatchString(strings.TrimSpace(strings.SplitN(v[i+2:], " (", 2)[0])) {
		if head := v[:i]; teamShaped([]string{head}, " team", " squad", " group", " crew", " folks", " guys") != "" {
			v = head
		}
	}
	return v
}

// reOnePlace matches a place name alone: one or two capitalised words.
var reOnePlace = regexp.MustCompile(`^[A-Z][a-z]+(?: [A-Z][a-z]+)?$`)

// dropOwnerPronouns removes a leading "us." or "we," from owner values:
// "**Who owns it:** us. Game Servers, fleet squad" is Game Servers.
func dropOwnerPronouns(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = v
		t := strings.TrimSpace(v)
		for _, p := range []string{"us.", "us,", "us -", "us —", "us:", "we.", "we,", "we -", "we —", "we:"} {
			if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) {
				out[i] = strings.TrimSpace(t[len(p):])
				break
			}
		}
	}
	return out
}

// ownerIsTeam reports an owner value that names a team (see ownerTeam).
func ownerIsTeam(v string, pm *model.Postmortem) bool {
	name := teamHead(v)
	name = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), ".,;"))
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 4 || strings.ContainsAny(name, "@/:") {
		return false
	}
	for _, a := range pm.Authors {
		if strings.EqualFold(a, name) {
			return false
		}
	}
	lower := strings.ToLower(name)
	if len(words) >= 2 && lower == name {
		return true
	}
	// "fleet-telematics": a slug; people are written "r.okafor" or "felix".
	if len(words) == 1 && lower == name && strings.Count(name, "-") >= 1 && !strings.ContainsAny(name, "._") &&
		hasLetter(strings.ReplaceAll(name, "-", "")) {
		return true
	}
	// "EV Charging (smart charging squad)": the remark says it is a team.
	if rest := strings.ToLower(v[min(len(v), len(teamHead(v))):]); strings.HasPrefix(strings.TrimSpace(rest), "(") {
		for _, w := range []string{"team", "squad", "group", "crew", "tribe", "guild", "chapter", "engineering"} {
			if containsWord(rest, w) {
				return true
			}
		}
	}
	for _, w := range words {
		if orgWords[strings.ToLower(strings.Trim(w, "&-"))] {
			return true
		}
	}
	budget := 64 << 10
	for _, s := range pm.Sections {
		text := s.Text
		if len(text) > budget {
			text = truncateUTF8(text, budget)
		}
		budget -= len(text)
		for _, after := range []string{" team", " on-call", " oncall", " on call"} {
			if indexFold(text, lower+after) >= 0 {
				return true
			}
		}
		if budget <= 0 {
			break
		}
	}
	return false
}

// teamFromPreamble reads the lines before the first section heading (the
// writeup's header): an "Owner: X" line whose value names a team (see
// ownerTeam), or a byline segment "Driver Payments team · LF-2025-079"
// of at most five words ending in "team" or "squad".
func teamFromPreamble(pm *model.Postmortem) string {
	if segs := strings.Split(pm.Title, " | "); len(segs) > 1 {
		// A first line of fields taken for the title.
		for _, seg := range segs {
			if slug := labelTeam(seg, pm); slug != "" {
				return slug
			}
		}
	}
	if len(pm.Sections) == 0 || pm.Sections[0].Heading != "" {
		return ""
	}
	lines := strings.SplitN(truncateUTF8(pm.Sections[0].Text, 4000), "\n", 16)
	if len(lines) > 15 {
		lines = lines[:15]
	}
	for _, l := range lines {
		l = strings.TrimSpace(strings.TrimLeft(l, "-*> "))
		// "sev=2   owner=GIS & Asset Registry   ic=t.haddad": key=value
		// fields side by side.
		if strings.Count(l, "=") >= 2 {
			for _, seg := range reWideGap.Split(l, -1) {
				if slug := labelTeam(strings.Replace(seg, "=", ": ", 1), pm); slug != "" {
					return slug
				}
			}
		}
		// "Channel topic: INC-2419 | SEV-2 | owning team: Data Engineering":
		// fields side by side.
		if segs := strings.Split(l, " | "); len(segs) > 1 {
			for _, seg := range segs {
				if slug := labelTeam(seg, pm); slug != "" {
					return slug
				}
			}
		}
		if k, v, ok := splitLabel(strings.ReplaceAll(l, "**", "")); ok {
			if strings.EqualFold(k, "from") && claimsOwnership(pm) {
				// "From: Claire Osei, Engineering Manager, Metering" of
				// an e-mail whose writer says "my team" ran the review.
				if slug := roleTeam(v, pm); slug != "" {
					return slug
				}
			}
			if ownerKeys[normalizeKey(k)] && v != "" {
				if slug := ownerTeam([]string{v}, pm); slug != "" {
					return slug
				}
			}
			continue
		}
		for _, seg := range bylineSegments(l) {
			// "sev2 · owned by matchmaking (queue/party squad) · IC: Tomas"
			if len(seg) > 9 && strings.EqualFold(seg[:9], "owned by ") {
				if v := strings.TrimSpace(seg[9:]); wordCount(teamHead(v)) <= 4 && hasLetter(v) {
					return TeamSlug(v)
				}
			}
			if !properName(seg) {
				continue
			}
			if slug := teamShaped([]string{seg}, " team", " squad"); slug != "" {
				return slug
			}
		}
	}
	return ""
}

// teamFromFieldLine reads a team field written as a line of the body
// ("OWNER OF INCIDENT: Warehouse Systems (WMS) — their patch", "Owning
// team: Search") outside the follow-ups and the timeline's entries, whose
// owners and teams are those of items and events: a team key's value, or an
// owner key's value that names a team (see labelTeam). Lines of the
// timeline that are no entries count.
func teamFromFieldLine(pm *model.Postmortem) string {
	budget := 64 << 10
	for _, s := range pm.Sections {
		if s.Kind == model.SectionActionItems {
			continue
		}
		text := truncateUTF8(s.Text, budget)
		budget -= len(text)
		for _, l := range strings.Split(text, "\n") {
			if s.Kind == model.SectionTimeline && (strings.HasPrefix(l, "- ") || l != "" && isDigitByte(l[0])) {
				continue // an entry, whose fields are the event's
			}
			l = strings.TrimSpace(strings.TrimLeft(l, "-*_> "))
			if len(l) > 9 && strings.EqualFold(l[:9], "owned by ") {
				// "_Owned by Cloud Platform / SRE. Written up by ..._"
				v, _, _ := strings.Cut(l[9:], ". ")
				if slug := fieldTeam("owned by", strings.TrimRight(v, "._*"), pm); slug != "" {
					return slug
				}
				continue
			}
			if len(l) < 6 || len(l) > 400 || !strings.Contains(l[:min(len(l), 40)], ":") {
				continue
			}
			k, v, ok := splitLabel(strings.ReplaceAll(l, "**", ""))
			if !ok || v == "" || wordCount(k) > 4 {
				continue
			}
			// "Warehouse Systems (WMS) — their patch, their PM."
			v, _, _ = strings.Cut(v, " — ")
			if slug := fieldTeam(k, v, pm); slug != "" {
				return slug
			}
		}
		if budget <= 0 {
			break
		}
	}
	return ""
}

// channelOwner is the owner a chat export's channel topic or header
// states ("Topic: INC-7 | Sev2 | Owner: Metering (MeterHub squad)"), the
// last one when the export shows the header changed ("@hana updated the
// channel header from: ... to: Sev2 | Owner: Contact Centre"), or "". In
// such an export a "Team:" field names the chat workspace (Mattermost's
// teams, Slack's workspaces), so the topic's owner comes first. blocks are
// the writeup's blocks before metadata lines are taken out.
func channelOwner(blocks []block) string {
	channel := false
	owner := ""
	lead := false // the line before ended "channel topic as set by the IC:"
	for i := range blocks {
		for _, l := range strings.Split(truncateUTF8(blocks[i].text, 4000), "\n") {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			v := ""
			if lead {
				v, lead = l, false
			}
			if k, rest, ok := splitLabel(l); ok {
				switch strings.ToLower(k) {
				case "channel":
					channel = true
				case "topic", "header", "channel topic", "channel header":
					v = rest
				}
			}
			// "updated the channel header to: X", "set the channel topic: X"
			// IRC: "-!- marta changed the topic of #inc to: SEV-2 | owner: X".
			if indexFold(l, "channel header") >= 0 || indexFold(l, "channel topic") >= 0 || indexFold(l, "the topic of ") >= 0 {
				channel = true
				if t := strings.LastIndex(l, " to: "); t > 0 {
					v = l[t+5:]
				} else if t := indexFold(l, "topic: "); t >= 0 {
					v = l[t+7:] // "channel topic changed topic: SEV-2 | Owner: X"
				} else if t := indexFold(l, "header: "); t >= 0 {
					v = l[t+8:]
				} else if strings.HasSuffix(l, ":") {
					lead = true
				}
			}
			segs := bylineSegments(v)
			if segs == nil {
				segs = []string{v}
			}
			for _, seg := range segs {
				if slug := headerOwner(seg); slug != "" {
					owner = slug
					break
				}
			}
		}
	}
	if !channel {
		return ""
	}
	return owner
}

// headerOwner is the team of an "Owner: X" or "Team: X" segment of a
// channel header; a handle ("Owner: @dkerr") or a long phrase is none.
func headerOwner(seg string) string {
	k, v, ok := splitLabel(strings.TrimSpace(seg))
	if !ok || v == "" || strings.HasPrefix(v, "@") || metaKey(k) != mTeam && !ownerKeys[normalizeKey(k)] {
		return ""
	}
	if wordCount(teamHead(v)) > 5 || !hasLetter(v) {
		return ""
	}
	return TeamSlug(v)
}

// reWideGap separates the fields of a header line ("sev=2   owner=X").
var reWideGap = regexp.MustCompile(`\s{2,}`)

// labelTeam is the team a "key: value" segment states: a team field, or
// an owner field whose value names a team (see ownerTeam).
func labelTeam(seg string, pm *model.Postmortem) string {
	k, v, ok := splitLabel(strings.TrimSpace(strings.ReplaceAll(seg, "**", "")))
	if !ok || v == "" {
		return ""
	}
	return fieldTeam(k, v, pm)
}

// fieldTeam is the team a field states: a team key's value, or an owner
// key's value that names a team (see ownerTeam).
func fieldTeam(k, v string, pm *model.Postmortem) string {
	if metaKey(k) == mTeam {
		return TeamSlug(v)
	}
	if ownerKeys[normalizeKey(k)] {
		return ownerTeam([]string{v}, pm)
	}
	return ""
}

// ownershipClaims are the words a writer uses to say that their own
// team owns the writeup: then the team in their signature or e-mail
// header ("Head of Trading & Forecasting") is the owner.
var ownershipClaims = []string{"my team", "owned by us", "we own", "our team owns", "our team ran", "it was ours",
	"this is ours", "this one is ours", "it's ours", "was ours", "are ours", "is ours", "is on us", "was on us",
	"run by my team", "my team's", "our review", "we ran the review", "we are writing this", "we're writing this",
	"whose: ours", "whose? ours", "it was our release", "it was our change", "it was our deploy",
	"we're running the review", "we are running the review", "we're running the pir", "we are running the pir",
	"we ran the pir"}

// claimsOwnership reports a writeup whose writer claims it for their team.
func claimsOwnership(pm *model.Postmortem) bool {
	budget := 32 << 10
	for _, s := range pm.Sections {
		text := truncateUTF8(s.Text, budget)
		budget -= len(text)
		for _, c := range ownershipClaims {
			if indexFold(text, c) >= 0 {
				return true
			}
		}
		if strings.IndexByte(text, '\n') >= 0 {
			// "we're\nrunning the review": a claim across a wrapped line.
			joined := strings.ReplaceAll(text, "\n", " ")
			for _, c := range ownershipClaims {
				if strings.IndexByte(c, ' ') >= 0 && indexFold(joined, c) >= 0 {
					return true
				}
			}
		}
		if budget <= 0 {
			break
		}
	}
	return false
}

// roleWords are job titles in a signature or e-mail header.
// A title that ends in one of them ("engineering manager", "tech lead",
// "staff engineer") is one too.
var roleWords = []string{"manager", "head", "director", "lead", "vp", "em", "engineer"}

// roleTeam reads the team of a writer's role: "Head of Trading &
// Forecasting", "Director of Platform, Acme", "Claire Osei, Engineering
// Manager, Metering". The team must be a capitalised name of at most
// five words; a company after it is dropped.
func roleTeam(v string, pm *model.Postmortem) string {
	parts := strings.Split(stripLinks(v), ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		low := strings.ToLower(p)
		for _, role := range []string{"head of ", "director of ", "manager of ", "lead of ", "vp of ", "vp, "} {
			if strings.HasPrefix(low, role) {
				name := strings.TrimSpace(p[len(role):])
				if wordCount(name) <= 5 && properName(name) {
					return TeamSlug(name)
				}
			}
		}
		isRole := false
		for _, role := range roleWords {
			if low == role || strings.HasSuffix(low, " "+role) {
				isRole = true
				break
			}
		}
		if isRole && i+1 < len(parts) {
			// "Engineering Lead, Team Invoicing (Billing & Invoicing)"
			name := strings.TrimSpace(teamHead(parts[i+1]))
			if name != "" && wordCount(name) <= 5 && properName(name) && !strings.ContainsAny(name, "@<") && !isCompany(name) {
				return TeamSlug(name)
			}
		}
	}
	return ""
}

// isCompany reports a name with a company suffix ("Acme Ltd", "Initech
// Inc."): in "Staff Engineer, Acme Ltd" it is the employer, not a team.
func isCompany(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	switch strings.Trim(f[len(f)-1], ".") {
	case "inc", "ltd", "llc", "gmbh", "corp", "corporation", "company", "co", "plc", "ag", "sa", "bv", "limited",
		"group", "holdings", "pty", "srl", "oy", "ab", "as", "nv", "kk":
		return true
	}
	return false
}

// teamFromSignature reads a signature on one of the last three lines of
// the writeup, "— Platform SRE" or "-- Billing team", whose name is
// team-shaped (see ownerTeam); a person's signature names no team.
func teamFromSignature(pm *model.Postmortem) string {
	lines := closingLines(pm)
	// "Piotr Zieliński\nGame Servers team (bare-metal fleet)": the last
	// line names a team under the writer's name.
	if len(lines) >= 2 && properName(lines[1]) && wordCount(lines[1]) <= 3 {
		if slug := teamShaped([]string{teamHead(lines[0])}, " team", " squad"); slug != "" && properName(teamHead(lines[0])) {
			return slug
		}
	}
	for _, l := range lines {
		for _, dash := range []string{"—", "–", "--", "~"} {
			if !strings.HasPrefix(l, dash) {
				continue
			}
			// "— Priya (Telehealth, Connect media)": a person and their team.
			if slug := personTeam(strings.TrimSpace(l[len(dash):]), pm); slug != "" {
				return slug
			}
			// "— EV Charging team, Ferrowind Energy": the team, then the company.
			name, _, _ := strings.Cut(l[len(dash):], ",")
			name = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), "."))
			if wordCount(name) <= 5 && properName(teamHead(name)) {
				return ownerTeam([]string{name}, pm)
			}
		}
	}
	return ""
}

// personTeam reads "Priya (Telehealth, Connect media)": a first name or
// two, then the team in parentheses (its first part) when that names a
// team (see ownerTeam).
func personTeam(sig string, pm *model.Postmortem) string {
	i := strings.IndexByte(sig, '(')
	j := strings.LastIndexByte(sig, ')')
	if i <= 0 || j < i {
		return ""
	}
	who := strings.TrimSpace(sig[:i])
	if n := wordCount(who); n == 0 || n > 2 || !properName(who) {
		return ""
	}
	team, _, _ := strings.Cut(sig[i+1:j], ",")
	team = strings.TrimSpace(team)
	if wordCount(team) == 0 || wordCount(team) > 4 || !properName(team) {
		return ""
	}
	return TeamSlug(team)
}

// closingLines are the last three non-empty lines of the writeup, last
// first: where a signature is.
func closingLines(pm *model.Postmortem) []string {
	if len(pm.Sections) == 0 {
		return nil
	}
	text := pm.Sections[len(pm.Sections)-1].Text
	if len(text) > 2000 {
		text = text[len(text)-2000:]
	}
	lines := beforeQuotedMessage(strings.Split(strings.TrimSpace(text), "\n"))
	limit := 3
	// An e-mail signature after its "-- " line may run to address and
	// phone lines: "--", "Priya Raman", "Lead Engineer, Student Finance
	// Systems", "Digital Services | Southgate University", "Level 4, ...".
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-8; i-- {
		if l := strings.TrimSpace(lines[i]); l == "--" || l == "—" {
			limit = len(lines) - 1 - i
			break
		}
	}
	var out []string
	for i := len(lines) - 1; i >= 0 && len(out) < limit; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// beforeQuotedMessage cuts a reply's lines before the message it quotes
// (an Outlook "From: … Sent: …" header, "-----Original Message-----",
// "On … wrote:"), where the writer's own signature ends.
func beforeQuotedMessage(lines []string) []string {
	for i, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "-----Original Message") || strings.HasPrefix(l, "On ") && strings.HasSuffix(l, " wrote:"):
			return lines[:i]
		case strings.HasPrefix(l, "From: ") && strings.Contains(l, "@"):
			for _, next := range lines[i+1 : min(len(lines), i+5)] {
				next = strings.TrimSpace(next)
				if strings.HasPrefix(next, "Sent: ") || strings.HasPrefix(next, "Date: ") {
					return lines[:i]
				}
			}
		}
	}
	return lines
}

// teamFromRole reads the writer's role in the signature (the last three
// lines) when the writer claims the writeup for their team: "Engineering
// Manager, Payments & Settlement", "Head of Trading & Forecasting".
func teamFromRole(pm *model.Postmortem) string {
	if !claimsOwnership(pm) {
		return ""
	}
	for _, l := range closingLines(pm) {
		if slug := roleTeam(l, pm); slug != "" {
			return slug
		}
	}
	return ""
}

// bylineSegments splits a header line at the separators bylines use
// (" - ", " · ", " | ", " • ", dashes); a line without one is no byline.
func bylineSegments(l string) []string {
	var segs []string
	rest := l
	for {
		i, n := -1, 0
		for _, sep := range []string{" - ", " · ", " | ", " • ", " – ", " — ", " -- "} {
			if j := strings.Index(rest, sep); j >= 0 && (i < 0 || j < i) {
				i, n = j, len(sep)
			}
		}
		if i < 0 {
			break
		}
		segs = append(segs, strings.TrimSpace(rest[:i]))
		rest = rest[i+n:]
	}
	if segs == nil {
		return nil
	}
	return append(segs, strings.TrimSpace(rest))
}

// properName reports a name whose words are capitalised, apart from a
// trailing "team" or "squad" and joining "&", "and", "of".
func properName(s string) bool {
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		if i == len(words)-1 && (lw == "team" || lw == "squad") {
			continue
		}
		if w == "&" || lw == "and" || lw == "of" || startsUpper(w) {
			continue
		}
		return false
	}
	return len(words) > 0
}
