package open

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store/clickhouse"
)

func TestOpenDuckDB(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a", "b", "debrief.db")
	for _, dsn := range []string{"duckdb://", "duckdb:///:memory:", "duckdb://" + path} {
		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatalf("Open(%q): %v", dsn, err)
		}
		if err := s.Put(ctx, []*model.Postmortem{{ID: "x", Version: "1", Title: "t"}}); err != nil {
			t.Fatalf("Put via %q: %v", dsn, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// The file keeps what was put; reopening migrates nothing new.
	s, err := Open(ctx, "duckdb://"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	if p, err := s.Get(ctx, "x"); err != nil || p.Title != "t" {
		t.Errorf("reopened file store: Get = %v, %v", p, err)
	}
}

func TestOpenBadDSN(t *testing.T) {
	for _, tc := range []struct{ dsn, want string }{
		{"", "want duckdb:///path/file.db"},
		{"/tmp/x.db", "want duckdb:///path/file.db"},
		{"postgres://x/y", `unknown scheme "postgres"`},
		{"duckdb:///tmp/x.db?mode=ro", "no query parameters"},
		{"clickhouse:///db", "missing host"},
		{"clickhouse://h:9000/bad-name", "database name"},
		{"clickhouse://h:9000/db?cluster=a;b", "semicolon"},
		{"clickhouse://h:9000/db?cluster=a-b", "cluster name"},
		{"clickhouse://h:9000/db?colour=red", `unknown parameter "colour"`},
		{"clickhouse://h:9000/db?secure=maybe", "secure must be true or false"},
		{"clickhouse://h:9000/db?cluster_ddl=zk", "cluster_ddl must be"},
		{"clickhouse://u:secret@h:9000/db?dial_timeout=soon", "dial_timeout"},
	} {
		_, err := Open(context.Background(), tc.dsn)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%q) error = %v, want it to mention %q", tc.dsn, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("Open(%q) error leaks the password: %v", tc.dsn, err)
		}
	}
}

func TestDefaultDSN(t *testing.T) {
	t.Setenv(EnvStore, "")
	t.Setenv("XDG_DATA_HOME", "/data/home")
	if got, want := DefaultDSN(), "duckdb:///data/home/debrief/debrief.db"; got != want {
		t.Errorf("DefaultDSN with XDG_DATA_HOME = %q, want %q", got, want)
	}
	t.Setenv("XDG_DATA_HOME", "")
	home, _ := os.UserHomeDir()
	if got, want := DefaultDSN(), "duckdb://"+filepath.Join(home, ".local", "share", "debrief", "debrief.db"); got != want {
		t.Errorf("DefaultDSN = %q, want %q", got, want)
	}
	t.Setenv(EnvStore, "clickhouse://ch:9000/x")
	if got := DefaultDSN(); got != "clickhouse://ch:9000/x" {
		t.Errorf("DefaultDSN with %s set = %q", EnvStore, got)
	}
}

func TestExisting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "path.db")
	_, err := Existing(ctx, "duckdb://"+missing)
	if !errors.Is(err, ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing file: %v, want ErrNotExist naming %s", err, missing)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !os.IsNotExist(err) {
		t.Errorf("Existing created the folder: %v", err)
	}
	s, err := Existing(ctx, "duckdb://")
	if err != nil {
		t.Fatalf("memory store: %v", err)
	}
	_ = s.Close()
	made := filepath.Join(dir, "made.db")
	s, err = Open(ctx, "duckdb://"+made)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if s, err = Existing(ctx, "duckdb://"+made); err != nil {
		t.Fatalf("existing file: %v", err)
	}
	_ = s.Close()
	for dsn, want := range map[string]bool{"duckdb://" + made: true, "duckdb://": false, "clickhouse://h/db": false, "x": false} {
		if _, ok := DuckDBPath(dsn); ok != want {
			t.Errorf("DuckDBPath(%q) ok=%v", dsn, ok)
		}
	}
}

func TestExistingClickHouse(t *testing.T) {
	dsn := os.Getenv("DEBRIEF_CLICKHOUSE_DSN")
	if dsn == "" {
		if os.Getenv("DEBRIEF_REQUIRE_CLICKHOUSE") == "1" {
			t.Fatal("DEBRIEF_CLICKHOUSE_DSN not set but DEBRIEF_REQUIRE_CLICKHOUSE=1")
		}
		t.Skip("DEBRIEF_CLICKHOUSE_DSN not set: skipping the ClickHouse missing-database test")
	}
	cfg, err := clickhouse.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	missing := strings.Replace(dsn, "/"+cfg.Database, "/debrief_no_such_db_i9", 1)
	_, err = Existing(context.Background(), missing)
	if !errors.Is(err, ErrNotExist) || !strings.Contains(err.Error(), "debrief_no_such_db_i9") {
		t.Fatalf("missing database: %v", err)
	}
	mcfg, _ := clickhouse.ParseDSN(missing)
	if ok, err := clickhouse.DatabaseExists(context.Background(), mcfg); ok || err != nil {
		t.Errorf("Existing created the database: %v %v", ok, err)
	}
}
