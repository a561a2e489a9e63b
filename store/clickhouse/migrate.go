package clickhouse

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strings"
	"text/template"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// local is the name of the table holding t's rows on a node.
func (c Config) local(t string) string {
	if c.Cluster != "" {
		return t + "_local"
	}
	return t
}

// localQ is local(t) qualified with the database: subqueries that a
// Distributed table forwards to the other shards run there in the default
// database, so they must name theirs.
func (c Config) localQ(t string) string {
	return c.Database + "." + c.local(t)
}

// render fills in the migration template for this deployment.
func (c Config) render(name, text string) (string, error) {
	onCluster := c.onCluster()
	funcs := template.FuncMap{
		"onCluster": func() string { return onCluster },
		"local":     c.local,
		"engine": func(kind, table string, args ...string) string {
			if c.Cluster != "" && c.Replicated {
				zk := fmt.Sprintf("'/clickhouse/tables/{shard}/%s/%s', '{replica}'", c.Database, c.local(table))
				return "Replicated" + kind + "(" + strings.Join(append([]string{zk}, args...), ", ") + ")"
			}
			return kind + "(" + strings.Join(args, ", ") + ")"
		},
		"alterDistributed": func(table, change string) string {
			if c.Cluster == "" {
				return ""
			}
			return fmt.Sprintf("ALTER TABLE %s %s %s", table, onCluster, change)
		},
		"distributed": func(table, key string) string {
			if c.Cluster == "" {
				return ""
			}
			return fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s %s AS %s ENGINE = Distributed(%s, %s, %s, %s)",
				table, onCluster, c.local(table), c.Cluster, c.Database, c.local(table), key)
		},
	}
	tpl, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := tpl.Execute(&b, nil); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Migrate applies the embedded migrations that the node (or, with
// cluster_ddl=hosts, each node) has not recorded in its schema_migrations
// table. Statements are idempotent (IF NOT EXISTS), so a migration that
// failed half-way is safe to run again.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrate(ctx, 0)
}

// migrate applies pending migrations up to version upTo (0: all).
func (s *Store) migrate(ctx context.Context, upTo int) error {
	all, err := sqlutil.LoadMigrations(migrationsFS, "migrations", s.cfg.render)
	if err != nil {
		return err
	}
	var migs []sqlutil.Migration
	for _, m := range all {
		if upTo == 0 || m.Version <= upTo {
			migs = append(migs, m)
		}
	}
	if s.cfg.Cluster == "" || s.cfg.ClusterDDL == "on_cluster" {
		return migrateNode(ctx, s.conn, migs, s.cfg.Addrs)
	}
	hosts, err := clusterHosts(ctx, s.cfg)
	if err != nil {
		return err
	}
	for _, addrs := range hosts {
		conn, err := ch.Open(s.cfg.options(s.cfg.Database, addrs))
		if err != nil {
			return fmt.Errorf("clickhouse store: connect %v: %w", addrs, err)
		}
		if err := errors.Join(migrateNode(ctx, conn, migs, addrs), conn.Close()); err != nil {
			return err
		}
	}
	return nil
}

func migrateNode(ctx context.Context, conn driver.Conn, migs []sqlutil.Migration, addrs []string) error {
	if err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version UInt32, name String, applied_at DateTime
	) ENGINE = ReplacingMergeTree() ORDER BY version`); err != nil {
		return fmt.Errorf("clickhouse store: %v: create schema_migrations: %w", addrs, err)
	}
	applied := map[uint32]bool{}
	rows, err := conn.Query(ctx, "SELECT DISTINCT version FROM schema_migrations")
	if err != nil {
		return fmt.Errorf("clickhouse store: %v: read schema_migrations: %w", addrs, err)
	}
	for rows.Next() {
		var v uint32
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("clickhouse store: %v: read schema_migrations: %w", addrs, err)
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("clickhouse store: %v: read schema_migrations: %w", addrs, err)
	}
	for _, m := range migs {
		if applied[uint32(m.Version)] {
			continue
		}
		for _, st := range m.Statements {
			if err := conn.Exec(ctx, st); err != nil && !columnExists(st, err) {
				return fmt.Errorf("clickhouse store: %v: migration %s: %w\n%s", addrs, m.Name, err, st)
			}
		}
		if err := recordMigration(ctx, conn, m); err != nil {
			return fmt.Errorf("clickhouse store: %v: record migration %s: %w", addrs, m.Name, err)
		}
	}
	return nil
}

// columnExists reports whether err is ClickHouse refusing st, an ALTER
// TABLE ... ADD COLUMN, because the column exists already (a migration that
// ran part-way before; 18.16 has no ADD COLUMN IF NOT EXISTS). 18.16 says
// so with code 44 (ILLEGAL_COLUMN), current releases with 15
// (DUPLICATE_COLUMN).
func columnExists(st string, err error) bool {
	var exc *ch.Exception
	return strings.Contains(st, "ADD COLUMN") && errors.As(err, &exc) &&
		(exc.Code == 44 || exc.Code == 15) && strings.Contains(exc.Message, "already exists")
}

func recordMigration(ctx context.Context, conn driver.Conn, m sqlutil.Migration) error {
	b, err := conn.PrepareBatch(ctx, "INSERT INTO schema_migrations (version, name, applied_at)")
	if err != nil {
		return err
	}
	if err := b.Append(uint32(m.Version), m.Name, time.Now().UTC().Truncate(time.Second)); err != nil {
		_ = b.Abort()
		return err
	}
	return b.Send()
}
