package patterns

import (
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
// least UndatedScore. The date and service tests are what keep precision
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
	seen := map[[2]int32]bool{}
	var out []SimilarPair
	for i, nn := range ix.neighbours() {
		for _, m := range nn[:min(len(nn), 10)] {
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
				if sharedService(a, b) {
					need = o.MinScore
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

// sharedService reports whether two documents list a common service, or
// one names a service the other lists.
func sharedService(a, b *DocText) bool {
	for _, x := range a.Services {
		for _, y := range b.Services {
			if x != "" && strings.EqualFold(x, y) {
				return true
			}
		}
	}
	names := func(d *DocText, svcs []string) bool {
		text := strings.ToLower(d.Title + "\n" + d.Text + "\n" + d.Cause)
		for _, s := range svcs {
			if len(s) >= 3 && strings.Contains(text, strings.ToLower(s)) {
				return true
			}
		}
		return false
	}
	return names(a, b.Services) || names(b, a.Services)
}
