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
		conn.Close()
	}
}

func TestConformance(t *testing.T) {
	base := serverConfig(t, "DEBRIEF_CLICKHOUSE_DSN")
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t, base) }, lacksSnapshots)
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
		conn.Close()
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
