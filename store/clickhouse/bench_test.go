package clickhouse

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store/storetest"
)

// benchDocs is the corpus size: $DEBRIEF_BENCH_DOCS, default 10000.
func benchDocs(b *testing.B) int {
	n := 10000
	if v := os.Getenv("DEBRIEF_BENCH_DOCS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("DEBRIEF_BENCH_DOCS=%q is not a positive number", v)
		}
	}
	return n
}

// BenchmarkQueries fills the database <dsn database>_bench_<n> once with n
// synthetic postmortems (kept for later runs) and measures every
// dashboard read.
func BenchmarkQueries(b *testing.B) {
	cfg := serverConfig(b, "DEBRIEF_CLICKHOUSE_DSN")
	n := benchDocs(b)
	cfg.Database = fmt.Sprintf("%s_bench_%d", cfg.Database, n)
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Postmortems != int64(n) {
		start := time.Now()
		if err := storetest.Fill(ctx, s, n, 1, 2000); err != nil {
			b.Fatal(err)
		}
		st, _ = s.Stats(ctx)
		b.Logf("filled %s with %+v in %v", cfg.Database, st, time.Since(start).Round(time.Millisecond))
	}
	storetest.Bench(b, s)
}

// BenchmarkPut measures re-ingesting batches of 100 documents.
func BenchmarkPut(b *testing.B) {
	s := openFresh(b, serverConfig(b, "DEBRIEF_CLICKHOUSE_DSN"))
	defer s.Close()
	ctx := context.Background()
	var docs []*model.Postmortem
	if err := storetest.Synthetic(1000, 3, func(p *model.Postmortem) error { docs = append(docs, p); return nil }); err != nil {
		b.Fatal(err)
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
