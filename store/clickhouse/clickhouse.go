// Package clickhouse is the store.Store backend for teams: ClickHouse over
// the native protocol (github.com/ClickHouse/clickhouse-go/v2), on a single
// node or a cluster.
//
// Versioning. ClickHouse has no transactions, so every Put tags each
// document's rows with a seq of its own, an ingest sequence that grows with
// time (see nextSeqs). Child rows (sentences, findings, doc_themes,
// action_items, timeline_events) are inserted first, the postmortems rows
// last in one block, so a document's new version becomes visible only when
// all its rows are in. The current version of a document is its
// postmortems row with the highest seq: postmortems is a
// ReplacingMergeTree(seq) ordered by id, and every read collapses it at
// query time with FINAL (in a subquery, filters outside), then keeps the
// child rows of the current (doc_id, seq) pairs. Re-ingests therefore never
// double count. Child tables are plain MergeTrees ordered by
// (doc_id, seq, idx): rows of superseded versions stay on disk but are
// never read.
//
// Cluster mode (?cluster=name in the DSN). Tables become t_local on every
// node (ReplicatedReplacingMergeTree / ReplicatedMergeTree, or the plain
// engines with replicated=false) plus a Distributed table t sharded by
// cityHash64 of the document id, so a document and its children live on one
// shard. Reads go through the Distributed tables; the subqueries that pick
// current versions name the local tables, which is correct because of that
// co-location (and needs no distributed_product_mode setting, which
// clickhouse-go cannot send to pre-19 servers). Inserts use
// insert_distributed_sync=1 so a returned Put is readable. DDL runs with ON
// CLUSTER (needs ZooKeeper/Keeper) or, with cluster_ddl=hosts, on every
// host listed in system.clusters.
//
// The SQL is the subset ClickHouse 18.16 understands (no DateTime64, Map,
// JSON, LowCardinality, window functions or CTEs) so the same statements
// work on current releases.
package clickhouse

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/debrief-dev/debrief/store"
)

// Config is a parsed ClickHouse DSN.
type Config struct {
	// Addrs are host:port pairs of the native protocol (default port 9000).
	Addrs    []string
	Database string
	Username string
	Password string
	// Cluster names the cluster from the servers' remote_servers; empty for
	// a single node.
	Cluster string
	// ClusterDDL is "on_cluster" (default: DDL with ON CLUSTER, needs
	// ZooKeeper/Keeper) or "hosts" (run DDL on every host of the cluster).
	ClusterDDL string
	// Replicated selects Replicated* engines in cluster mode (default true).
	Replicated  bool
	Secure      bool
	DialTimeout time.Duration
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ParseDSN parses clickhouse://[user[:password]@]host[:port][,host2:port]/database
// with the query parameters username, password, cluster, cluster_ddl
// (on_cluster|hosts), replicated (true|false), secure (true|false) and
// dial_timeout (a Go duration).
func ParseDSN(dsn string) (Config, error) {
	bad := func(format string, args ...any) (Config, error) {
		return Config{}, fmt.Errorf("store DSN %q: %s", redact(dsn), fmt.Sprintf(format, args...))
	}
	rest, ok := strings.CutPrefix(dsn, "clickhouse://")
	if !ok {
		return bad("scheme must be clickhouse")
	}
	// The authority may list several hosts, which net/url rejects: split it
	// off and parse the rest with a placeholder host.
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, rest = rest[:i], rest[i:]
	} else {
		rest = ""
	}
	var user *url.Userinfo
	if i := strings.LastIndex(authority, "@"); i >= 0 {
		ui, err := url.Parse("clickhouse://" + authority[:i+1] + "x")
		if err != nil {
			return bad("user info: %v", err)
		}
		user, authority = ui.User, authority[i+1:]
	}
	u, err := url.Parse("clickhouse://x" + rest)
	if err != nil {
		return bad("%v", err)
	}
	cfg := Config{Database: "default", Username: "default", ClusterDDL: "on_cluster", Replicated: true, DialTimeout: 10 * time.Second}
	if authority == "" {
		return bad("missing host (want clickhouse://host:9000/database)")
	}
	for _, h := range strings.Split(authority, ",") {
		if h == "" {
			return bad("empty host in %q", authority)
		}
		if _, _, err := net.SplitHostPort(h); err != nil {
			h = net.JoinHostPort(strings.Trim(h, "[]"), "9000")
		}
		if _, port, _ := net.SplitHostPort(h); port != "" {
			if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
				return bad("bad port in %q", h)
			}
		}
		cfg.Addrs = append(cfg.Addrs, h)
	}
	u.User = user
	if db := strings.Trim(u.Path, "/"); db != "" {
		cfg.Database = db
	}
	if !identRE.MatchString(cfg.Database) {
		return bad("database name %q must be letters, digits and underscores", cfg.Database)
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return bad("query parameters: %v", err)
	}
	for k, vs := range query {
		v := vs[len(vs)-1]
		switch k {
		case "username", "user":
			cfg.Username = v
		case "password":
			cfg.Password = v
		case "cluster":
			if !identRE.MatchString(v) {
				return bad("cluster name %q must be letters, digits and underscores", v)
			}
			cfg.Cluster = v
		case "cluster_ddl":
			if v != "on_cluster" && v != "hosts" {
				return bad("cluster_ddl must be on_cluster or hosts, not %q", v)
			}
			cfg.ClusterDDL = v
		case "replicated", "secure":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return bad("%s must be true or false, not %q", k, v)
			}
			if k == "secure" {
				cfg.Secure = b
			} else {
				cfg.Replicated = b
			}
		case "dial_timeout":
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return bad("dial_timeout must be a positive duration like 10s, not %q", v)
			}
			cfg.DialTimeout = d
		default:
			return bad("unknown parameter %q (known: username, password, cluster, cluster_ddl, replicated, secure, dial_timeout)", k)
		}
	}
	return cfg, nil
}

