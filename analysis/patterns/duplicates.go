package patterns

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// DuplicateOptions tune NearDuplicates. Zero values take the defaults.
type DuplicateOptions struct {
	// MinScore is the mechanism-index cosine at or above which two dated
	// postmortems at most MaxGap apart that name the same service are
	// writeups of one incident. Default 0.35.
	MinScore float64
	// HighScore is the cosine at which two dated postmortems at most
	// MaxGap apart are one incident whatever services they name.
	// Default 0.7.
	HighScore float64
	// MaxGap is the largest distance between their dates. Default 3 days.
	MaxGap time.Duration
	// UndatedScore is the cosine needed when either has no date.
	// Default 0.8.
	UndatedScore float64
	// SameDayScore is the cosine at which two postmortems of the same or
	// adjacent days (at most SameDayGap apart) are one incident, when
	// they share a service (sharedService) and a mechanism concept and
	// each is among the other's three most similar documents: two teams
	// writing up one outage from their own side share little wording,
	// but they share the day, the mechanism and the thing that broke.
	// Default 0.2.
	SameDayScore float64
	// SameDayGap is the largest distance between dates for SameDayScore.
	// Default 36 hours (dates are days: same or adjacent day).
	SameDayGap time.Duration
	// MinSharedTimes and MinRareTerms are the incident evidence that
	// lets two near-neighbour writeups of the same or adjacent days
	// qualify at SameDayScore without a common service: at least
	// MinSharedTimes clock times (HH:MM) written in both (the same
	// outage has the same start, mitigation and recovery times whoever
	// writes it up) and at least MinRareTerms shared terms that few
	// other documents use (at most max(2, 1% of documents): the
	// hostnames, providers, components and error codes of that one
	// incident). Defaults 2 and 2.
	MinSharedTimes int
	MinRareTerms   int
}

// SimilarPair is two postmortems that look like writeups of the same
// incident.
type SimilarPair struct {
	A     string  `json:"a"`
	B     string  `json:"b"`
	Score float64 `json:"score"`
	// TeamA and TeamB are the teams that wrote them.
	TeamA string `json:"team_a,omitempty"`
	TeamB string `json:"team_b,omitempty"`
	// Shared are the terms contributing most to Score.
	Shared []string `json:"shared"`
}

