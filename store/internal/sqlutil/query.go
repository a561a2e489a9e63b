package sqlutil

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Dialect is what differs between the SQL backends when filtering the
// postmortems table. Every value goes through a "?" placeholder.
type Dialect struct {
	// HasAny returns a boolean expression: array column col shares an
	// element with the list of n placeholders.
	HasAny func(col string, n int) string
	// DateCmp returns a boolean expression comparing the postmortem date
	// with one placeholder using op (">=" or "<"); it must be false for
	// postmortems without a date. prefix is "" or "alias.".
	DateCmp func(prefix, op string) string
	// TimeArg converts a time bound into the placeholder's value.
	TimeArg func(t time.Time) any
}

// Placeholders returns "?, ?, ..." with n placeholders.
func Placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// Args converts strings to placeholder arguments.
func Args(vals []string) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}

// Where returns the conditions of f on the postmortems table aliased a
// ("" for unqualified column names), joined by AND ("1 = 1" for the zero
// Filter), and their arguments.
func Where(d Dialect, f store.Filter, a string) (string, []any) {
	var conds []string
	var args []any
	prefix := ""
	if a != "" {
		prefix = a + "."
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, fmt.Sprintf("%s%s IN (%s)", prefix, col, Placeholders(len(vals))))
		args = append(args, Args(vals)...)
	}
	in("team", f.Teams)
	in("severity", f.Severities)
	in("id", f.IDs)
	if len(f.Services) > 0 {
		conds = append(conds, d.HasAny(prefix+"services", len(f.Services)))
		args = append(args, Args(f.Services)...)
	}
	if len(f.Themes) > 0 {
		conds = append(conds, d.HasAny(prefix+"member_themes", len(f.Themes)))
		args = append(args, Args(f.Themes)...)
	}
	if !f.From.IsZero() {
		conds = append(conds, d.DateCmp(prefix, ">="))
		args = append(args, d.TimeArg(f.From.UTC()))
	}
	if !f.To.IsZero() {
		conds = append(conds, d.DateCmp(prefix, "<"))
		args = append(args, d.TimeArg(f.To.UTC()))
	}
	if len(conds) == 0 {
		return "1 = 1", nil
	}
	return strings.Join(conds, " AND "), args
}

// Rows is what both drivers' result sets (*sql.Rows, clickhouse-go's
// driver.Rows) have in common.
type Rows interface {
	Next() bool
	Err() error
	Close() error
}

// EachRow returns err (the query's error) if set, else calls fn for every
// row of rows and closes it; it stops at fn's first error and otherwise
// returns the read error, if any.
func EachRow[R Rows](rows R, err error, fn func(R) error) error {
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }() // read errors come from rows.Err below
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Page applies the default limit (50) and rejects negative values.
func Page(limit, offset int) (int, int, error) {
	if limit < 0 || offset < 0 {
		return 0, 0, fmt.Errorf("%w: negative limit %d or offset %d", store.ErrUnsupported, limit, offset)
	}
	if limit == 0 {
		limit = 50
	}
	return limit, offset, nil
}

// CountQuery wraps a query that yields one row per match into one that
// counts them, stopping at maxTotal when it is > 0 (see
// store.SentenceQuery.MaxTotal); args are query's arguments.
func CountQuery(query string, args []any, maxTotal int) (string, []any, error) {
	if maxTotal < 0 {
		return "", nil, fmt.Errorf("%w: negative MaxTotal %d", store.ErrUnsupported, maxTotal)
	}
	if maxTotal == 0 {
		return "SELECT count(*) FROM (" + query + ") k", args, nil
	}
	return "SELECT count(*) FROM (" + query + " LIMIT ?) k", append(append([]any{}, args...), maxTotal), nil
}

// PastEnd reports whether a page starting at offset has no hits, given the
// total a search counted with cap maxTotal (a capped total says nothing
// about what lies beyond it).
func PastEnd(total, offset, maxTotal int) bool {
	return total == 0 || offset >= total && (maxTotal == 0 || total < maxTotal)
}

