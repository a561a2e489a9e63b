package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Teams come out as slugs through the .debrief.yml aliases and
// --team-alias; parse --json says where the duration came from; the
// ingest summary suggests --team-from-path when most documents have no
// team.
func TestTeamAliasesAndHint(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".debrief.yml": "teams:\n  idx: search\n",
		"a.md":         "---\nteam: IDX\nstarted_at: 2025-01-02T10:00:00Z\nresolved_at: 2025-01-02T10:45:00Z\n---\n# Index stale\n\nThe index was stale.\n",
		"b.md":         "# Cache cold\n\nThe cache was cold after a restart.\n",
		"c.md":         "# Disk full\n\nThe disk filled up.\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, "", "parse", "--json", filepath.Join(dir, "a.md"))
	var got struct {
		Team           string `json:"team"`
		DurationSource string `json:"duration_source"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
		t.Fatalf("parse: %v; %+v", err, r)
	}
	if got.Team != "search" || got.DurationSource != "fields" {
		t.Errorf("parse: team %q, duration source %q", got.Team, got.DurationSource)
	}
	r = run(t, "", "parse", "--json", "--team-alias", "idx=core-search", filepath.Join(dir, "a.md"))
	if !strings.Contains(r.stdout, `"team":"core-search"`) {
		t.Errorf("--team-alias not applied: %s", r.stdout)
	}
	if err := os.WriteFile(filepath.Join(dir, "d.md"), []byte("---\nteam: Store Engineering\n---\n# Checkout down\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", "parse", "--json", "--known-teams", "store,launcher", filepath.Join(dir, "d.md"))
	if !strings.Contains(r.stdout, `"team":"store"`) {
		t.Errorf("--known-teams not applied: %s", r.stdout)
	}
	if err := os.Remove(filepath.Join(dir, "d.md")); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", "ingest", "-q", "--no-analysis", "--store", "duckdb://"+filepath.Join(t.TempDir(), "s.db"), dir)
	if r.code != 0 || !strings.Contains(r.stderr, "2 of 3 postmortems have no team") || !strings.Contains(r.stderr, "--team-from-path") {
		t.Errorf("ingest summary: code %d, %s", r.code, r.stderr)
	}
}
