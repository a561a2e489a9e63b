package clickhouse

import (
	"context"
	"fmt"
	"testing"

	"github.com/debrief-dev/debrief/store/storetest"
)

// BenchmarkQueries fills the database <dsn database>_bench_<n> once with n
// synthetic postmortems (kept for later runs) and measures every
// dashboard read.
func BenchmarkQueries(b *testing.B) {
	cfg := serverConfig(b, "DEBRIEF_CLICKHOUSE_DSN")
	n := storetest.BenchDocs(b)
	cfg.Database = fmt.Sprintf("%s_bench_%d", cfg.Database, n)
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			b.Errorf("close: %v", err)
		}
	}()
	storetest.FillTo(b, s, n, 2000, cfg.Database)
	storetest.Bench(b, s)
}

// BenchmarkPut measures re-ingesting batches of 100 documents.
func BenchmarkPut(b *testing.B) {
	s := openFresh(b, serverConfig(b, "DEBRIEF_CLICKHOUSE_DSN"))
	defer func() {
		if err := s.Close(); err != nil {
			b.Errorf("close: %v", err)
		}
	}()
	storetest.BenchPut(b, s, false)
}
