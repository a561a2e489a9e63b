package clickhouse

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

// dimExpr is the String expression of each dimension over the columns the
// aggregate's source subquery exposes (postmortem columns get a p_ prefix
// so they cannot clash with finding columns such as severity). p_date is a
// DateTime('UTC') column, so the calendar functions work in UTC whatever
// the server's time zone.
var dimExpr = map[store.Dimension]string{
	store.DimTeam:     "p_team",
	store.DimSeverity: "p_severity",
	store.DimQuarter:  "concat(toString(toYear(p_date)), '-Q', toString(toQuarter(p_date)))",
	store.DimMonth:    "formatDateTime(p_date, '%Y-%m')",
	store.DimWeek:     "toString(toMonday(p_date))",
	store.DimService:  "service",
	store.DimTheme:    "theme",
	store.DimKind:     "kind",
	store.DimLabel:    "label",
	store.DimRule:     "rule",
}

// postmortemCols are the postmortems columns aggregates may use, with the
// p_ aliases they get in the aggregate's source.
var postmortemCols = []struct{ column, alias string }{
	{"team", "p_team"}, {"severity", "p_severity"}, {"date", "p_date"}, {"services", "p_services"},
	{"themes", "p_themes"}, {"theme_weights", "p_theme_weights"}, {"member_themes", "p_member_themes"},
	{"duration_minutes", "p_duration"},
	{"score", "p_score"}, {"n_sentences", "p_n_sentences"}, {"n_findings", "p_n_findings"},
	{"n_blame", "p_n_blame"}, {"n_assumptions", "p_n_assumptions"},
}

