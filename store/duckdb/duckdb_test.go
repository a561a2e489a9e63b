package duckdb

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
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

// openAtVersion creates a database file migrated up to version only.
func openAtVersion(t *testing.T, version int) (*Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := openUnmigrated(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.migrate(ctx, version); err != nil {
		t.Fatal(err)
	}
	return s, path
}

// upgrade closes s and opens its file again, applying every migration.
func upgrade(t *testing.T, s *Store, path string) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	return s
}

// TestMigrationUpgrade builds a database at schema version 1 with data,
// then upgrades it: 0002 must fill theme_weights from doc_themes.
func TestMigrationUpgrade(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 1)
	for _, q := range []string{
		`INSERT INTO postmortems VALUES ('a', '1', 't', 'team', '', [], NULL, NULL, NULL, NULL, 0, [], '', '', '', 0, '[]', [], ['x', 'y'], false, 0, '', 0, 0, 0, 0, 0, 0, now())`,
		`INSERT INTO doc_themes VALUES ('a', '1', 1, 'y', 0.25), ('a', '1', 0, 'x', 0.5)`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s = upgrade(t, s, path)
	defer func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	rows, err := s.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: []store.Dimension{store.DimTheme}})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.AggRow{{Keys: []string{"x"}, Value: 0.5}, {Keys: []string{"y"}, Value: 0.25}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("theme weights after upgrade = %v, want %v", rows, want)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != 4 {
		t.Errorf("schema_migrations has %d rows (%v), want 4", n, err)
	}
	// The upgraded schema takes new documents.
	if err := s.Put(ctx, storetest.Corpus()); err != nil {
		t.Errorf("Put after upgrade: %v", err)
	}
}

// TestMigrationTermsBackfill stores sentences at schema version 2, then
// upgrades: 0003 must compute the same term masks as Put does, and search
// must find the old sentences through them.
func TestMigrationTermsBackfill(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 2)
	texts := []string{"We assumed the Budget 3 would hold.", "", "— ✓", "Ünïcode KELVIN x-ray 42ms", "it's the retry budget", "\u212aelvin \u0130stanbul cla\u017f\u017f"}
	for i, text := range texts {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO sentences VALUES ('a', '1', ?, 0, 'summary', 0, 0, ?)`, i, text); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO postmortems VALUES ('a', '1', 't', 'team', '', [], NULL, NULL, NULL, NULL, 0, [], '', '', '', 0, '[]', [], [], false, 0, '', 5, 0, 0, 0, 0, 0, now(), [])`); err != nil {
		t.Fatal(err)
	}
	s = upgrade(t, s, path)
	defer func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	for i, text := range texts {
		var got int64
		if err := s.db.QueryRowContext(ctx, "SELECT terms FROM sentences WHERE idx = ?", i).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := int64(sqlutil.TermMask(text, nil)); got != want {
			t.Errorf("backfilled terms of %q = %x, want %x (sqlutil.TermMask)", text, got, want)
		}
	}
	hits, n, err := s.SearchSentences(ctx, store.SentenceQuery{Text: "the retry budget"})
	if err != nil || n != 1 || len(hits) != 1 || hits[0].Index != 4 {
		t.Errorf("search after upgrade = %v, %d, %v; want sentence 4", hits, n, err)
	}
}

// TestMigrationThemeMembersBackfill stores themes at schema version 3
// (weights only), then upgrades: 0004 must make a document's heaviest theme
// and its other themes among the four heaviest with weight >= 0.14 members,
// and counts, filters and Get must see exactly those.
func TestMigrationThemeMembersBackfill(t *testing.T) {
	ctx := context.Background()
	s, path := openAtVersion(t, 3)
	docs := storetest.ThemeBackfillRows()
	for _, d := range docs {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO postmortems VALUES (?, '1', 't', 'team', '', [], NULL, NULL, NULL, NULL, 0, [], '', '', '', 0, '[]', [], ?, false, 0, '', 0, 0, 0, 0, 0, 0, now(), ?)`,
			d.ID, d.Labels, d.Weights); err != nil {
			t.Fatal(err)
		}
		for i, l := range d.Labels {
			if _, err := s.db.ExecContext(ctx, `INSERT INTO doc_themes VALUES (?, '1', ?, ?, ?)`, d.ID, i, l, d.Weights[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	s = upgrade(t, s, path)
	defer func() { _ = s.Close() }()
	storetest.CheckThemeBackfill(t, s)
}
