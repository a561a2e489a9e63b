package clickhouse

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

func TestParseDSN(t *testing.T) {
	for _, tc := range []struct {
		dsn  string
		want Config
	}{
		{"clickhouse://localhost/debrief", Config{Addrs: []string{"localhost:9000"}, Database: "debrief", Username: "default",
			ClusterDDL: "on_cluster", Replicated: true, DialTimeout: 10 * time.Second}},
		{"clickhouse://u:p@h1:9001,h2/db?cluster=c1&cluster_ddl=hosts&replicated=false&secure=true&dial_timeout=3s",
			Config{Addrs: []string{"h1:9001", "h2:9000"}, Database: "db", Username: "u", Password: "p", Cluster: "c1",
				ClusterDDL: "hosts", Replicated: false, Secure: true, DialTimeout: 3 * time.Second}},
		{"clickhouse://127.0.0.1:9000?username=x&password=y%26z", Config{Addrs: []string{"127.0.0.1:9000"}, Database: "default",
			Username: "x", Password: "y&z", ClusterDDL: "on_cluster", Replicated: true, DialTimeout: 10 * time.Second}},
		{"clickhouse://[::1]/db", Config{Addrs: []string{"[::1]:9000"}, Database: "db", Username: "default",
			ClusterDDL: "on_cluster", Replicated: true, DialTimeout: 10 * time.Second}},
	} {
		got, err := ParseDSN(tc.dsn)
		if err != nil {
			t.Errorf("ParseDSN(%q): %v", tc.dsn, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseDSN(%q) = %+v, want %+v", tc.dsn, got, tc.want)
		}
	}
	for _, bad := range []string{"clickhouse://", "http://h/db", "clickhouse://h/db.x", "clickhouse://h/db?cluster=x%20y",
		"clickhouse://h/db?replicated=2", "clickhouse://h,/db", "clickhouse://h/db?password=hunter2&nope=1",
		"clickhouse://u:hunter2@h:99999/db", "clickhouse://u:hunter2@h:x/db"} {
		_, err := ParseDSN(bad)
		if err == nil {
			t.Errorf("ParseDSN(%q) = nil error", bad)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("ParseDSN(%q) error leaks the password: %v", bad, err)
		}
	}
}

func FuzzParseDSN(f *testing.F) {
	for _, s := range []string{"clickhouse://h:9000/db?cluster=c&cluster_ddl=hosts", "clickhouse://u:p@h/db", "clickhouse://[::1]:1/x?secure=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		cfg, err := ParseDSN(dsn)
		if err != nil {
			return
		}
		// Names spliced into DDL must be plain identifiers.
		if !identRE.MatchString(cfg.Database) || (cfg.Cluster != "" && !identRE.MatchString(cfg.Cluster)) {
			t.Fatalf("ParseDSN(%q) accepted database %q / cluster %q", dsn, cfg.Database, cfg.Cluster)
		}
		if len(cfg.Addrs) == 0 {
			t.Fatalf("ParseDSN(%q) returned no address", dsn)
		}
	})
}

