package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/pipeline"
	"github.com/debrief-dev/debrief/store"
)

// writeDocs writes three small postmortems, one in a sub-folder and one
// with an id of its own, into dir/name.
func writeDocs(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{
		"a.md":          "# Queue stuck\n\n**Team:** billing\n\nThe queue stopped for an hour.\n",
		"sub/b.md":      "# Cache cold\n\nThe cache was empty after a restart.\n",
		"with-id.md":    "---\nid: pm-own-id\ntitle: Own id\n---\n\nA document with an id of its own.\n",
		"sub/deep/c.md": "# Disk full\n\nThe disk filled up with logs.\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func storedIDs(t *testing.T, st store.Store) map[string]string {
	t.Helper()
	rows, total, err := st.List(context.Background(), store.ListQuery{Sort: "title", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(rows) {
		t.Fatalf("list total %d, rows %d", total, len(rows))
	}
	ids := map[string]string{}
	for _, r := range rows {
		ids[r.ID] = r.Path
	}
	return ids
}

// One folder ingested as "dir", "/abs/dir", "." from inside it and
// through a symlink gives each file one document.
func TestIdentityStableAcrossRootSpellings(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "postmortems")
	writeDocs(t, dir)
	link := filepath.Join(base, "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	st := memStore(t)
	ctx := context.Background()
	t.Chdir(base)
	runs := []struct{ cwd, root string }{
		{base, "postmortems"},
		{base, dir},
		{dir, "."},
		{dir, "./"},
		{base, "link"},
		{base, "postmortems/../postmortems"},
	}
	for _, r := range runs {
		t.Chdir(r.cwd)
		sum, err := pipeline.Ingest(ctx, st, []string{r.root}, pipeline.Options{})
		if err != nil || sum.Failed != 0 || sum.Postmortems != 4 {
			t.Fatalf("ingest %q from %s: %v; %s; %v", r.root, r.cwd, err, sum, sum.Errors)
		}
		ids := storedIDs(t, st)
		if len(ids) != 4 {
			t.Fatalf("after ingesting %q from %s: %d documents, want 4: %v", r.root, r.cwd, len(ids), ids)
		}
		if _, ok := ids["pm-own-id"]; !ok {
			t.Errorf("front-matter id not used: %v", ids)
		}
	}
	// The identity paths start with the root folder's name.
	id, err := ingest.NewIdentity(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := id.Path(filepath.Join(dir, "sub", "b.md")); got != "postmortems/sub/b.md" {
		t.Errorf("identity path = %q, want postmortems/sub/b.md", got)
	}
}

// Two roots with the same file names do not collide.
func TestIdentityRootsDoNotCollide(t *testing.T) {
	base := t.TempDir()
	writeDocs(t, filepath.Join(base, "team-a"))
	writeDocs(t, filepath.Join(base, "team-b"))
	st := memStore(t)
	sum, err := pipeline.Ingest(context.Background(), st,
		[]string{filepath.Join(base, "team-a"), filepath.Join(base, "team-b")}, pipeline.Options{})
	if err != nil || sum.Postmortems != 8 {
		t.Fatalf("%v; %s", err, sum)
	}
	// 3 path ids per root, and the shared front-matter id once.
	if ids := storedIDs(t, st); len(ids) != 7 {
		t.Fatalf("%d documents, want 7: %v", len(ids), ids)
	}
}

// A store written with the old IDs (a hash of the path as typed) is
// updated in place: documents it holds keep their old ID.
func TestIdentityKeepsLegacyIDs(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "postmortems")
	writeDocs(t, dir)
	st := memStore(t)
	ctx := context.Background()
	t.Chdir(dir)
	// Write the documents as the old code did: ID from the path as typed.
	var inputs []pipeline.Input
	for _, name := range []string{"a.md", "sub/b.md"} {
		inputs = append(inputs, pipeline.Input{Path: name})
	}
	src := pipeline.Source{Files: 2, Inputs: func(yield func(pipeline.Input) bool) {
		for _, in := range inputs {
			if !yield(in) {
				return
			}
		}
	}}
	if _, err := pipeline.Run(ctx, st, src, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	old := storedIDs(t, st)
	if _, ok := old[ingest.PathID("a.md")]; !ok {
		t.Fatalf("old-style id missing: %v", old)
	}
	sum, err := pipeline.Ingest(ctx, st, []string{"."}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.LegacyIDs != 2 {
		t.Errorf("legacy ids kept = %d, want 2", sum.LegacyIDs)
	}
	ids := storedIDs(t, st)
	if len(ids) != 4 {
		t.Fatalf("%d documents after re-ingest, want 4 (2 kept their old id): %v", len(ids), ids)
	}
	for id := range old {
		if _, ok := ids[id]; !ok {
			t.Errorf("old id %s lost", id)
		}
	}
}

// The summary names team names that look like one team in several
// spellings, and suggests known_teams.
func TestSummarySpellingHint(t *testing.T) {
	s := pipeline.Summary{Postmortems: 5, Teams: map[string]int{"identity": 2, "identity-access": 1,
		"identity-access-management": 1, "store": 1}}
	h := s.SpellingHint()
	if !strings.Contains(h, "identity, identity-access, identity-access-management.") || strings.Contains(h, "; store") ||
		!strings.Contains(h, "known_teams") {
		t.Errorf("hint %q", h)
	}
	if !strings.Contains(s.String(), h) {
		t.Errorf("summary %q lacks the hint", s.String())
	}
	s.Teams = map[string]int{"store": 2, "storefront": 1, "data": 1}
	if h := s.SpellingHint(); h != "" {
		t.Errorf("distinct teams: hint %q", h)
	}
}

// The summary says when most postmortems have no team.
func TestSummaryTeamHint(t *testing.T) {
	dir := t.TempDir()
	writeDocs(t, dir)
	sum, err := pipeline.Ingest(context.Background(), nil, []string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NoTeam != 3 || !strings.Contains(sum.String(), "--team-from-path") {
		t.Errorf("no team %d, summary %q", sum.NoTeam, sum.String())
	}
	sum, err = pipeline.Ingest(context.Background(), nil, []string{dir}, pipeline.Options{Parse: ingest.Options{Team: "Core"}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NoTeam != 0 || strings.Contains(sum.String(), "--team-from-path") {
		t.Errorf("with --team: no team %d, summary %q", sum.NoTeam, sum.String())
	}
}
