package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/quarter"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

// dimExpr is the expression of each dimension over the aliases p
// (postmortems, with service and theme columns when unnested) and f
// (findings). Time dimensions group by a truncated
// TIMESTAMP, formatted in Go (cheaper than building strings per row).
var dimExpr = map[store.Dimension]string{
	store.DimTeam:     "p.team",
	store.DimSeverity: "p.severity",
	store.DimQuarter:  "date_trunc('quarter', p.date)",
	store.DimMonth:    "date_trunc('month', p.date)",
	store.DimWeek:     "date_trunc('week', p.date)", // ISO weeks start on Monday
	store.DimService:  "p.service",
	store.DimTheme:    "p.theme",
	store.DimKind:     "f.kind",
	store.DimLabel:    "f.label",
	store.DimRule:     "f.rule",
}

// formatTime renders a time dimension's key.
func formatTime(d store.Dimension, t time.Time) string {
	t = t.UTC()
	switch d {
	case store.DimQuarter:
		return quarter.Of(t).String()
	case store.DimMonth:
		return t.Format("2006-01")
	}
	return t.Format("2006-01-02")
}

// Aggregate computes one measure grouped by dimensions (see
// store.AggregateQuery for the rules).
func (s *Store) Aggregate(ctx context.Context, q store.AggregateQuery) ([]store.AggRow, error) {
	plan, err := sqlutil.PlanAggregate(q)
	if err != nil {
		return nil, err
	}
	where, args := sqlutil.Where(dialect, q.Filter, "p")
	conds := []string{where}
	var measureArgs []any
	// Unnesting in subqueries keeps every postmortems column, so the
	// filter on p still applies: one row per (postmortem, theme) and/or
	// (postmortem, service); Put stores services without duplicates.
	// Only the columns filters and measures use are carried (not the large
	// sections text).
	const cols = "id, team, severity, services, themes, theme_weights, member_themes, date, duration_minutes, scored, score, " +
		"n_sentences, n_findings, n_blame, n_assumptions"
	from := "postmortems"
	if plan.Themes && plan.AllThemes() {
		from = "(SELECT " + cols + ", unnest(themes) AS theme, unnest(theme_weights) AS theme_weight FROM " + from + ")"
	} else if plan.Themes {
		// Counts by theme count member themes only.
		from = "(SELECT " + cols + ", unnest(member_themes) AS theme, 0.0 AS theme_weight FROM " + from + ")"
	}
	if plan.Services {
		extra := ""
		if plan.Themes {
			extra = ", theme, theme_weight"
		}
		from = "(SELECT " + cols + extra + ", unnest(services) AS service FROM " + from + ")"
	}
	from += " p"
	countCols, fromCounts := sqlutil.FindingCountColumns(q)
	if plan.Findings && !fromCounts {
		fconds, fargs := sqlutil.FindingConds("f.", q.FindingKinds, q.FindingLabels)
		// Findings grouped only by their own fields, over every
		// postmortem, need no postmortems rows: every stored row is current.
		findingsOnly := sqlutil.FilterIsZero(q.Filter) && !plan.Services && !plan.Themes && !plan.Dated
		for _, d := range q.GroupBy {
			if d == store.DimTeam || d == store.DimSeverity {
				findingsOnly = false
			}
		}
		if findingsOnly {
			from, conds, args = "findings f", []string{"1 = 1"}, nil
		} else {
			from += " JOIN findings f ON f.doc_id = p.id"
		}
		conds = append(conds, fconds...)
		args = append(args, fargs...)
	}
	var measure string
	switch q.Measure {
	case store.MeasurePostmortems:
		measure = "count(*)"
		if plan.Themes {
			measure = "count(DISTINCT p.id)" // a document may repeat a theme
		}
	case store.MeasureSentences:
		measure = "sum(p.n_sentences)"
	case store.MeasureFindings:
		measure = "count(*)"
		if fromCounts {
			measure = "coalesce(sum(p." + strings.Join(countCols, " + p.") + "), 0)"
		}
	case store.MeasureScore:
		measure = "avg(p.score)"
		conds = append(conds, "p.scored")
	case store.MeasureScoreQuantile:
		measure = "quantile_cont(p.score, ?)"
		measureArgs = append(measureArgs, q.Quantile)
		conds = append(conds, "p.scored")
	case store.MeasureDurationQuantile:
		measure = "quantile_cont(p.duration_minutes, ?)"
		measureArgs = append(measureArgs, q.Quantile)
		conds = append(conds, "p.duration_minutes > 0")
	case store.MeasureThemeWeight:
		measure = "sum(p.theme_weight)"
	}
	if plan.Dated {
		conds = append(conds, "p.date IS NOT NULL")
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	var group []string
	for i, d := range q.GroupBy {
		if sqlutil.IsTime(d) {
			fmt.Fprintf(&b, "%s AS k%d, ", dimExpr[d], i)
		} else {
			fmt.Fprintf(&b, "CAST(%s AS VARCHAR) AS k%d, ", dimExpr[d], i)
		}
		group = append(group, fmt.Sprintf("k%d", i))
	}
	fmt.Fprintf(&b, "CAST(%s AS DOUBLE) AS v FROM %s WHERE %s", measure, from, strings.Join(conds, " AND "))
	if len(group) > 0 {
		b.WriteString(" GROUP BY " + strings.Join(group, ", "))
		if fromCounts {
			// Like the join with findings: no group without findings.
			b.WriteString(" HAVING v > 0")
		}
	}
	all := append(append([]any{}, measureArgs...), args...)

	var rows []store.AggRow
	err = each(ctx, s.db, b.String(), all, func(r *sql.Rows) error {
		keys := make([]sql.NullString, len(q.GroupBy))
		times := make([]sql.NullTime, len(q.GroupBy))
		dest := make([]any, 0, len(keys)+1)
		for i, d := range q.GroupBy {
			if sqlutil.IsTime(d) {
				dest = append(dest, &times[i])
			} else {
				dest = append(dest, &keys[i])
			}
		}
		var v sql.NullFloat64
		dest = append(dest, &v)
		if err := r.Scan(dest...); err != nil {
			return err
		}
		if !v.Valid {
			return nil
		}
		row := store.AggRow{Keys: make([]string, len(keys)), Value: v.Float64}
		for i, d := range q.GroupBy {
			if sqlutil.IsTime(d) {
				row.Keys[i] = formatTime(d, times[i].Time)
			} else {
				row.Keys[i] = keys[i].String
			}
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		return nil, wrap("aggregate", err)
	}
	return sqlutil.FinishAgg(rows, q.Limit), nil
}