// TestRenderMigrations checks the schema template for the three
// deployments: single node, cluster with ON CLUSTER and replication,
// cluster with per-host DDL and no replication.
func TestRenderMigrations(t *testing.T) {
	load := func(cfg Config) string {
		t.Helper()
		migs, err := sqlutil.LoadMigrations(migrationsFS, "migrations", cfg.render)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, m := range migs {
			all = append(all, m.Statements...)
		}
		return strings.Join(all, ";\n")
	}
	single := load(Config{Database: "d"})
	for _, want := range []string{"CREATE TABLE IF NOT EXISTS postmortems  (", "ENGINE = ReplacingMergeTree(seq)", "ENGINE = MergeTree()"} {
		if !strings.Contains(single, want) {
			t.Errorf("single-node schema lacks %q", want)
		}
	}
	for _, bad := range []string{"{{", "ON CLUSTER", "Distributed", "Replicated", "_local"} {
		if strings.Contains(single, bad) {
			t.Errorf("single-node schema contains %q", bad)
		}
	}
	repl := load(Config{Database: "d", Cluster: "c", ClusterDDL: "on_cluster", Replicated: true})
	for _, want := range []string{
		"CREATE TABLE IF NOT EXISTS postmortems_local ON CLUSTER c (",
		"ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/d/postmortems_local', '{replica}', seq)",
		"ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/d/sentences_local', '{replica}')",
		"CREATE TABLE IF NOT EXISTS postmortems ON CLUSTER c AS postmortems_local ENGINE = Distributed(c, d, postmortems_local, cityHash64(id))",
		"ENGINE = Distributed(c, d, findings_local, cityHash64(doc_id))",
	} {
		if !strings.Contains(repl, want) {
			t.Errorf("replicated cluster schema lacks %q", want)
		}
	}
	hosts := load(Config{Database: "d", Cluster: "c", ClusterDDL: "hosts", Replicated: false})
	if strings.Contains(hosts, "ON CLUSTER") || strings.Contains(hosts, "Replicated") || !strings.Contains(hosts, "Distributed(c, d, sentences_local") {
		t.Errorf("per-host, unreplicated cluster schema is wrong:\n%s", hosts)
	}
	if n := strings.Count(repl, "CREATE TABLE"); n != 12 {
		t.Errorf("cluster schema has %d CREATE TABLE statements, want 12 (6 local + 6 distributed)", n)
	}
}

func TestCheckTimes(t *testing.T) {
	ok := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	old := time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)
	far := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		p    *model.Postmortem
		want string
	}{
		{&model.Postmortem{ID: "a", Version: "1", Date: &ok, ResolvedAt: &ok}, ""},
		{&model.Postmortem{ID: "b", Version: "1", Date: &old}, "date 1969-12-31"},
		{&model.Postmortem{ID: "c", Version: "1", Source: model.Source{Path: "c.md"}, StartedAt: &far}, "started_at 2200"},
		{&model.Postmortem{ID: "d", Version: "1", Timeline: []model.TimelineEvent{{At: &ok}, {At: &old}}}, "timeline event 1"},
	} {
		d, err := sqlutil.Flatten(tc.p, ok)
		if err != nil {
			t.Fatal(err)
		}
		err = checkTimes(d)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.p.ID)) {
			t.Errorf("checkTimes(%s) = %v, want an error mentioning %q", tc.p.ID, err, tc.want)
		}
	}
}

func TestNextSeqs(t *testing.T) {
	s := &Store{seqTag: 0xabc}
	seen := map[uint64]bool{}
	var last uint64
	for round := 0; round < 50; round++ {
		for _, seq := range s.nextSeqs(1 + round%7) {
			if seq <= last || seen[seq] {
				t.Fatalf("seq %d after %d: not increasing and unique", seq, last)
			}
			if seq&(1<<seqTagBits-1) != 0xabc {
				t.Fatalf("seq %x lost the writer tag", seq)
			}
			seen[seq], last = true, seq
		}
	}
	if now := uint64(time.Now().UnixMicro()) << seqTagBits; last>>seqTagBits > now>>seqTagBits+1000 {
		t.Errorf("seqs ran ahead of the clock: %d vs %d", last>>seqTagBits, now>>seqTagBits)
	}
}

// TestAtLeastPage: a count that missed a concurrent Put's version never
// hides the page found, and a capped count stays capped.
func TestAtLeastPage(t *testing.T) {
	for _, c := range []struct {
		total                     uint64
		offset, pageLen, maxTotal int
		want                      uint64
	}{
		{total: 0, offset: 0, pageLen: 2, want: 2},              // stale count of zero
		{total: 4, offset: 0, pageLen: 2, want: 4},              // count ahead of the page
		{total: 3, offset: 10, pageLen: 5, want: 15},            // later page, stale count
		{total: 0, offset: 20, pageLen: 0, want: 0},             // past the end stays empty
		{total: 1, offset: 0, pageLen: 3, maxTotal: 1, want: 1}, // capped
		{total: 0, offset: 0, pageLen: 3, maxTotal: 2, want: 2}, // stale and capped
	} {
		if got := atLeastPage(c.total, c.offset, c.pageLen, c.maxTotal); got != c.want {
			t.Errorf("atLeastPage(%d, %d, %d, %d) = %d, want %d", c.total, c.offset, c.pageLen, c.maxTotal, got, c.want)
		}
	}
}
