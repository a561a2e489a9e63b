package dashboard

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/internal/synth"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/pipeline"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
)

// browserStore is the store the browser test renders: synthetic
// postmortems run through ingest and analysis, plus the hand-built
// fixtures (including the hostile document x1).
func browserStore(t *testing.T) store.Store {
	st := fixtureStore(t, append(fixtures(), teamlessDocs()...))
	ingestSynth(t, st, 300)
	return st
}

// teamlessDocs are postmortems without a team (most real writeups), one
// of them with a table in its action items, for the "(no team)" and
// table checks of the browser test.
func teamlessDocs() []*model.Postmortem {
	var out []*model.Postmortem
	for i, d := range []time.Time{day(2026, 1, 20), day(2026, 2, 11), day(2026, 8, 3)} {
		id := "n" + strconv.Itoa(i+1)
		p := fixtureDoc(id, "Unowned incident "+strconv.Itoa(i+1), "", "SEV3", []string{"batch"}, d, 50, 70,
			[]string{"dependency"},
			[]string{"The upstream queue stopped accepting writes.", "Nobody expected the retry budget to run out."},
			[][4]any{{0, "theme", "dependency", "upstream"}, {1, "assumption", "surprise", "Nobody expected"}})
		p.Sections[1].Text = "Action | Owner | Status\nAdd a queue depth alert | ops | open\nDocument the retry budget | batch | done"
		out = append(out, p)
	}
	return out
}

// ingestSynth generates n synthetic postmortems and ingests them into st
// the way `debrief ingest` does (parse, analyse, store in batches).
func ingestSynth(t testing.TB, st store.Store, n int) {
	t.Helper()
	src := pipeline.Source{Files: n, Inputs: func(yield func(pipeline.Input) bool) {
		_ = synth.Generate(synth.Options{Seed: 7, N: n}, func(d synth.Doc) error {
			if !yield(pipeline.Input{Path: d.Path, Size: int64(len(d.Data)), Data: d.Data}) {
				return context.Canceled
			}
			return nil
		})
	}}
	sum, err := pipeline.Run(context.Background(), st, src, pipeline.Options{Analyzer: analysis.Default(), BatchDocs: 2000})
	if err != nil {
		t.Fatalf("ingest synthetic postmortems: %v", err)
	}
	if sum.Postmortems < n*9/10 {
		t.Fatalf("ingested %d of %d synthetic postmortems (%d failed)", sum.Postmortems, n, sum.Failed)
	}
}

// synthStore returns a DuckDB store with n synthetic postmortems. With
// DEBRIEF_BENCH_DIR set the database file is kept there and reused by later
// runs (ingesting 100k documents takes minutes); otherwise it lives in a
// temporary directory.
func synthStore(t testing.TB, n int) store.Store {
	t.Helper()
	ctx := context.Background()
	dir := os.Getenv("DEBRIEF_BENCH_DIR")
	keep := dir != ""
	if !keep {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, "debrief-synth-"+strconv.Itoa(n)+".db")
	_, statErr := os.Stat(path)
	st, err := open.Open(ctx, "duckdb://"+path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if keep && statErr == nil {
		if s, err := st.Stats(ctx); err == nil && s.Postmortems >= int64(n*9/10) {
			return st
		}
	}
	start := time.Now()
	ingestSynth(t, st, n)
	t.Logf("ingested %d synthetic postmortems into %s in %s", n, path, time.Since(start).Round(time.Second))
	return st
}