// NearDuplicates returns pairs of postmortems that describe one incident:
// the same incident written up twice (often by two teams). A pair
// qualifies when the incident dates are at most MaxGap apart and its
// mechanism-index cosine is at least MinScore with a service in common
// (listed by both, or listed by one and named in the other's text) or at
// least HighScore without; when a date is missing, the cosine must be at
// least UndatedScore. Writeups of the same or adjacent days need only
// SameDayScore when they are each other's near neighbours and either share
// a service and a mechanism concept or carry incident evidence (clock
// times and rare terms in common, see MinSharedTimes). The date and service tests are what keep precision
// high: two incidents of one failure mode months apart are a recurring
// cluster (Clusters), and two outages of one vendor in a week hit
// different services.
//
// Each document is compared with its 10 most similar. Pairs are sorted by
// Score (highest first), then A, then B; A < B.
func NearDuplicates(ix *MechanismIndex, o DuplicateOptions) []SimilarPair {
	if o.MinScore <= 0 {
		o.MinScore = 0.35
	}
	if o.HighScore <= 0 {
		o.HighScore = 0.7
	}
	if o.MaxGap <= 0 {
		o.MaxGap = 72 * time.Hour
	}
	if o.UndatedScore <= 0 {
		o.UndatedScore = 0.8
	}
	if o.SameDayScore <= 0 {
		o.SameDayScore = 0.2
	}
	if o.SameDayGap <= 0 {
		o.SameDayGap = 36 * time.Hour
	}
	if o.MinSharedTimes <= 0 {
		o.MinSharedTimes = 2
	}
	if o.MinRareTerms <= 0 {
		o.MinRareTerms = 2
	}
	rare := int32(max(2, len(ix.docs)/100))
	times := map[int32][]string{} // clock times by document, computed on demand
	timesOf := func(i int32) []string {
		ts, ok := times[i]
		if !ok {
			d := &ix.docs[i]
			ts = clockTimes(d.Title + "\n" + d.Text + "\n" + d.Cause + "\n" + d.Context)
			times[i] = ts
		}
		return ts
	}
	// sameIncident: evidence beyond the mechanism that a and b are one
	// incident (see MinSharedTimes).
	sameIncident := func(a, b int32) bool {
		if sharedCount(timesOf(a), timesOf(b)) < o.MinSharedTimes {
			return false
		}
		n := 0
		intersect(ix.vecs[a], ix.vecs[b], func(t int32, _, _ float32) {
			if ix.df[t] <= rare {
				n++
			}
		})
		return n >= o.MinRareTerms
	}
	nn := ix.neighbours()
	near := func(x, y int32) bool { // y among x's three most similar
		for _, m := range nn[x][:min(3, len(nn[x]))] {
			if ix.byID[m.ID] == y {
				return true
			}
		}
		return false
	}
	seen := map[[2]int32]bool{}
	var out []SimilarPair
	for i, ns := range nn {
		for _, m := range ns[:min(len(ns), 10)] {
			j := ix.byID[m.ID]
			k := pairKey(int32(i), j)
			if j == int32(i) || seen[k] {
				continue
			}
			seen[k] = true
			a, b := &ix.docs[k[0]], &ix.docs[k[1]]
			if a.ID == b.ID {
				continue
			}
			need := o.UndatedScore
			if !a.Date.IsZero() && !b.Date.IsZero() {
				gap := a.Date.Sub(b.Date)
				if gap < 0 {
					gap = -gap
				}
				if gap > o.MaxGap {
					continue
				}
				need = o.HighScore
				svc := sharedService(a, b)
				if svc {
					need = o.MinScore
				}
				if gap <= o.SameDayGap && near(k[0], k[1]) && near(k[1], k[0]) &&
					(svc && ix.sharedMechanism(k[0], k[1]) || sameIncident(k[0], k[1])) {
					need = min(need, o.SameDayScore)
				}
			}
			if m.Score < need {
				continue
			}
			if a.ID > b.ID {
				a, b = b, a
			}
			out = append(out, SimilarPair{A: a.ID, B: b.ID, Score: round3(m.Score), TeamA: a.Team, TeamB: b.Team,
				Shared: ix.shared(ix.vecs[k[0]], ix.vecs[k[1]], 5)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Score != y.Score {
			return x.Score > y.Score
		}
		if x.A != y.A {
			return x.A < y.A
		}
		return x.B < y.B
	})
	return out
}

// clockTimes returns the distinct times of day (H:MM, 24-hour) written
// in text as H:MM or HH:MM (seconds ignored), sorted. Numbers glued to
// other digits, colons or dots (versions, ratios, 10:12:30's seconds)
// are not times.
func clockTimes(text string) []string {
	var out []string
	for i := 1; i+2 < len(text); i++ {
		if text[i] != ':' || !isDigit(text[i-1]) || !isDigit(text[i+1]) || !isDigit(text[i+2]) {
			continue
		}
		if i+3 < len(text) && isDigit(text[i+3]) {
			continue
		}
		h0 := i - 1 // first digit of the hour
		if h0 > 0 && isDigit(text[h0-1]) {
			h0--
		}
		if h0 > 0 && (isDigit(text[h0-1]) || text[h0-1] == ':' || text[h0-1] == '.') {
			continue
		}
		hour := 0
		for _, c := range text[h0:i] {
			hour = 10*hour + int(c-'0')
		}
		if hour > 23 || text[i+1] > '5' {
			continue
		}
		out = append(out, fmt.Sprintf("%d:%s", hour, text[i+1:i+3]))
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// sharedCount counts the strings two sorted, distinct lists share.
func sharedCount(a, b []string) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// sharedMechanism reports whether two documents carry a common mechanism
// concept (not a remedy, weight at least ConceptWeight).
func (ix *MechanismIndex) sharedMechanism(a, b int32) bool {
	found := false
	intersect(ix.vecs[a], ix.vecs[b], func(t int32, _, _ float32) {
		term := ix.vocab[t]
		if strings.HasPrefix(term, ConceptPrefix) && !ix.lex.IsRemedy(term) && ix.lex.Weight(term) >= ConceptWeight {
			found = true
		}
	})
	return found
}

// serviceWords turns the separators of service names and prose into
// spaces, so that "core-pg" meets "core pg" and "core_pg".
var serviceWords = strings.NewReplacer("-", " ", "_", " ", ".", " ", ",", " ", ";", " ", ":", " ", "(", " ", ")", " ", "`", " ", "\n", " ", "/", " ")

// sharedService reports whether two documents list a common service, or
// one names a service the other lists (in any of its text, separators
// ignored).
func sharedService(a, b *DocText) bool {
	for _, x := range a.Services {
		for _, y := range b.Services {
			if x != "" && strings.EqualFold(x, y) {
				return true
			}
		}
	}
	names := func(d *DocText, svcs []string) bool {
		text := strings.ToLower(d.Title + "\n" + d.Text + "\n" + d.Cause + "\n" + d.Context)
		spaced := " " + serviceWords.Replace(text) + " "
		for _, s := range svcs {
			s = strings.ToLower(s)
			if len(s) < 3 {
				continue
			}
			// "core-pg" is also written "core pg" or "core_pg".
			if strings.Contains(text, s) || strings.Contains(spaced, " "+serviceWords.Replace(s)+" ") {
				return true
			}
		}
		return false
	}
	return names(a, b.Services) || names(b, a.Services)
}
