package duckdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

// filledStore opens a DuckDB file under the temp dir holding n synthetic
// postmortems, filling it on first use (later runs reuse the file).
func filledStore(b *testing.B, n int) *Store {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("debrief-bench-duckdb-%d.db", n))
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Postmortems != int64(n) {
		start := time.Now()
		if err := storetest.Fill(ctx, s, n, 1, 1000); err != nil {
			b.Fatal(err)
		}
		st, _ = s.Stats(ctx)
		b.Logf("filled %s with %+v in %v", path, st, time.Since(start).Round(time.Millisecond))
	}
	return s
}

func BenchmarkQueries(b *testing.B) {
	s := filledStore(b, benchDocs(b))
	defer s.Close()
	storetest.Bench(b, s)
}

// BenchmarkPut measures re-ingesting batches of 100 existing documents
// (delete + append in one transaction).
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var docs []*model.Postmortem
	if err := storetest.Synthetic(1000, 3, func(p *model.Postmortem) error { docs = append(docs, p); return nil }); err != nil {
		b.Fatal(err)
	}
	if err := s.Put(ctx, docs); err != nil {
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
