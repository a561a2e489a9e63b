package storetest

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
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

// BenchDocs is the benchmark corpus size: $DEBRIEF_BENCH_DOCS, default
// 10000.
func BenchDocs(tb testing.TB) int {
	n := 10000
	if v := os.Getenv("DEBRIEF_BENCH_DOCS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			tb.Fatalf("DEBRIEF_BENCH_DOCS=%q is not a positive number", v)
		}
	}
	return n
}

// FillTo fills s with n Synthetic postmortems (seed 1, in batches of
// batch) unless it already holds exactly n, so a benchmark store can be
// kept between runs. name says which store in the log.
func FillTo(tb testing.TB, s store.Store, n, batch int, name string) {
	tb.Helper()
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	if st.Postmortems == int64(n) {
		return
	}
	start := time.Now()
	if err := Fill(ctx, s, n, 1, batch); err != nil {
		tb.Fatal(err)
	}
	st, _ = s.Stats(ctx)
	tb.Logf("filled %s with %+v in %v", name, st, time.Since(start).Round(time.Millisecond))
}

// BenchPut measures re-ingesting batches of 100 of 1000 Synthetic
// documents; with preload the documents are stored first, so every Put
// replaces.
func BenchPut(b *testing.B, s store.Store, preload bool) {
	ctx := context.Background()
	var docs []*model.Postmortem
	if err := Synthetic(1000, 3, func(p *model.Postmortem) error { docs = append(docs, p); return nil }); err != nil {
		b.Fatal(err)
	}
	if preload {
		if err := s.Put(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := (i * 100) % len(docs)
		if err := s.Put(ctx, docs[j:j+100]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "docs/s")
}

// BenchEach measures store.Each over every document of s: through the
// backend's Scanner ("scan") and, for comparison, the one-Get-per-document
// path a Store without Scan takes ("get-per-doc").
func BenchEach(b *testing.B, s store.Store) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		st   store.Store
	}{{"scan", s}, {"get-per-doc", struct{ store.Store }{s}}} {
		b.Run(c.name, func(b *testing.B) {
			docs := 0
			for i := 0; i < b.N; i++ {
				docs = 0
				if err := store.Each(ctx, c.st, store.Filter{}, 0, func(*model.Postmortem) error { docs++; return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*docs)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