var (
	userinfoRE = regexp.MustCompile(`^(clickhouse://[^/?#@]*?:)[^/?#]*@`)
	passwordRE = regexp.MustCompile(`([?&]password=)[^&#]*`)
)

// redact hides passwords in a DSN for error messages.
func redact(dsn string) string {
	dsn = userinfoRE.ReplaceAllString(dsn, "${1}xxxxx@")
	return passwordRE.ReplaceAllString(dsn, "${1}xxxxx")
}

// Store is a ClickHouse-backed store.Store.
type Store struct {
	cfg     Config
	conn    driver.Conn
	version string // server version, from SELECT version()

	seqMu    sync.Mutex
	nextTick uint64 // first microsecond nextSeqs may use
	seqTag   uint64 // random, < 1<<seqTagBits
}

var _ store.Store = (*Store)(nil)

func (c Config) options(database string, addrs []string) *ch.Options {
	o := &ch.Options{
		Addr:             addrs,
		Auth:             ch.Auth{Database: database, Username: c.Username, Password: c.Password},
		DialTimeout:      c.DialTimeout,
		MaxOpenConns:     16,
		MaxIdleConns:     8,
		ConnMaxLifetime:  time.Hour,
		Compression:      &ch.Compression{Method: ch.CompressionLZ4},
		ConnOpenStrategy: ch.ConnOpenInOrder,
	}
	if c.Secure {
		o.TLS = &tls.Config{}
	}
	if c.Cluster != "" {
		// Only integer settings: clickhouse-go sends settings in the pre-19
		// binary form to old servers, which supports no strings.
		o.Settings = ch.Settings{"insert_distributed_sync": 1}
	}
	return o
}

// Open connects, creates the database if needed and applies migrations.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := openUnmigrated(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		return nil, errors.Join(err, s.conn.Close())
	}
	return s, nil
}

// openUnmigrated connects and creates the database, without migrating.
func openUnmigrated(ctx context.Context, cfg Config) (*Store, error) {
	if err := createDatabase(ctx, cfg); err != nil {
		return nil, err
	}
	conn, err := ch.Open(cfg.options(cfg.Database, cfg.Addrs))
	if err != nil {
		return nil, fmt.Errorf("clickhouse store: connect %v: %w", cfg.Addrs, err)
	}
	s := &Store{cfg: cfg, conn: conn, seqTag: rand.Uint64N(1 << seqTagBits)}
	if err := conn.QueryRow(ctx, "SELECT version()").Scan(&s.version); err != nil {
		return nil, errors.Join(fmt.Errorf("clickhouse store: connect %v/%s: %w", cfg.Addrs, cfg.Database, err), conn.Close())
	}
	return s, nil
}

// ServerVersion is the server's version() string.
func (s *Store) ServerVersion() string { return s.version }

// Conn exposes the connection for tests and benchmarks.
func (s *Store) Conn() driver.Conn { return s.conn }

// Close closes the connection pool.
func (s *Store) Close() error { return s.conn.Close() }

