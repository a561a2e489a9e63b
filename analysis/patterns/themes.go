package patterns

import (
	"math"
	"sort"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// CoMatrix counts how often themes occur together in one postmortem.
type CoMatrix struct {
	// Labels are the themes seen, sorted.
	Labels []string `json:"labels"`
	// Docs[i] is the number of postmortems with Labels[i].
	Docs []int `json:"docs"`
	// Counts[i][j] is the number of postmortems with both Labels[i] and
	// Labels[j]; the diagonal equals Docs.
	Counts [][]int `json:"counts"`
	// Total is the number of postmortems counted (with or without themes).
	Total int `json:"total"`
}

// ThemePair is one pair of co-occurring themes.
type ThemePair struct {
	A    string `json:"a"`
	B    string `json:"b"`
	Docs int    `json:"docs"`
	// Jaccard is Docs / |A ∪ B|; Lift is P(A,B) / (P(A) P(B)): above 1
	// the themes meet more often than chance would have them.
	Jaccard float64 `json:"jaccard"`
	Lift    float64 `json:"lift"`
}

// CoOccurrence counts theme pairs over docs (each document counts a theme
// once, whatever its weight).
func CoOccurrence(docs []DocText) CoMatrix {
	idx := map[string]int{}
	for _, d := range docs {
		for _, t := range d.Themes {
			idx[t] = 0
		}
	}
	m := CoMatrix{Total: len(docs)}
	for t := range idx {
		m.Labels = append(m.Labels, t)
	}
	sort.Strings(m.Labels)
	for i, t := range m.Labels {
		idx[t] = i
	}
	m.Docs = make([]int, len(m.Labels))
	m.Counts = make([][]int, len(m.Labels))
	for i := range m.Counts {
		m.Counts[i] = make([]int, len(m.Labels))
	}
	for _, d := range docs {
		ts := uniqueSorted(d.Themes)
		for a, x := range ts {
			i := idx[x]
			m.Docs[i]++
			for _, y := range ts[a:] {
				j := idx[y]
				m.Counts[i][j]++
				if i != j {
					m.Counts[j][i]++
				}
			}
		}
	}
	return m
}

// TopPairs returns the n pairs of distinct themes seen together in at least
// minDocs postmortems, by Lift then Docs (descending), then by names.
func (m CoMatrix) TopPairs(n, minDocs int) []ThemePair {
	var out []ThemePair
	for i := range m.Labels {
		for j := i + 1; j < len(m.Labels); j++ {
			c := m.Counts[i][j]
			if c == 0 || c < minDocs {
				continue
			}
			p := ThemePair{A: m.Labels[i], B: m.Labels[j], Docs: c}
			p.Jaccard = float64(c) / float64(m.Docs[i]+m.Docs[j]-c)
			if m.Total > 0 {
				p.Lift = float64(c) * float64(m.Total) / (float64(m.Docs[i]) * float64(m.Docs[j]))
			}
			out = append(out, p)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Lift != y.Lift {
			return x.Lift > y.Lift
		}
		if x.Docs != y.Docs {
			return x.Docs > y.Docs
		}
		if x.A != y.A {
			return x.A < y.A
		}
		return x.B < y.B
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// QuarterShare is a theme's presence in one quarter.
type QuarterShare struct {
	Quarter string  `json:"quarter"` // "2025-Q3"
	Docs    int     `json:"docs"`    // postmortems with the theme
	Total   int     `json:"total"`   // postmortems in the quarter
	Share   float64 `json:"share"`   // Docs / Total (0 when Total is 0)
}

// Trend directions.
const (
	Rising  = "rising"
	Falling = "falling"
	Steady  = "steady"
)

// ThemeTrend is how a theme's share of postmortems moves over quarters.
type ThemeTrend struct {
	Theme    string         `json:"theme"`
	Quarters []QuarterShare `json:"quarters"` // every quarter from first to last, oldest first
	// Slope is the least-squares change of Share per quarter, over the
	// quarters that have postmortems.
	Slope float64 `json:"slope"`
	// Change is the share in the last quarter minus the share in the one
	// before (0 with fewer than two quarters).
	Change    float64 `json:"change"`
	Direction string  `json:"direction"` // Rising, Falling or Steady
}

// TrendOptions tune ThemeTrends.
type TrendOptions struct {
	// MinSlope is the |Slope| (share per quarter) from which a trend is
	// Rising or Falling. Default 0.01: one percentage point per quarter.
	MinSlope float64
}

// ThemeTrends computes, for every theme, its share of postmortems per
// quarter and the direction it moves. Documents without a date are
// ignored. Trends are sorted by |Slope| (steepest first), then theme.
func ThemeTrends(docs []DocText, o TrendOptions) []ThemeTrend {
	if o.MinSlope <= 0 {
		o.MinSlope = 0.01
	}
	var first, last time.Time
	for _, d := range docs {
		if d.Date.IsZero() {
			continue
		}
		if first.IsZero() || d.Date.Before(first) {
			first = d.Date
		}
		if last.IsZero() || d.Date.After(last) {
			last = d.Date
		}
	}
	if first.IsZero() {
		return nil
	}
	var quarters []string
	qi := map[string]int{}
	for t := quarterStart(first); !t.After(last); t = t.AddDate(0, 3, 0) {
		q := model.Quarter(t)
		qi[q] = len(quarters)
		quarters = append(quarters, q)
	}
	totals := make([]int, len(quarters))
	counts := map[string][]int{}
	for _, d := range docs {
		if d.Date.IsZero() {
			continue
		}
		i := qi[model.Quarter(d.Date.UTC())]
		totals[i]++
		for _, t := range uniqueSorted(d.Themes) {
			if counts[t] == nil {
				counts[t] = make([]int, len(quarters))
			}
			counts[t][i]++
		}
	}
	var out []ThemeTrend
	for theme, c := range counts {
		tr := ThemeTrend{Theme: theme}
		var xs, ys []float64
		for i, q := range quarters {
			qs := QuarterShare{Quarter: q, Docs: c[i], Total: totals[i]}
			if totals[i] > 0 {
				qs.Share = float64(c[i]) / float64(totals[i])
				xs = append(xs, float64(i))
				ys = append(ys, qs.Share)
			}
			tr.Quarters = append(tr.Quarters, qs)
		}
		tr.Slope = slope(xs, ys)
		if len(ys) >= 2 {
			tr.Change = ys[len(ys)-1] - ys[len(ys)-2]
		}
		switch {
		case tr.Slope >= o.MinSlope:
			tr.Direction = Rising
		case tr.Slope <= -o.MinSlope:
			tr.Direction = Falling
		default:
			tr.Direction = Steady
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := math.Abs(out[i].Slope), math.Abs(out[j].Slope)
		if a != b {
			return a > b
		}
		return out[i].Theme < out[j].Theme
	})
	return out
}

func quarterStart(t time.Time) time.Time {
	t = t.UTC()
	m := time.Month((int(t.Month())-1)/3*3 + 1)
	return time.Date(t.Year(), m, 1, 0, 0, 0, 0, time.UTC)
}

// slope is the least-squares slope of ys over xs (0 with fewer than two
// points).
func slope(xs, ys []float64) float64 {
	n := float64(len(xs))
	if n < 2 {
		return 0
	}
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return 0
	}
	return (n*sxy - sx*sy) / den
}
