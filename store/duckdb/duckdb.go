// Package duckdb is the embedded store.Store backend: one DuckDB file (or an
// in-memory database for tests).
//
// Each postmortem ID has exactly one row in postmortems and its child rows
// in sentences, findings, doc_themes, action_items and timeline_events. Put
// replaces documents inside one transaction (delete the old rows, append the
// new ones with DuckDB's appender), so reads never collapse versions and a
// failed Put leaves the previous rows in place. Writers are serialised by a
// mutex; readers run concurrently.
package duckdb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	duck "github.com/duckdb/duckdb-go/v2"

	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Store is a DuckDB-backed store.Store.
type Store struct {
	db        *sql.DB
	connector *duck.Connector
	path      string
	mu        sync.Mutex // serialises Put and Migrate
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and applies
// pending migrations. An empty path or ":memory:" opens a private
// in-memory database.
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := openUnmigrated(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

func openUnmigrated(ctx context.Context, path string) (*Store, error) {
	dsn := path
	if path == ":memory:" {
		dsn = ""
	}
	if dsn != "" {
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("duckdb store: create directory for %s: %w", dsn, err)
			}
		}
	}
	connector, err := duck.NewConnector(dsn, nil)
	if err != nil {
		if strings.Contains(err.Error(), "lock") {
			return nil, fmt.Errorf("duckdb store: open %q: %w (a DuckDB file can be open in one process at a time: is another debrief running on it?)", path, err)
		}
		return nil, fmt.Errorf("duckdb store: open %q: %w", path, err)
	}
	s := &Store{db: sql.OpenDB(connector), connector: connector, path: path}
	if err := s.db.PingContext(ctx); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("duckdb store: open %q: %w", path, err)
	}
	// Checkpoint the WAL every 256 MB rather than every 16 MB: with the
	// default, ingest slows as the file grows (100k synthetic documents:
	// 3.8 MB/s with 16 MB, 10.7 MB/s with 256 MB, 12.3 MB/s with 1 GB but
	// a third more memory). Close still checkpoints everything.
	if _, err := s.db.ExecContext(ctx, "SET GLOBAL checkpoint_threshold = '256MB'"); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("duckdb store: open %q: set checkpoint_threshold: %w", path, err)
	}
	return s, nil
}

// Close releases the database.
func (s *Store) Close() error {
	err := s.db.Close()
	if cerr := s.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

// DB exposes the underlying database for tests and benchmarks.
func (s *Store) DB() *sql.DB { return s.db }

// Migrate applies the embedded migrations not yet recorded in
// schema_migrations, each in its own transaction.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrate(ctx, 0)
}

// migrate applies pending migrations up to version upTo (0: all).
func (s *Store) migrate(ctx context.Context, upTo int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	migs, err := sqlutil.LoadMigrations(migrationsFS, "migrations", nil)
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER NOT NULL PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("duckdb store: create schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	err = each(ctx, s.db, `SELECT version FROM schema_migrations`, nil, func(r *sql.Rows) error {
		var v int
		err := r.Scan(&v)
		applied[v] = true
		return err
	})
	if err != nil {
		return fmt.Errorf("duckdb store: read schema_migrations: %w", err)
	}
	for _, m := range migs {
		if applied[m.Version] || (upTo > 0 && m.Version > upTo) {
			continue
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("duckdb store: migration %s: %w", m.Name, err)
		}
		for _, st := range m.Statements {
			if _, err := tx.ExecContext(ctx, st); err != nil {
				_ = tx.Rollback()
				return fmt.Errorf("duckdb store: migration %s: %w\n%s", m.Name, err, st)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?, ?)`,
			m.Version, m.Name, time.Now().UTC()); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("duckdb store: migration %s: %w", m.Name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("duckdb store: migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// Stats counts the stored rows.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM postmortems),
		(SELECT count(DISTINCT team) FROM postmortems WHERE team <> ''),
		(SELECT count(*) FROM sentences),
		(SELECT count(*) FROM findings),
		(SELECT count(*) FROM action_items),
		(SELECT count(*) FROM timeline_events)`).Scan(
		&st.Postmortems, &st.Teams, &st.Sentences, &st.Findings, &st.ActionItems, &st.TimelineEvents)
	if err != nil {
		return st, fmt.Errorf("duckdb store: stats: %w", err)
	}
	return st, nil
}

func wrap(op string, err error) error {
	if err == nil || errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrUnsupported) {
		return err
	}
	return fmt.Errorf("duckdb store: %s: %w", op, err)
}