// Sorts are the ListQuery.Sort values; "" means "date".
var Sorts = []string{"date", "score", "-score", "title", "team", "blame"}

// CheckList validates a ListQuery: its normalised sort key (CheckSort) and
// page (Page).
func CheckList(q store.ListQuery) (sortKey string, limit, offset int, err error) {
	if sortKey, err = CheckSort(q.Sort); err != nil {
		return "", 0, 0, err
	}
	if limit, offset, err = Page(q.Limit, q.Offset); err != nil {
		return "", 0, 0, err
	}
	return sortKey, limit, offset, nil
}

// CheckSort normalises a ListQuery.Sort value.
func CheckSort(s string) (string, error) {
	if s == "" {
		return "date", nil
	}
	for _, v := range Sorts {
		if s == v {
			return s, nil
		}
	}
	return "", fmt.Errorf("%w: unknown sort %q (want one of %s)", store.ErrUnsupported, s, strings.Join(Sorts, ", "))
}

// AggPlan is a validated AggregateQuery with what the backend must join.
type AggPlan struct {
	Q store.AggregateQuery
	// Findings: the rows are findings (MeasureFindings).
	Findings bool
	// Themes: a row per document theme is needed (DimTheme or
	// MeasureThemeWeight): every theme for MeasureThemeWeight, member
	// themes only for the other measures (see AllThemes).
	Themes bool
	// Services: the services array is unnested (DimService).
	Services bool
	// Dated: only postmortems with a date take part (a time dimension).
	Dated bool
}

// AllThemes reports whether the theme rows are every document theme
// (MeasureThemeWeight sums weights of all themes) rather than the member
// themes only (counts such as "postmortems with theme X").
func (p AggPlan) AllThemes() bool { return p.Q.Measure == store.MeasureThemeWeight }

// IsTime reports whether d buckets the postmortem date.
func IsTime(d store.Dimension) bool {
	return d == store.DimQuarter || d == store.DimMonth || d == store.DimWeek
}

// PlanAggregate validates q (see store.AggregateQuery for the rules).
func PlanAggregate(q store.AggregateQuery) (AggPlan, error) {
	p := AggPlan{Q: q}
	switch q.Measure {
	case store.MeasurePostmortems, store.MeasureSentences, store.MeasureScore:
	case store.MeasureFindings:
		p.Findings = true
	case store.MeasureScoreQuantile, store.MeasureDurationQuantile:
		if q.Quantile < 0 || q.Quantile > 1 || math.IsNaN(q.Quantile) {
			return p, fmt.Errorf("%w: quantile %v outside [0,1]", store.ErrUnsupported, q.Quantile)
		}
	case store.MeasureThemeWeight:
		p.Themes = true
	default:
		return p, fmt.Errorf("%w: unknown measure %q", store.ErrUnsupported, q.Measure)
	}
	if q.Limit < 0 {
		return p, fmt.Errorf("%w: negative limit %d", store.ErrUnsupported, q.Limit)
	}
	seen := map[store.Dimension]bool{}
	hasTheme := false
	for _, d := range q.GroupBy {
		if seen[d] {
			return p, fmt.Errorf("%w: dimension %q appears twice", store.ErrUnsupported, d)
		}
		seen[d] = true
		switch d {
		case store.DimTeam, store.DimSeverity:
		case store.DimQuarter, store.DimMonth, store.DimWeek:
			p.Dated = true
		case store.DimService:
			p.Services = true
		case store.DimTheme:
			p.Themes = true
			hasTheme = true
		case store.DimKind, store.DimLabel, store.DimRule:
			if q.Measure != store.MeasureFindings {
				return p, fmt.Errorf("%w: dimension %q needs measure %q, not %q", store.ErrUnsupported, d, store.MeasureFindings, q.Measure)
			}
		default:
			return p, fmt.Errorf("%w: unknown dimension %q", store.ErrUnsupported, d)
		}
	}
	if q.Measure == store.MeasureThemeWeight && !hasTheme {
		return p, fmt.Errorf("%w: measure %q needs dimension %q", store.ErrUnsupported, q.Measure, store.DimTheme)
	}
	return p, nil
}

