package clickhouse

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
	"github.com/debrief-dev/debrief/store/storetest"
)

// serverConfig returns the parsed DSN in env, skipping the test when it is
// unset, unless DEBRIEF_REQUIRE_CLICKHOUSE=1 makes that a failure.
func serverConfig(t testing.TB, env string) Config {
	t.Helper()
	dsn := os.Getenv(env)
	if dsn == "" {
		if os.Getenv("DEBRIEF_REQUIRE_CLICKHOUSE") == "1" {
			t.Fatalf("ClickHouse tests required (DEBRIEF_REQUIRE_CLICKHOUSE=1) but %s is not set; "+
				"run them through `make test`, or start a server with scripts/clickhouse-test-server.sh start", env)
		}
		t.Skipf("ClickHouse tests skipped: %s not set; `make test` starts a server (scripts/clickhouse-test-server.sh)", env)
	}
	cfg, err := ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

var dbCounter atomic.Int64

// openFresh opens a store in a database of its own, dropped at cleanup.
func openFresh(t testing.TB, base Config) *Store {
	t.Helper()
	cfg := base
	cfg.Database = fmt.Sprintf("%s_%d_%d", base.Database, time.Now().UnixNano()%1e9, dbCounter.Add(1))
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropDatabase(t, cfg) })
	return s
}

func dropDatabase(t testing.TB, cfg Config) {
	ctx := context.Background()
	hosts := [][]string{cfg.Addrs}
	if cfg.Cluster != "" {
		var err error
		if hosts, err = clusterHosts(ctx, cfg); err != nil {
			t.Errorf("drop test database: %v", err)
			return
		}
	}
	for _, addrs := range hosts {
		conn, err := ch.Open(cfg.options("default", addrs))
		if err != nil {
			t.Errorf("drop test database: %v", err)
			return
		}
		if err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+cfg.Database); err != nil {
			t.Errorf("drop test database %s on %v: %v", cfg.Database, addrs, err)
		}
		if err := conn.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}
}

func TestConformance(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_DSN")
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t, base) }, lacksSnapshots)
}

// TestConformanceSmallSearchChunk runs the suite with search pages looked
// for among the newest document first, then two, four...: every chunking
// step is taken on the suite's small corpus.
func TestConformanceSmallSearchChunk(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_DSN")
	defer func(n int) { searchChunk = n }(searchChunk)
	searchChunk = 1
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t, base) }, lacksSnapshots)
}

// TestConformanceClusterSmallSearchChunk: the same on a cluster, where the
// chunk's documents are read from each shard's local table.
func TestConformanceClusterSmallSearchChunk(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_CLUSTER_DSN")
	defer func(n int) { searchChunk = n }(searchChunk)
	searchChunk = 1
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t, base) },
		storetest.Lacks(storetest.BatchAtomic, "a Put's postmortems rows go to several shards in separate inserts"), lacksSnapshots)
}

// lacksSnapshots: ClickHouse has no multi-statement read snapshot.
var lacksSnapshots = storetest.Lacks(storetest.SnapshotReads,
	"ClickHouse has no multi-query snapshot: a total and its page are two queries")

func TestConformanceCluster(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_CLUSTER_DSN")
	if base.Cluster == "" {
		t.Fatalf("DEBRIEF_CLICKHOUSE_CLUSTER_DSN has no ?cluster= parameter")
	}
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t, base) },
		storetest.Lacks(storetest.BatchAtomic, "a Put's postmortems rows go to several shards in separate inserts"), lacksSnapshots)
}