// Aggregate computes one measure grouped by dimensions (see
// store.AggregateQuery for the rules). Quantiles are interpolated in Go
// from the group's sorted values, ClickHouse 18 having no exact
// interpolating quantile.
func (s *Store) Aggregate(ctx context.Context, q store.AggregateQuery) ([]store.AggRow, error) {
	plan, err := sqlutil.PlanAggregate(q)
	if err != nil {
		return nil, err
	}
	var extra []string
	if plan.Dated {
		extra = append(extra, "has_date = 1")
	}
	var value string
	quantile, fromCounts := false, false
	switch q.Measure {
	case store.MeasurePostmortems:
		value = "count()" // one row per document (and distinct service)
		if plan.Themes {
			value = "uniqExact(doc_id)" // a document may repeat a theme
		}
	case store.MeasureSentences:
		value = "sum(p_n_sentences)"
	case store.MeasureFindings:
		value = "count()"
		if countCols, ok := sqlutil.FindingCountColumns(q); ok {
			value = "sum(p_" + strings.Join(countCols, " + p_") + ")"
			fromCounts = true
		}
	case store.MeasureScore:
		value = "avg(p_score)"
		extra = append(extra, "scored = 1")
	case store.MeasureScoreQuantile:
		value, quantile = "p_score", true
		extra = append(extra, "scored = 1")
	case store.MeasureDurationQuantile:
		value, quantile = "p_duration", true
		extra = append(extra, "duration_minutes > 0")
	case store.MeasureThemeWeight:
		value = "sum(theme_weight)"
	}

	// The source: current, filtered postmortems (joined to their findings
	// for MeasureFindings), then unnested services and themes as needed.
	// Only the columns the dimensions and the measure use are carried: the
	// postmortems side of a JOIN is held in memory.
	need := map[string]bool{}
	for _, d := range q.GroupBy {
		switch {
		case d == store.DimTeam:
			need["p_team"] = true
		case d == store.DimSeverity:
			need["p_severity"] = true
		case sqlutil.IsTime(d):
			need["p_date"] = true
		case d == store.DimService:
			need["p_services"] = true
		case d == store.DimTheme && plan.AllThemes():
			need["p_themes"], need["p_theme_weights"] = true, true
		case d == store.DimTheme:
			need["p_member_themes"] = true
		}
	}
	for _, c := range postmortemCols {
		if strings.Contains(value, c.alias) {
			need[c.alias] = true
		}
	}
	docCols, outCols := []string{"1 AS p_one"}, "doc_id, p_one"
	for _, c := range postmortemCols {
		if need[c.alias] {
			docCols = append(docCols, c.column+" AS "+c.alias)
			outCols += ", " + c.alias
		}
	}
	docs, args := s.docs(plan.Findings && !fromCounts, q.Filter, strings.Join(docCols, ", "), extra...)
	src := docs
	findingsOnly := plan.Findings && !fromCounts && sqlutil.FilterIsZero(q.Filter) && len(need) == 0
	if findingsOnly {
		// Grouped by finding fields only, over every postmortem: no join,
		// just "is this row's version current?", on seq alone (see nextSeqs).
		// bitOr(seq, 0) is seq, but not the key column: ClickHouse would
		// otherwise try the 100k-element set against the primary key
		// (doc_id, seq, idx), which cannot narrow anything and costs more
		// than the test itself (55 against 35 ms at 100k documents).
		conds := []string{"bitOr(seq, 0) IN (SELECT seq FROM " + s.currentDocs(true) + ")"}
		fconds, fargs := sqlutil.FindingConds("", q.FindingKinds, q.FindingLabels)
		conds = append(conds, fconds...)
		args = fargs
		src = "(SELECT kind, label, rule FROM findings WHERE " + strings.Join(conds, " AND ") + ")"
	} else if plan.Findings && !fromCounts {
		fconds, fargs := sqlutil.FindingConds("", q.FindingKinds, q.FindingLabels)
		args = append(args, fargs...)
		where := ""
		if len(fconds) > 0 {
			where = " WHERE " + strings.Join(fconds, " AND ")
		}
		outCols += ", kind, label, rule"
		src = "(SELECT " + outCols + " FROM findings ALL INNER JOIN " + docs + " USING (doc_id, seq)" + where + ")"
	}
	if plan.Services {
		src = "(SELECT " + outCols + ", service FROM " + src + " ARRAY JOIN p_services AS service)"
		outCols += ", service"
	}
	if plan.Themes && plan.AllThemes() {
		src = "(SELECT " + outCols + ", theme, theme_weight FROM " + src + " ARRAY JOIN p_themes AS theme, p_theme_weights AS theme_weight)"
	} else if plan.Themes {
		// Counts by theme count member themes only.
		src = "(SELECT " + outCols + ", theme FROM " + src + " ARRAY JOIN p_member_themes AS theme)"
	}

	var b strings.Builder
	b.WriteString("SELECT ")
	var group []string
	for i, d := range q.GroupBy {
		fmt.Fprintf(&b, "%s AS k%d, ", dimExpr[d], i)
		group = append(group, fmt.Sprintf("k%d", i))
	}
	if quantile {
		fmt.Fprintf(&b, "arraySort(groupArray(toFloat64(%s)))", value)
	} else {
		fmt.Fprintf(&b, "toFloat64(%s)", value)
	}
	b.WriteString(" FROM " + src)
	if len(group) > 0 {
		b.WriteString(" GROUP BY " + strings.Join(group, ", "))
		if fromCounts {
			// Like the join with findings: no group without findings.
			b.WriteString(" HAVING " + value + " > 0")
		}
	}

	var rows []store.AggRow
	err = s.each(ctx, b.String(), args, func(r driver.Rows) error {
		keys := make([]string, len(q.GroupBy))
		dest := make([]any, 0, len(keys)+1)
		for i := range keys {
			dest = append(dest, &keys[i])
		}
		var v float64
		var vals []float64
		if quantile {
			dest = append(dest, &vals)
		} else {
			dest = append(dest, &v)
		}
		if err := r.Scan(dest...); err != nil {
			return err
		}
		if quantile {
			sort.Float64s(vals) // already sorted; cheap insurance
			var ok bool
			if v, ok = sqlutil.Quantile(vals, q.Quantile); !ok {
				return nil
			}
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil // avg over no rows
		}
		rows = append(rows, store.AggRow{Keys: keys, Value: v})
		return nil
	})
	if err != nil {
		return nil, wrap("aggregate", err)
	}
	return sqlutil.FinishAgg(rows, q.Limit), nil
}