// FinishAgg orders rows as store.AggregateQuery documents and applies limit.
func FinishAgg(rows []store.AggRow, limit int) []store.AggRow {
	if rows == nil {
		rows = []store.AggRow{}
	}
	keyLess := func(a, b []string) bool {
		for i := range a {
			if i >= len(b) {
				return false
			}
			if a[i] != b[i] {
				return a[i] < b[i]
			}
		}
		return len(a) < len(b)
	}
	if limit > 0 {
		sort.SliceStable(rows, func(i, j int) bool {
			if rows[i].Value != rows[j].Value {
				return rows[i].Value > rows[j].Value
			}
			return keyLess(rows[i].Keys, rows[j].Keys)
		})
		if len(rows) > limit {
			rows = rows[:limit]
		}
		return rows
	}
	sort.SliceStable(rows, func(i, j int) bool { return keyLess(rows[i].Keys, rows[j].Keys) })
	return rows
}

// Quantile interpolates linearly between the two values nearest to rank
// q*(n-1) of sorted (numpy's default); ok is false for no values.
func Quantile(sorted []float64, q float64) (v float64, ok bool) {
	n := len(sorted)
	if n == 0 {
		return 0, false
	}
	pos := q * float64(n-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	if lo < 0 {
		lo = 0
	}
	if hi > n-1 {
		hi = n - 1
	}
	return sorted[lo] + (sorted[hi]-sorted[lo])*(pos-float64(lo)), true
}

// FilterIsZero reports whether f selects every postmortem.
func FilterIsZero(f store.Filter) bool {
	return len(f.Teams) == 0 && len(f.Severities) == 0 && len(f.Services) == 0 && len(f.Themes) == 0 &&
		len(f.IDs) == 0 && f.From.IsZero() && f.To.IsZero()
}

// FindingCountColumns returns the postmortems count columns whose sum is
// what MeasureFindings counts, when q needs no finding rows: no
// Kind/Label/Rule dimension, no FindingLabels, and FindingKinds empty
// (n_findings) or made of blame and assumption (n_blame, n_assumptions).
// Backends sum them instead of joining findings.
func FindingCountColumns(q store.AggregateQuery) ([]string, bool) {
	if q.Measure != store.MeasureFindings || len(q.FindingLabels) > 0 {
		return nil, false
	}
	for _, d := range q.GroupBy {
		if d == store.DimKind || d == store.DimLabel || d == store.DimRule {
			return nil, false
		}
	}
	if len(q.FindingKinds) == 0 {
		return []string{"n_findings"}, true
	}
	var blame, assumption bool
	for _, k := range q.FindingKinds {
		switch k {
		case model.KindBlame:
			blame = true
		case model.KindAssumption:
			assumption = true
		default:
			return nil, false
		}
	}
	var cols []string
	if blame {
		cols = append(cols, "n_blame")
	}
	if assumption {
		cols = append(cols, "n_assumptions")
	}
	return cols, true
}

// FindingConds returns "kind IN (...)" and "label IN (...)" conditions
// (columns prefixed with prefix, e.g. "f.") and their arguments, for the
// non-empty lists among kinds and labels.
func FindingConds(prefix string, kinds, labels []string) (conds []string, args []any) {
	if len(kinds) > 0 {
		conds = append(conds, prefix+"kind IN ("+Placeholders(len(kinds))+")")
		args = append(args, Args(kinds)...)
	}
	if len(labels) > 0 {
		conds = append(conds, prefix+"label IN ("+Placeholders(len(labels))+")")
		args = append(args, Args(labels)...)
	}
	return conds, args
}
