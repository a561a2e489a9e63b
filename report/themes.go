package report

import (
	"context"
	"sort"

	"github.com/debrief-dev/debrief/store"
)

// Theme directions.
const (
	Rising  = "rising"
	Falling = "falling"
	Steady  = "steady"
)

// How much a theme weighs in a quarter is its share of the writing: the
// theme weights of the quarter's postmortems (each the fraction of that
// postmortem's sentences carrying the theme) summed and divided by the
// number of postmortems. Merely being mentioned is too weak a signal: one
// sentence about an alert makes a postmortem "about detection".
//
// A theme is rising (falling) when its share is at least minShareDelta
// above (below) its baseline AND at least minShareRatio times (at most
// 1/minShareRatio of) the baseline: a move from 1% to 2% doubles but is
// noise, a move from 30% to 33% is large in points but small in relation.
const (
	minShareDelta = 0.02
	minShareRatio = 1.5
)

// ThemeTrend is one contributing-factor theme across the trend window.
type ThemeTrend struct {
	Theme string
	// Shares follow Review.Quarters: the theme's share of the writing
	// (see above). Counts are the postmortems where the theme is one of
	// their dominant themes (model.Theme.Member).
	Shares []float64
	Counts []int
	// Share/Count are the reviewed quarter's, Prev* the previous quarter's.
	Share, PrevShare float64
	Count, PrevCount int
	// Baseline is the mean share over the earlier quarters of the window
	// that had postmortems; BaselineQuarters is how many that was (0: no
	// baseline).
	Baseline         float64
	BaselineQuarters int
	Direction        string
}

// Delta is the change in share against the baseline (0.12 = +12 points).
func (t ThemeTrend) Delta() float64 { return t.Share - t.Baseline }

func (b *builder) themes(ctx context.Context) error {
	dims := []store.Dimension{store.DimQuarter, store.DimTheme}
	weights, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: b.windowFilter(), Measure: store.MeasureThemeWeight, GroupBy: dims,
	})
	if err != nil {
		return err
	}
	counts, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: b.windowFilter(), Measure: store.MeasurePostmortems, GroupBy: dims,
	})
	if err != nil {
		return err
	}
	qi := map[string]int{}
	for i, q := range b.r.Quarters {
		qi[q.String()] = i
	}
	n := len(b.r.Quarters)
	byTheme := map[string]*ThemeTrend{}
	each := func(rows []store.AggRow, fn func(t *ThemeTrend, i int, v float64)) {
		for _, row := range rows {
			i, ok := qi[key(row, 0)]
			theme := key(row, 1)
			if !ok || theme == "" {
				continue
			}
			t := byTheme[theme]
			if t == nil {
				t = &ThemeTrend{Theme: theme, Counts: make([]int, n), Shares: make([]float64, n)}
				byTheme[theme] = t
			}
			fn(t, i, row.Value)
		}
	}
	totals := b.r.Overview.PerQuarter
	each(weights, func(t *ThemeTrend, i int, v float64) {
		if totals[i] > 0 {
			t.Shares[i] += v / float64(totals[i])
		}
	})
	each(counts, func(t *ThemeTrend, i int, v float64) { t.Counts[i] += int(v) })
	cur := n - 1
	for _, t := range byTheme {
		t.Count, t.Share = t.Counts[cur], t.Shares[cur]
		t.PrevCount, t.PrevShare = t.Counts[cur-1], t.Shares[cur-1]
		for i := 0; i < cur; i++ {
			if totals[i] > 0 {
				t.Baseline += t.Shares[i]
				t.BaselineQuarters++
			}
		}
		if t.BaselineQuarters > 0 {
			t.Baseline /= float64(t.BaselineQuarters)
		}
		t.Direction = direction(t.Share, t.Baseline, t.BaselineQuarters, totals[cur])
		b.r.Themes = append(b.r.Themes, *t)
	}
	sortThemes(b.r.Themes)
	return nil
}

// direction classifies a share against its baseline (see minShareDelta).
func direction(share, baseline float64, baselineQuarters, total int) string {
	if baselineQuarters == 0 || total < MinSample {
		return Steady // no baseline, or too few postmortems to call a trend
	}
	// The epsilon absorbs float noise at the thresholds.
	const eps = 1e-9
	switch d := share - baseline; {
	case d >= minShareDelta-eps && share >= minShareRatio*baseline-eps:
		return Rising
	case -d >= minShareDelta-eps && share*minShareRatio <= baseline+eps:
		return Falling
	}
	return Steady
}

// sortThemes puts rising themes first (largest rise first), then falling
// (largest fall first), then steady ones by share.
func sortThemes(ts []ThemeTrend) {
	rank := map[string]int{Rising: 0, Falling: 1, Steady: 2}
	sort.Slice(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if rank[a.Direction] != rank[b.Direction] {
			return rank[a.Direction] < rank[b.Direction]
		}
		var da, db float64
		switch a.Direction {
		case Rising:
			da, db = -a.Delta(), -b.Delta()
		case Falling:
			da, db = a.Delta(), b.Delta()
		default:
			da, db = -a.Share, -b.Share
		}
		if da != db {
			return da < db
		}
		return a.Theme < b.Theme
	})
}

// ThemesIn returns the themes with direction d, in review order.
func (r *Review) ThemesIn(d string) []ThemeTrend {
	var out []ThemeTrend
	for _, t := range r.Themes {
		if t.Direction == d {
			out = append(out, t)
		}
	}
	return out
}