// onCluster is the "ON CLUSTER name" clause DDL carries in on_cluster
// mode, else "".
func (c Config) onCluster() string {
	if c.Cluster != "" && c.ClusterDDL == "on_cluster" {
		return "ON CLUSTER " + c.Cluster
	}
	return ""
}

// createDatabase runs CREATE DATABASE IF NOT EXISTS through the default
// database (on every host in cluster_ddl=hosts mode).
func createDatabase(ctx context.Context, cfg Config) error {
	hosts := [][]string{cfg.Addrs}
	if cfg.Cluster != "" && cfg.ClusterDDL == "hosts" {
		var err error
		if hosts, err = clusterHosts(ctx, cfg); err != nil {
			return err
		}
	}
	for _, addrs := range hosts {
		conn, err := ch.Open(cfg.options("default", addrs))
		if err != nil {
			return fmt.Errorf("clickhouse store: connect %v: %w", addrs, err)
		}
		q := strings.TrimSpace("CREATE DATABASE IF NOT EXISTS " + cfg.Database + " " + cfg.onCluster())
		if err := errors.Join(conn.Exec(ctx, q), conn.Close()); err != nil {
			return fmt.Errorf("clickhouse store: %v: %s: %w", addrs, q, err)
		}
	}
	return nil
}

// DatabaseExists reports whether cfg.Database exists on the first
// reachable server of cfg, without creating anything.
func DatabaseExists(ctx context.Context, cfg Config) (bool, error) {
	conn, err := ch.Open(cfg.options("default", cfg.Addrs))
	if err != nil {
		return false, fmt.Errorf("clickhouse store: connect %v: %w", cfg.Addrs, err)
	}
	defer func() { _ = conn.Close() }()
	var n uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM system.databases WHERE name = ?", cfg.Database).Scan(&n); err != nil {
		return false, fmt.Errorf("clickhouse store: %v: look up database %s: %w", cfg.Addrs, cfg.Database, err)
	}
	return n > 0, nil
}

// clusterHosts lists the hosts of cfg.Cluster as one-address lists.
func clusterHosts(ctx context.Context, cfg Config) ([][]string, error) {
	conn, err := ch.Open(cfg.options("default", cfg.Addrs))
	if err != nil {
		return nil, fmt.Errorf("clickhouse store: connect %v: %w", cfg.Addrs, err)
	}
	defer func() { _ = conn.Close() }() // read-only; the query's error is what matters
	rows, err := conn.Query(ctx, "SELECT host_address, toUInt32(port) FROM system.clusters WHERE cluster = ? ORDER BY shard_num, replica_num", cfg.Cluster)
	if err != nil {
		return nil, fmt.Errorf("clickhouse store: list hosts of cluster %s: %w", cfg.Cluster, err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		var host string
		var port uint32
		if err := rows.Scan(&host, &port); err != nil {
			return nil, fmt.Errorf("clickhouse store: list hosts of cluster %s: %w", cfg.Cluster, err)
		}
		out = append(out, []string{net.JoinHostPort(host, strconv.Itoa(int(port)))})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("clickhouse store: cluster %q is not in system.clusters of %v (check remote_servers)", cfg.Cluster, cfg.Addrs)
	}
	return out, nil
}

// seqTagBits is the number of low bits of a seq that hold the writer's tag.
const seqTagBits = 12

// nextSeqs reserves n ingest sequence numbers, one per document of a Put:
// (t+i)<<seqTagBits | tag, where t is the wall clock in microseconds
// (moved past this Store's previous reservation) and tag a random number
// fixed per Store. Seqs grow with time, so the last Put of a document wins,
// and each identifies one document version, which lets reads test
// "current?" on seq alone (hashing one UInt64 instead of a (String,
// UInt64) pair). Two writers could issue the same seq only with equal tags
// (1 in 4096) and reservations overlapping in time (Puts that start within
// n microseconds of each other).
func (s *Store) nextSeqs(n int) []uint64 {
	s.seqMu.Lock()
	defer s.seqMu.Unlock()
	t := uint64(time.Now().UnixMicro())
	if t < s.nextTick {
		t = s.nextTick
	}
	s.nextTick = t + uint64(n)
	out := make([]uint64, n)
	for i := range out {
		out[i] = (t+uint64(i))<<seqTagBits | s.seqTag
	}
	return out
}

func wrap(op string, err error) error {
	if err == nil || errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrUnsupported) {
		return err
	}
	return fmt.Errorf("clickhouse store: %s: %w", op, err)
}
