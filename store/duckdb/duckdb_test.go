package duckdb

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/storetest"
)

func TestConformanceMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestConformanceFile(t *testing.T) {
	if testing.Short() {
		t.Skip("file-backed conformance run skipped in -short mode")
	}
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "debrief.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestMigrationUpgrade builds a database at schema version 1 with data,
// then upgrades it: 0002 must fill theme_weights from doc_themes.
func TestMigrationUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := openUnmigrated(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.migrate(ctx, 1); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO postmortems VALUES ('a', '1', 't', 'team', '', [], NULL, NULL, NULL, NULL, 0, [], '', '', '', 0, '[]', [], ['x', 'y'], false, 0, '', 0, 0, 0, 0, 0, 0, now())`,
		`INSERT INTO doc_themes VALUES ('a', '1', 1, 'y', 0.25), ('a', '1', 0, 'x', 0.5)`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	rows, err := s.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: []store.Dimension{store.DimTheme}})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.AggRow{{Keys: []string{"x"}, Value: 0.5}, {Keys: []string{"y"}, Value: 0.25}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("theme weights after upgrade = %v, want %v", rows, want)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != 2 {
		t.Errorf("schema_migrations has %d rows (%v), want 2", n, err)
	}
	// The upgraded schema takes new documents.
	if err := s.Put(ctx, storetest.Corpus()); err != nil {
		t.Errorf("Put after upgrade: %v", err)
	}
}