// TestClusterSpreadsDocuments checks that a cluster store shards documents
// (and keeps each document's child rows on its shard) rather than writing
// everything to the node it is connected to.
func TestClusterSpreadsDocuments(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_CLUSTER_DSN")
	s := openFresh(t, base)
	ctx := context.Background()
	var docs []*model.Postmortem
	for i := 0; i < 40; i++ {
		p := storetest.Corpus()[i%5]
		p.ID = fmt.Sprintf("doc-%02d", i)
		docs = append(docs, p)
	}
	if err := s.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	hosts, err := clusterHosts(ctx, s.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(hosts) < 2 {
		t.Skipf("cluster %s has %d host(s); sharding needs two", s.cfg.Cluster, len(hosts))
	}
	total := uint64(0)
	for _, addrs := range hosts {
		conn, err := ch.Open(s.cfg.options(s.cfg.Database, addrs))
		if err != nil {
			t.Fatal(err)
		}
		var docsHere, orphans uint64
		err = conn.QueryRow(ctx, "SELECT count() FROM postmortems_local").Scan(&docsHere)
		if err == nil {
			// Child rows whose document lives on another shard.
			err = conn.QueryRow(ctx, "SELECT count() FROM sentences_local WHERE doc_id NOT IN (SELECT id FROM postmortems_local)").Scan(&orphans)
		}
		if err := conn.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		if docsHere == 0 {
			t.Errorf("host %v holds no documents", addrs)
		}
		if orphans != 0 {
			t.Errorf("host %v holds %d sentences of documents stored elsewhere", addrs, orphans)
		}
		total += docsHere
	}
	if total != 40 {
		t.Errorf("shards hold %d postmortems rows, want 40", total)
	}
}

// TestMigrationTermsBackfill stores sentences at schema version 1, then
// upgrades: 0002 adds the term masks and its mutation must compute the same
// masks as Put does, so that search finds the old sentences. Running 0002
// again (a migration interrupted after its ADD COLUMN) must succeed.
func TestMigrationTermsBackfill(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_DSN")
	cfg := base
	cfg.Database = fmt.Sprintf("%s_upgrade_%d", base.Database, time.Now().UnixNano()%1e9)
	t.Cleanup(func() { dropDatabase(t, cfg) })
	ctx := context.Background()
	old, err := openUnmigrated(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, 1); err != nil {
		t.Fatal(err)
	}
	p := storetest.Corpus()[0]
	p.Sentences = append(p.Sentences, model.Sentence{Text: "\u212aelvin \u0130stanbul cla\u017f\u017f"},
		model.Sentence{Text: "Ünïcode KELVIN x-ray 42ms — it's the retry budget"}, model.Sentence{Text: "— ✓"})
	// A Put at schema version 1 (the sentences columns before terms).
	b, err := old.conn.PrepareBatch(ctx, "INSERT INTO sentences (doc_id, version, seq, idx, section_idx, section_kind, start_off, end_off, text)")
	if err == nil {
		if err = b.Append("x", "v", uint64(7), uint32(0), int32(0), "", uint32(0), uint32(0), "x"); err == nil {
			err = b.Send()
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	waitMutations(t, s)
	var probe uint64
	if err := s.conn.QueryRow(ctx, "SELECT terms FROM sentences WHERE doc_id = 'x'").Scan(&probe); err != nil || probe != sqlutil.TermMask("x", nil) {
		t.Errorf("terms of a sentence stored at version 1 = %x (%v), want %x", probe, err, sqlutil.TermMask("x", nil))
	}
	// More rows as the old schema leaves them (terms at its default),
	// and 0002 run again over them.
	if err := s.Put(ctx, []*model.Postmortem{p}); err != nil {
		t.Fatal(err)
	}
	if err := s.conn.Exec(ctx, "ALTER TABLE sentences UPDATE terms = 0 WHERE 1 = 1"); err != nil {
		t.Fatal(err)
	}
	waitMutations(t, s)
	if err := s.conn.Exec(ctx, "ALTER TABLE schema_migrations DELETE WHERE version = 2"); err != nil {
		t.Fatal(err)
	}
	waitMutations(t, s)
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migration 0002 run again: %v", err)
	}
	waitMutations(t, s)
	rows, err := s.conn.Query(ctx, "SELECT idx, text, terms FROM sentences WHERE doc_id = ? ORDER BY idx", p.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var idx uint32
		var text string
		var terms uint64
		if err := rows.Scan(&idx, &text, &terms); err != nil {
			t.Fatal(err)
		}
		if want := sqlutil.TermMask(text, nil); terms != want {
			t.Errorf("backfilled terms of %q = %x, want %x (sqlutil.TermMask)", text, terms, want)
		}
		n++
	}
	rows.Close()
	if n != len(p.Sentences) {
		t.Errorf("read %d sentences, want %d", n, len(p.Sentences))
	}
	hits, total, err := s.SearchSentences(ctx, store.SentenceQuery{Text: "the retry budget"})
	if err != nil || total != 1 || len(hits) != 1 || hits[0].Index != len(p.Sentences)-2 {
		t.Errorf("search after upgrade = %v, %d, %v; want sentence %d", hits, total, err, len(p.Sentences)-2)
	}
}

// waitMutations waits until the store's database has no mutation running.
func waitMutations(t *testing.T, s *Store) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var running uint64
		err := s.conn.QueryRow(context.Background(), "SELECT count() FROM system.mutations WHERE database = ? AND is_done = 0", s.cfg.Database).Scan(&running)
		if err != nil {
			t.Fatal(err)
		}
		if running == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d mutations still running after 30s", running)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestMigrationThemeMembersBackfill stores themes at schema version 2
// (weights only), then upgrades: 0003's column defaults must make a
// document's heaviest theme and its other themes among the four heaviest
// with weight >= 0.14 members, and counts, filters and Get must see
// exactly those.
func TestMigrationThemeMembersBackfill(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_DSN")
	cfg := base
	cfg.Database = fmt.Sprintf("%s_members_%d", base.Database, time.Now().UnixNano()%1e9)
	t.Cleanup(func() { dropDatabase(t, cfg) })
	ctx := context.Background()
	old, err := openUnmigrated(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, 2); err != nil {
		t.Fatal(err)
	}
	docs := storetest.ThemeBackfillRows()
	pb, err := old.conn.PrepareBatch(ctx, "INSERT INTO postmortems (id, version, seq, title, sections, themes, theme_weights)")
	if err != nil {
		t.Fatal(err)
	}
	tb, err := old.conn.PrepareBatch(ctx, "INSERT INTO doc_themes (doc_id, version, seq, idx, label, weight)")
	if err != nil {
		t.Fatal(err)
	}
	for n, d := range docs {
		seq := uint64(n + 1)
		if err := pb.Append(d.ID, "1", seq, "t", "[]", d.Labels, d.Weights); err != nil {
			t.Fatal(err)
		}
		for i, l := range d.Labels {
			if err := tb.Append(d.ID, "1", seq, uint32(i), l, d.Weights[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tb.Send(); err != nil {
		t.Fatal(err)
	}
	if err := pb.Send(); err != nil {
		t.Fatal(err)
	}
	_ = old.Close()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer func() { _ = s.Close() }()
	storetest.CheckThemeBackfill(t, s)
	// New documents take the flags Put writes, not the defaults.
	p := storetest.Corpus()[1]
	if err := s.Put(ctx, []*model.Postmortem{p}); err != nil {
		t.Fatal(err)
	}
	if g, err := s.Get(ctx, p.ID); err != nil || len(g.Themes) != 2 || !g.Themes[0].Member || g.Themes[1].Member {
		t.Errorf("Get(%s) after upgrade = %+v, %v; want the members Put wrote", p.ID, g, err)
	}
}
