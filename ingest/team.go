package ingest

import (
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
// a parenthesised remark, links, a leading "the"/"our"/"team" or a
// trailing "team"/"squad", lower case, with every run of other characters
// than letters and digits written "-". It returns "" for blank values.
func TeamSlug(s string) string {
	s = stripLinks(s)
	if i := strings.IndexAny(s, ",;\n|"); i > 0 {
		s = s[:i]
	}
	if i := strings.IndexAny(s, "(["); i > 0 {
		s = s[:i]
	}
	if isBlankValue(s) {
		return ""
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
// slug.
func resolveTeam(slug string, aliases map[string]string) string {
	if t, ok := aliases[slug]; ok {
		return t
	}
	return slug
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
	counts := map[string]int{}
	budget := 64 << 10
	for _, s := range secs {
		text := s.Text
		if len(text) > budget {
			text = truncateUTF8(text, budget)
		}
		budget -= len(text)
		for _, slug := range teamPhrases(text) {
			counts[slug]++
		}
		if budget <= 0 {
			break
		}
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

// teamPhrases returns the slugs of every "the X team" in text.
func teamPhrases(text string) []string {
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
		for n := 1; n <= 3 && n < len(words); n++ {
			det := strings.ToLower(words[len(words)-n-1])
			if det != "the" && det != "our" {
				continue
			}
			name := words[len(words)-n:]
			if teamNameOK(name) {
				out = append(out, TeamSlug(strings.Join(name, " ")))
			}
			break
		}
	}
	return out
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
