package report

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// NoTeam is how the review names postmortems without a team.
const NoTeam = model.NoTeam

// NoSeverity is how the review names postmortems without a severity.
const NoSeverity = "(unrated)"

// Overview is "what happened": the quarter's numbers next to the previous
// quarter's.
type Overview struct {
	Postmortems, PrevPostmortems int
	Teams, PrevTeams             int
	// Severity is the quarter's severity mix, most severe first, with the
	// previous quarter's count of the same severity.
	Severity []Count
	// TopTeams are the teams with the most postmortems this quarter.
	TopTeams []Count
	// MedianResolveMinutes is the median incident duration over
	// postmortems with a known duration; 0 when none has one.
	MedianResolveMinutes, PrevMedianResolveMinutes float64
	// MeanScore is the mean writeup quality score (0-100); 0 when unscored.
	MeanScore, PrevMeanScore float64
	// PerQuarter counts postmortems in each quarter of the trend window.
	PerQuarter []int
	// Undated counts postmortems (of any quarter) that have no date and
	// so are in no quarter's numbers.
	Undated int
}

// Count is one key with this quarter's and the previous quarter's count.
type Count struct {
	Key       string
	Value     int
	PrevValue int
}

// Share is Value as a fraction of total (0 when total is 0).
func (c Count) Share(total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(c.Value) / float64(total)
}

func (b *builder) overview(ctx context.Context) error {
	o := &b.r.Overview
	cur, prev := b.r.Quarter, b.r.Previous

	perQ, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: b.windowFilter(), Measure: store.MeasurePostmortems,
		GroupBy: []store.Dimension{store.DimQuarter},
	})
	if err != nil {
		return err
	}
	byQ := map[string]int{}
	for _, row := range perQ {
		byQ[key(row, 0)] = int(row.Value)
	}
	for _, q := range b.r.Quarters {
		o.PerQuarter = append(o.PerQuarter, byQ[q.String()])
	}
	o.Postmortems, o.PrevPostmortems = byQ[cur.String()], byQ[prev.String()]

	sevCur, err := b.counts(ctx, cur, store.DimSeverity, NoSeverity)
	if err != nil {
		return err
	}
	sevPrev, err := b.counts(ctx, prev, store.DimSeverity, NoSeverity)
	if err != nil {
		return err
	}
	o.Severity = merge(sevCur, sevPrev)
	sort.SliceStable(o.Severity, func(i, j int) bool {
		return severityLess(o.Severity[i].Key, o.Severity[j].Key)
	})

	teamCur, err := b.counts(ctx, cur, store.DimTeam, NoTeam)
	if err != nil {
		return err
	}
	teamPrev, err := b.counts(ctx, prev, store.DimTeam, NoTeam)
	if err != nil {
		return err
	}
	o.Teams, o.PrevTeams = len(teamCur), len(teamPrev)
	o.TopTeams = merge(teamCur, teamPrev)
	sortCounts(o.TopTeams)

	if o.Undated, err = b.undated(ctx); err != nil {
		return err
	}
	if o.MedianResolveMinutes, err = b.single(ctx, cur, store.MeasureDurationQuantile, 0.5); err != nil {
		return err
	}
	if o.PrevMedianResolveMinutes, err = b.single(ctx, prev, store.MeasureDurationQuantile, 0.5); err != nil {
		return err
	}
	if o.MeanScore, err = b.single(ctx, cur, store.MeasureScore, 0); err != nil {
		return err
	}
	if o.PrevMeanScore, err = b.single(ctx, prev, store.MeasureScore, 0); err != nil {
		return err
	}
	return nil
}

// counts returns postmortems per value of dim in quarter q, keyed with
// empty values renamed to empty.
func (b *builder) counts(ctx context.Context, q Quarter, dim store.Dimension, empty string) (map[string]int, error) {
	rows, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: b.quarterFilter(q), Measure: store.MeasurePostmortems,
		GroupBy: []store.Dimension{dim},
	})
	if err != nil {
		return nil, err
	}
	m := map[string]int{}
	for _, row := range rows {
		k := key(row, 0)
		if k == "" {
			k = empty
		}
		if row.Value > 0 {
			m[k] += int(row.Value)
		}
	}
	return m, nil
}

// single computes an ungrouped measure over quarter q; 0 when no row.
func (b *builder) single(ctx context.Context, q Quarter, m store.Measure, quantile float64) (float64, error) {
	rows, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: b.quarterFilter(q), Measure: m, Quantile: quantile,
	})
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return rows[0].Value, nil
}

// key returns row.Keys[i], or "" when the row has fewer keys.
func key(row store.AggRow, i int) string {
	if i < len(row.Keys) {
		return row.Keys[i]
	}
	return ""
}

// merge lists every key of cur with its previous count; keys only in prev
// are left out (they did not happen this quarter).
func merge(cur, prev map[string]int) []Count {
	out := make([]Count, 0, len(cur))
	for k, v := range cur {
		out = append(out, Count{Key: k, Value: v, PrevValue: prev[k]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// sortCounts orders by count, largest first, then by key.
func sortCounts(cs []Count) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Value != cs[j].Value {
			return cs[i].Value > cs[j].Value
		}
		return cs[i].Key < cs[j].Key
	})
}

// severityLess orders severities most severe first: SEV0/SEV1/P1 style
// by number, then critical, high, major, medium, minor, low, then the rest
// alphabetically, unrated last.
func severityLess(a, b string) bool {
	ra, rb := severityOrder(a), severityOrder(b)
	if ra != rb {
		return ra < rb
	}
	return a < b
}

func severityOrder(s string) int {
	if s == NoSeverity {
		return 1 << 20
	}
	l := strings.ToLower(strings.TrimSpace(s))
	for _, prefix := range []string{"sev-", "sev", "p", "s"} {
		if rest, ok := strings.CutPrefix(l, prefix); ok {
			if n, err := strconv.Atoi(rest); err == nil && n >= 0 && n < 100 {
				return n
			}
		}
	}
	words := map[string]int{"critical": 100, "high": 101, "major": 102, "medium": 103, "moderate": 103, "minor": 104, "low": 105}
	if n, ok := words[l]; ok {
		return n
	}
	return 1000
}

// undated counts the postmortems the filter selects that have no date:
// all of them, less those with a date in any range.
func (b *builder) undated(ctx context.Context) (int, error) {
	f := b.opts.Filter
	f.From, f.To = time.Time{}, time.Time{}
	_, all, err := b.st.List(ctx, store.ListQuery{Filter: f, Limit: 1})
	if err != nil {
		return 0, err
	}
	f.From, f.To = time.Unix(0, 0).UTC().AddDate(-100, 0, 0), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, dated, err := b.st.List(ctx, store.ListQuery{Filter: f, Limit: 1})
	if err != nil {
		return 0, err
	}
	return all - dated, nil
}
