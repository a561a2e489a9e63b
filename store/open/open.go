// Package open turns a store DSN into a store.Store:
//
//	duckdb:///abs/path/debrief.db   embedded DuckDB file (created if missing)
//	duckdb://relative/path.db       DuckDB file relative to the working directory
//	duckdb://  or  duckdb:///:memory:   in-memory DuckDB (tests)
//	clickhouse://host:9000/db?username=u&password=p[&cluster=name][&secure=true]
//
// Open applies pending migrations before returning, creating the store when
// it does not exist (ingest, migrate, demo); Existing is for commands
// that only read, and refuses to create anything.
package open

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/clickhouse"
	"github.com/debrief-dev/debrief/store/duckdb"
)

// EnvStore names the environment variable that overrides DefaultDSN.
const EnvStore = "DEBRIEF_STORE"

// Open connects to the store named by dsn and migrates it.
func Open(ctx context.Context, dsn string) (store.Store, error) {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return nil, fmt.Errorf("store DSN %q: want duckdb:///path/file.db or clickhouse://host:9000/db", dsn)
	}
	switch strings.ToLower(scheme) {
	case "duckdb":
		path, err := duckPath(rest)
		if err != nil {
			return nil, fmt.Errorf("store DSN %q: %w", dsn, err)
		}
		s, err := duckdb.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		return s, nil
	case "clickhouse":
		cfg, err := clickhouse.ParseDSN(dsn)
		if err != nil {
			return nil, err
		}
		s, err := clickhouse.Open(ctx, cfg)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, fmt.Errorf("store DSN %q: unknown scheme %q (want duckdb or clickhouse)", dsn, scheme)
}

// ErrNotExist is wrapped by Existing's error for a missing store.
var ErrNotExist = errors.New("store does not exist")

// Existing is Open for commands that only read (stats, serve, report,
// patterns): when the DuckDB file or the ClickHouse database does not
// exist it returns an error wrapping ErrNotExist that names it, and
// creates nothing (no file, no folder, no database).
func Existing(ctx context.Context, dsn string) (store.Store, error) {
	if path, ok := DuckDBPath(dsn); ok {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: no DuckDB file %s (create it with 'debrief ingest' or 'debrief migrate')", ErrNotExist, path)
		}
	}
	if scheme, _, _ := strings.Cut(dsn, "://"); strings.EqualFold(scheme, "clickhouse") {
		cfg, err := clickhouse.ParseDSN(dsn)
		if err != nil {
			return nil, err
		}
		ok, err := clickhouse.DatabaseExists(ctx, cfg)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%w: no ClickHouse database %s on %v (create it with 'debrief ingest' or 'debrief migrate')",
				ErrNotExist, cfg.Database, cfg.Addrs)
		}
	}
	return Open(ctx, dsn)
}

// DuckDBPath is the file of a DuckDB DSN; ok is false for other schemes,
// malformed DSNs and in-memory databases.
func DuckDBPath(dsn string) (path string, ok bool) {
	scheme, rest, found := strings.Cut(dsn, "://")
	if !found || !strings.EqualFold(scheme, "duckdb") {
		return "", false
	}
	p, err := duckPath(rest)
	if err != nil || p == "" {
		return "", false
	}
	return p, true
}

// duckPath maps the part after "duckdb://" to a file path ("" = memory).
func duckPath(rest string) (string, error) {
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		return "", fmt.Errorf("DuckDB DSNs take no query parameters (%q)", rest[i:])
	}
	switch rest {
	case "", "/:memory:", ":memory:":
		return "", nil
	}
	return filepath.Clean(rest), nil
}

// DefaultDSN is $DEBRIEF_STORE when set, else a DuckDB file under the
// user's data directory: $XDG_DATA_HOME/debrief/debrief.db or
// ~/.local/share/debrief/debrief.db.
func DefaultDSN() string {
	if v := os.Getenv(EnvStore); v != "" {
		return v
	}
	return "duckdb://" + filepath.Join(DataDir(), "debrief.db")
}

// DataDir is debrief's directory for local data (the default store, the
// demo corpus): $XDG_DATA_HOME/debrief, else ~/.local/share/debrief.
func DataDir() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "debrief")
}
