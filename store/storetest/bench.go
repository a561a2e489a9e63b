package storetest

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Fill puts n Synthetic postmortems into s in batches of batch documents.
func Fill(ctx context.Context, s store.Store, n int, seed int64, batch int) error {
	var buf []*model.Postmortem
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		err := s.Put(ctx, buf)
		buf = buf[:0]
		return err
	}
	err := Synthetic(n, seed, func(p *model.Postmortem) error {
		buf = append(buf, p)
		if len(buf) >= batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// BenchQuery is one dashboard-style read.
type BenchQuery struct {
	Name string
	Run  func(ctx context.Context, s store.Store) error
}

// BenchQueries are the reads the dashboard and reports issue, over a store
// holding Synthetic data; team is one of its teams.
func BenchQueries(team string) []BenchQuery {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	agg := func(q store.AggregateQuery) func(context.Context, store.Store) error {
		return func(ctx context.Context, s store.Store) error {
			rows, err := s.Aggregate(ctx, q)
			if err == nil && len(rows) == 0 {
				err = fmt.Errorf("no rows for %+v", q)
			}
			return err
		}
	}
	D := func(d ...store.Dimension) []store.Dimension { return d }
	return []BenchQuery{
		{"Stats", func(ctx context.Context, s store.Store) error { _, err := s.Stats(ctx); return err }},
		{"List/date", func(ctx context.Context, s store.Store) error {
			_, _, err := s.List(ctx, store.ListQuery{})
			return err
		}},
		{"List/team+period+blame", func(ctx context.Context, s store.Store) error {
			_, _, err := s.List(ctx, store.ListQuery{Filter: store.Filter{Teams: []string{team}, From: from, To: to}, Sort: "blame"})
			return err
		}},
		{"List/theme+page5", func(ctx context.Context, s store.Store) error {
			_, _, err := s.List(ctx, store.ListQuery{Filter: store.Filter{Themes: []string{"capacity", "change"}}, Sort: "-score", Offset: 200})
			return err
		}},
		{"Agg/postmortems-by-team-quarter", agg(store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimTeam, store.DimQuarter)})},
		{"Agg/blame-by-team-quarter", agg(store.AggregateQuery{Measure: store.MeasureFindings, FindingKinds: []string{model.KindBlame}, GroupBy: D(store.DimTeam, store.DimQuarter)})},
		{"Agg/findings-by-kind-label", agg(store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimKind, store.DimLabel)})},
		{"Agg/blame-rules-team", agg(store.AggregateQuery{Measure: store.MeasureFindings, FindingKinds: []string{model.KindBlame}, GroupBy: D(store.DimRule), Filter: store.Filter{Teams: []string{team}}})},
		{"Agg/sentences-by-month", agg(store.AggregateQuery{Measure: store.MeasureSentences, GroupBy: D(store.DimMonth)})},
		{"Agg/score-p50-by-team", agg(store.AggregateQuery{Measure: store.MeasureScoreQuantile, Quantile: 0.5, GroupBy: D(store.DimTeam)})},
		{"Agg/duration-p90-by-quarter", agg(store.AggregateQuery{Measure: store.MeasureDurationQuantile, Quantile: 0.9, GroupBy: D(store.DimQuarter)})},
		{"Agg/theme-weight-by-theme-quarter", agg(store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: D(store.DimTheme, store.DimQuarter)})},
		{"Agg/top10-services", agg(store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimService), Limit: 10})},
		{"Search/text", func(ctx context.Context, s store.Store) error {
			_, _, err := s.SearchSentences(ctx, store.SentenceQuery{Text: "retry budget 3 would"})
			return err
		}},
		{"Search/blame+team", func(ctx context.Context, s store.Store) error {
			_, _, err := s.SearchSentences(ctx, store.SentenceQuery{Kinds: []string{model.KindBlame}, Filter: store.Filter{Teams: []string{team}}})
			return err
		}},
		// The same searches with the total counted up to 1000, as a dashboard
		// that shows "1000+ matches" would send them.
		{"Search/text-capped", func(ctx context.Context, s store.Store) error {
			_, _, err := s.SearchSentences(ctx, store.SentenceQuery{Text: "retry budget 3 would", MaxTotal: 1000})
			return err
		}},
		{"Search/blame+team-capped", func(ctx context.Context, s store.Store) error {
			_, _, err := s.SearchSentences(ctx, store.SentenceQuery{Kinds: []string{model.KindBlame}, Filter: store.Filter{Teams: []string{team}}, MaxTotal: 1000})
			return err
		}},
		{"ActionItems/team+period", func(ctx context.Context, s store.Store) error {
			_, err := s.ActionItems(ctx, store.Filter{Teams: []string{team}, From: from, To: to})
			return err
		}},
	}
}

// Bench runs every BenchQueries read against s (already filled with
// Synthetic data) as a sub-benchmark and reports p50 and p95 latency.
func Bench(b *testing.B, s store.Store) {
	ctx := context.Background()
	teams, err := s.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimTeam}, Limit: 1})
	if err != nil || len(teams) == 0 {
		b.Fatalf("store has no teams (fill it first): %v", err)
	}
	l, _, err := s.List(ctx, store.ListQuery{Limit: 1})
	if err != nil || len(l) == 0 {
		b.Fatalf("List: %v", err)
	}
	queries := append(BenchQueries(teams[0].Keys[0]), BenchQuery{"Get", func(ctx context.Context, s store.Store) error {
		_, err := s.Get(ctx, l[0].ID)
		return err
	}})
	for _, q := range queries {
		b.Run(q.Name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if err := q.Run(ctx, s); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[(len(lat)*95)/100].Microseconds())/1000, "p95-ms")
		})
	}
}
