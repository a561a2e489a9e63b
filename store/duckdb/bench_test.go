package duckdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/debrief-dev/debrief/store/storetest"
)

// filledStore opens a DuckDB file under the temp dir holding n synthetic
// postmortems, filling it on first use (later runs reuse the file).
func filledStore(b *testing.B, n int) *Store {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("debrief-bench-duckdb-%d.db", n))
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	storetest.FillTo(b, s, n, 1000, path)
	return s
}

func BenchmarkQueries(b *testing.B) {
	s := filledStore(b, storetest.BenchDocs(b))
	defer func() {
		if err := s.Close(); err != nil {
			b.Errorf("close: %v", err)
		}
	}()
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
	defer func() {
		if err := s.Close(); err != nil {
			b.Errorf("close: %v", err)
		}
	}()
	storetest.BenchPut(b, s, true)
}

// BenchmarkEach measures store.Each over 1000 synthetic documents in an
// in-memory store, streaming (Scan) and one Get per document.
func BenchmarkEach(b *testing.B) {
	s, err := Open(context.Background(), "")
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			b.Errorf("close: %v", err)
		}
	}()
	storetest.FillTo(b, s, 1000, 500, "memory")
	storetest.BenchEach(b, s)
}
