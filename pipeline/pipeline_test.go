package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/internal/synth"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/pipeline"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
)

func memStore(t *testing.T) store.Store {
	t.Helper()
	st, err := open.Open(context.Background(), "duckdb://")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return st
}

func writeCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.WriteDir(dir, synth.Options{Seed: 7, N: n}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Ingesting the same corpus three times gives identical counts.
func TestIngestIsIdempotent(t *testing.T) {
	dir := writeCorpus(t, 60)
	st := memStore(t)
	ctx := context.Background()
	var first store.Stats
	for i := 0; i < 3; i++ {
		sum, err := pipeline.Ingest(ctx, st, []string{dir}, pipeline.Options{Analyzer: analysis.Default()})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Failed != 0 || sum.Postmortems != 60 {
			t.Fatalf("run %d: %s; errors %v", i, sum, sum.Errors)
		}
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = s
			if s.Postmortems != 60 || s.Sentences == 0 || s.Findings == 0 || s.ActionItems == 0 || s.TimelineEvents == 0 || s.Teams < 2 {
				t.Fatalf("stats after first ingest look empty: %+v", s)
			}
			continue
		}
		if s != first {
			t.Fatalf("run %d stats %+v differ from the first run's %+v", i, s, first)
		}
	}
}

// A changed file replaces its earlier version; bad files are reported by
// path and do not stop the run or disturb what is stored.
func TestIngestReplacesChangedAndReportsBadFiles(t *testing.T) {
	dir := writeCorpus(t, 20)
	st := memStore(t)
	ctx := context.Background()
	if _, err := pipeline.Ingest(ctx, st, []string{dir}, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Stats(ctx)

	// Change one Markdown file's title, add an empty and a binary file.
	var md string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if md == "" && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".html.md.erb") {
			md = p
		}
		return nil
	})
	if md == "" {
		t.Fatal("no markdown file generated")
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(md, append(data, []byte("\n\n## Lessons\n\nWe assumed the retry budget was enough.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.md")
	binary := filepath.Join(dir, "blob.md")
	for name, data := range map[string][]byte{empty: nil, binary: {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 3}} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	sum, err := pipeline.Ingest(ctx, st, []string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 2 || len(sum.Errors) != 2 {
		t.Fatalf("want 2 failed files, got %d: %v", sum.Failed, sum.Errors)
	}
	for _, fe := range sum.Errors {
		if fe.Path != empty && fe.Path != binary {
			t.Errorf("unexpected failure %v", fe)
		}
		if !strings.HasPrefix(fe.Error(), fe.Path+": ") {
			t.Errorf("error %q does not start with its path", fe.Error())
		}
	}
	after, _ := st.Stats(ctx)
	if after.Postmortems != before.Postmortems {
		t.Fatalf("postmortems %d -> %d: a changed file must replace, not add", before.Postmortems, after.Postmortems)
	}
	if after.Sentences <= before.Sentences {
		t.Fatalf("sentences %d -> %d: the changed file's new sentence is missing", before.Sentences, after.Sentences)
	}
}

// failingStore refuses every write.
type failingStore struct{ store.Store }

func (failingStore) Put(context.Context, []*model.Postmortem) error {
	return errors.New("disk full")
}

func TestIngestStopsOnStoreFailure(t *testing.T) {
	dir := writeCorpus(t, 10)
	_, err := pipeline.Ingest(context.Background(), failingStore{memStore(t)}, []string{dir}, pipeline.Options{BatchDocs: 2})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want the store's error, got %v", err)
	}
}

func TestRunFromMemoryMatchesDisk(t *testing.T) {
	var inputs []pipeline.Input
	err := synth.Generate(synth.Options{Seed: 3, N: 25}, func(d synth.Doc) error {
		inputs = append(inputs, pipeline.Input{Path: d.Path, Size: int64(len(d.Data)), Data: d.Data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src := pipeline.Source{Files: len(inputs), Inputs: func(yield func(pipeline.Input) bool) {
		for _, in := range inputs {
			if !yield(in) {
				return
			}
		}
	}}
	sum, err := pipeline.Run(context.Background(), nil, src, pipeline.Options{Analyzer: analysis.Default(), Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 25 || sum.Postmortems != 25 || sum.Sentences == 0 || sum.Findings == 0 {
		t.Fatalf("summary %+v", sum)
	}
}

func TestIngestCancelled(t *testing.T) {
	dir := writeCorpus(t, 30)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := pipeline.Ingest(ctx, memStore(t), []string{dir}, pipeline.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
}
