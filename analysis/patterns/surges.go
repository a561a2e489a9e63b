package patterns

import (
	"math"
	"sort"
	"strconv"

	"github.com/debrief-dev/debrief/model"
)

// SurgeOptions tune Surges. Zero values take the defaults.
type SurgeOptions struct {
	// Alpha is the p-value below which a quarter is flagged. Default 0.05.
	Alpha float64
	// MinCount is the fewest postmortems with the theme a flagged quarter
	// needs. Default 4.
	MinCount int
	// Baseline is how many earlier quarters (with postmortems) form the
	// expectation. Default 4.
	Baseline int
	// MinBaseline is the fewest earlier quarters with postmortems a quarter
	// needs to be tested (two quarters of a small corpus are too thin a
	// baseline: chance clumps of a few postmortems flag). Default 3.
	MinBaseline int
}

// Surge is a quarter in which a theme appears in more postmortems than
// its earlier quarters predict.
type Surge struct {
	Theme   string `json:"theme"`
	Quarter string `json:"quarter"`
	// Count is the postmortems of the quarter with the theme; Total all
	// postmortems of the quarter.
	Count int `json:"count"`
	Total int `json:"total"`
	// Expected is Total times the theme's share over the baseline quarters.
	Expected float64 `json:"expected"`
	// P is the one-sided binomial p-value P(X >= Count).
	P float64 `json:"p"`
}

// SurgeTest states the test Surges applies, for help texts and reports.
const SurgeTest = "per theme and quarter: expected = quarter's postmortems × the theme's share over the up to 4 earlier quarters with postmortems (at least 3); " +
	"one-sided binomial test P(X ≥ count) with that share (smoothed by half a postmortem); flagged when p < 0.05 and count ≥ 4"

// Surges tests every theme in every quarter that has at least MinBaseline
// earlier quarters with postmortems. The theme's baseline share is
// (c + 0.5) / (n + 1) over the Baseline earlier quarters with postmortems
// (c documents with the theme among n), Expected is that share times the
// quarter's postmortems, and P is the upper tail of Binomial(total, share)
// at Count. A quarter is returned when P < Alpha and Count >= MinCount
// and Count > Expected. A document counts once per theme; documents
// without a date are ignored. Note that with many themes and quarters
// some flags at 0.05 are expected by chance; P is reported so readers
// can apply a stricter cut.
//
// Surges are sorted by P (smallest first), then quarter (newest first),
// then theme.
func Surges(docs []DocText, o SurgeOptions) []Surge {
	if o.Alpha <= 0 {
		o.Alpha = 0.05
	}
	if o.MinCount <= 0 {
		o.MinCount = 4
	}
	if o.MinBaseline <= 0 {
		o.MinBaseline = 3
	}
	if o.Baseline < o.MinBaseline {
		o.Baseline = max(4, o.MinBaseline)
	}
	totals := map[string]int{}
	counts := map[string]map[string]int{} // theme -> quarter -> docs
	for _, d := range docs {
		if d.Date.IsZero() {
			continue
		}
		q := model.Quarter(d.Date.UTC())
		totals[q]++
		for _, t := range uniqueSorted(d.Themes) {
			if counts[t] == nil {
				counts[t] = map[string]int{}
			}
			counts[t][q]++
		}
	}
	quarters := make([]string, 0, len(totals))
	for q := range totals {
		quarters = append(quarters, q)
	}
	sort.Strings(quarters) // "2025-Q3" sorts chronologically
	var out []Surge
	for theme, byQ := range counts {
		for i, q := range quarters {
			if i < o.MinBaseline {
				continue
			}
			c0, n0 := 0, 0
			for _, e := range quarters[max(0, i-o.Baseline):i] {
				c0 += byQ[e]
				n0 += totals[e]
			}
			share := (float64(c0) + 0.5) / (float64(n0) + 1)
			k, n := byQ[q], totals[q]
			exp := share * float64(n)
			if k < o.MinCount || float64(k) <= exp {
				continue
			}
			p := binomialUpper(k, n, share)
			if p < o.Alpha {
				out = append(out, Surge{Theme: theme, Quarter: q, Count: k, Total: n,
					Expected: math.Round(exp*100) / 100, P: roundP(p)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.P != b.P {
			return a.P < b.P
		}
		if a.Quarter != b.Quarter {
			return a.Quarter > b.Quarter
		}
		return a.Theme < b.Theme
	})
	return out
}

// binomialUpper is P(X >= k) for X ~ Binomial(n, p), summed in log space.
func binomialUpper(k, n int, p float64) float64 {
	if k <= 0 {
		return 1
	}
	if k > n {
		return 0
	}
	lp, lq := math.Log(p), math.Log1p(-p)
	ln, _ := math.Lgamma(float64(n + 1))
	sum := 0.0
	for i := k; i <= n; i++ {
		li, _ := math.Lgamma(float64(i + 1))
		lni, _ := math.Lgamma(float64(n - i + 1))
		term := math.Exp(ln - li - lni + float64(i)*lp + float64(n-i)*lq)
		sum += term
		if term < sum*1e-12 {
			break
		}
	}
	return math.Min(sum, 1)
}

// roundP keeps three significant digits of a p-value.
func roundP(p float64) float64 {
	if p == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(p, 'g', 3, 64), 64)
	return v
}
