package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
)

// reconcileTeam checks the team a field or statement gives against how
// the writeup itself names teams, and returns the name the writeup uses
// for the owner:
//   - a squad "inside" / "part of" a named team is that team ("Wayfinder
//     Core is the squad inside Journey Planner team" is journey-planner);
//   - one of the parts of a value written as alternatives (alts:
//     "Tapline / Ticketing"), or the leading words of a formal name,
//     that the text uses on its own as a team's proper name more often
//     than the full name, at least twice ("Accountable team:
//     Identity & Access Engineering", then "the Identity team", "Identity
//     on-call" and "Owner: Identity" on actions) is that name.
//
// Anything else is returned as it is.
func reconcileTeam(slug string, pm *model.Postmortem, alts ...string) string {
	text, cased := normalizedText(pm)
	name := strings.ReplaceAll(slug, "-", " ")
	if parent := parentTeam(text, name); parent != "" {
		return parent
	}
	words := strings.Fields(name)
	full := teamUsage(text, cased, name, pm)
	best, bestUse := slug, full
	// "Tapline / Ticketing — onboard devices": the part the text uses.
	for _, a := range alts {
		if u := teamUsage(text, cased, strings.ReplaceAll(a, "-", " "), pm); a != slug && u >= 2 && u > bestUse {
			best, bestUse = a, u
		}
	}
	// The name's leading words: "Identity & Access Engineering" may be
	// "Identity", "Telehealth Engineering" "Telehealth". (Trailing words
	// are not tried: "Platform SRE" is not the "SRE" of "SRE on-call".)
	for n := 1; n < len(words); n++ {
		p := strings.Join(words[:n], " ")
		if functionWords[words[n-1]] || teamWordsGeneric[p] || roleWord(p) {
			continue
		}
		if u := teamUsage(text, cased, p, pm); u >= 2 && u > bestUse {
			best, bestUse = strings.ReplaceAll(p, " ", "-"), u
		}
	}
	return best
}

// roleWord reports a word that names what a team does rather than
// which team it is ("engineering", "operations"): never a team's name on
// its own.
func roleWord(p string) bool {
	switch p {
	case "engineering", "operations", "ops", "team", "squad", "group", "services", "systems", "development",
		"support", "management", "unit", "department":
		return true
	}
	return false
}

// teamAlternatives are the slugs of the parts of a team value written
// as alternatives or a pair ("Tapline / Ticketing", "Payments &
// Settlement"), none for a single name.
func teamAlternatives(v string) []string {
	if teamHandleName(v) != "" {
		return nil // "@org/payments": the org is no alternative
	}
	v = stripLinks(v)
	if i := strings.IndexAny(v, "(—–"); i > 0 {
		v = v[:i]
	}
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '&' || r == '+' }) {
		if s := TeamSlug(part); s != "" {
			out = append(out, s)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// normalizedText is the writeup's prose with every run of characters
// other than letters and digits written as one space (at most 64 KiB),
// in lower case and, byte for byte aligned with it, as written.
func normalizedText(pm *model.Postmortem) (lower, cased string) {
	var lb, cb strings.Builder
	lb.WriteByte(' ')
	cb.WriteByte(' ')
	space := true
	for _, s := range pm.Sections {
		for _, r := range truncateUTF8(s.Heading+" "+s.Text, 64<<10-lb.Len()) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				l := unicode.ToLower(r)
				if utf8.RuneLen(l) != utf8.RuneLen(r) {
					l = r
				}
				lb.WriteRune(l)
				cb.WriteRune(r)
				space = false
			} else if !space {
				lb.WriteByte(' ')
				cb.WriteByte(' ')
				space = true
			}
		}
		if !space {
			lb.WriteByte(' ')
			cb.WriteByte(' ')
			space = true
		}
		if lb.Len() >= 64<<10 {
			break
		}
	}
	return lb.String(), cb.String()
}

// teamUsage counts how often the text uses name as a team's proper name:
// "Name team", "Name on-call", "Name squad" with a capital (lower is the
// lower-case text, cased the same as written), and action items owned
// by it. "the data on-call" is no use of a team called Data.
func teamUsage(lower, cased, name string, pm *model.Postmortem) int {
	n := 0
	for _, suf := range []string{" team ", " on call ", " oncall ", " squad "} {
		pat := " " + name + suf
		for off := 0; off < len(lower); {
			i := strings.Index(lower[off:], pat)
			if i < 0 {
				break
			}
			i += off
			off = i + len(pat)
			if r, _ := utf8.DecodeRuneInString(cased[i+1:]); unicode.IsUpper(r) {
				n++
			}
		}
	}
	slug := strings.ReplaceAll(name, " ", "-")
	for _, a := range pm.ActionItems {
		if a.Owner != "" && TeamSlug(a.Owner) == slug {
			n++
		}
	}
	return n
}

// reParentTeam finds the team a squad belongs to, in normalized text:
// "<squad> is the squad inside journey planner team".
var reParentTeam = regexp.MustCompile(` is (?:the |a |one )?(?:squad|sub team|subteam|part|team) (?:inside|within|in|of) (?:the |our )?((?:[a-z0-9]+ ){1,4}?)team `)

// parentTeam is the slug of the team that text says the squad name is
// part of, or "".
func parentTeam(text, name string) string {
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], " "+name+" is ")
		if i < 0 {
			return ""
		}
		i += off
		off = i + 1
		at := text[i+1+len(name) : min(len(text), i+1+len(name)+80)]
		if m := reParentTeam.FindStringSubmatch(at); m != nil && strings.HasPrefix(at, m[0]) {
			return strings.ReplaceAll(strings.TrimSpace(m[1]), " ", "-")
		}
	}
	return ""
}

// actionOwnerTeam is the team that owns the most action items, at least
// two and more than any other team, counting owners that name a team
// ("Claims (Femi)", "Platform"; see ownerIsTeam), or "".
func actionOwnerTeam(pm *model.Postmortem) string {
	counts := map[string]int{}
	for _, a := range pm.ActionItems {
		if a.Owner == "" || !ownerIsTeam(a.Owner, pm) {
			continue
		}
		if slug := TeamSlug(a.Owner); slug != "" {
			counts[slug]++
		}
	}
	best, n, ok := uniqueMax(counts)
	if n < 2 || !ok {
		return ""
	}
	return best
}
