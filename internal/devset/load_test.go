package devset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const corpusRoot = "../../../shared/corpus"

// tempCorpus writes one corpus file and returns the root and the record of
// its span "cache filled up".
func tempCorpus(t *testing.T) (string, CorpusRecord) {
	t.Helper()
	root := t.TempDir()
	text := "# Outage\n\nThe **cache** filled up. We assumed it was fine.\n"
	if err := os.MkdirAll(filepath.Join(root, "postmortems"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "postmortems", "a__x.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s := strings.Index(text, "The")
	e := strings.Index(text, "up.") + 3
	return root, CorpusRecord{File: "postmortems/a__x.md", Start: s, End: e, SHA: SpanSHA([]byte(text[s:e])),
		Split: SplitOf("postmortems/a__x.md"), Labels: []string{"theme/capacity"}}
}

func recLine(r CorpusRecord) string {
	return fmt.Sprintf(`{"file":%q,"start":%d,"end":%d,"sha":%q,"split":%q,"enriched":false,"labels":[%q]}`,
		r.File, r.Start, r.End, r.SHA, r.Split, r.Labels[0])
}

func writtenLine(id, label string) string {
	return fmt.Sprintf(`{"id":%q,"text":"The pager stayed silent.","style":"ticket","split":%q,"labels":[%q]}`, id, SplitOf(id), label)
}

func TestLoadDataTempCorpus(t *testing.T) {
	root, rec := tempCorpus(t)
	exs, err := LoadData(root, "c.jsonl", []byte(recLine(rec)+"\n"), "w.jsonl", []byte(writtenLine("w1", "theme/detection")+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 2 {
		t.Fatalf("got %d examples", len(exs))
	}
	c := exs[0]
	if c.Source != SourceCorpus || c.Text != "The cache filled up." || c.File != rec.File || c.Split != rec.Split ||
		c.ID != fmt.Sprintf("%s:%d-%d", rec.File, rec.Start, rec.End) || len(c.Labels) != 1 || c.Labels[0] != "theme/capacity" {
		t.Errorf("corpus example %+v", c)
	}
	if w := exs[1]; w.Source != SourceWritten || w.ID != "w1" || w.Text != "The pager stayed silent." || w.Split != SplitOf("w1") {
		t.Errorf("written example %+v", w)
	}
}

func TestLoadDataErrors(t *testing.T) {
	root, rec := tempCorpus(t)
	good := recLine(rec)
	drift := rec
	drift.SHA = "000000000000"
	past := rec
	past.End = 10000
	past.SHA = rec.SHA
	wrongSplit := rec
	if rec.Split == SplitDev {
		wrongSplit.Split = SplitTest
	} else {
		wrongSplit.Split = SplitDev
	}
	tests := []struct {
		name            string
		corpus, written string
		want            []string
	}{
		{"sha drift", recLine(drift) + "\n", "", []string{"corpus file postmortems/a__x.md changed", "c.jsonl:1", "sha"}},
		{"overlapping spans", good + "\n" + good + "\n", "", []string{"c.jsonl:2", "overlaps"}},
		{"span past end", recLine(past) + "\n", "", []string{"corpus file postmortems/a__x.md changed", "past its end"}},
		{"unknown corpus label", strings.Replace(good, "theme/capacity", "theme/weather", 1) + "\n", "", []string{"c.jsonl:1", `unknown label "theme/weather"`}},
		{"unknown written label", "", writtenLine("w1", "theme/detection") + "\n" + writtenLine("w2", "blame/oops") + "\n", []string{"w.jsonl:2", `unknown label "blame/oops"`}},
		{"label without kind", strings.Replace(good, "theme/capacity", "capacity", 1) + "\n", "", []string{"c.jsonl:1", `unknown label "capacity"`}},
		{"wrong split", recLine(wrongSplit) + "\n", "", []string{"c.jsonl:1", "split rule"}},
		{"unknown field", strings.Replace(good, `"enriched"`, `"enrich"`, 1) + "\n", "", []string{"c.jsonl:1", "unknown field"}},
		{"duplicate written id", "", writtenLine("w1", "theme/detection") + "\n" + writtenLine("w1", "theme/detection") + "\n", []string{"w.jsonl:2", "duplicate id"}},
		{"missing corpus file", strings.Replace(good, "a__x.md", "b__y.md", 1) + "\n", "", []string{"c.jsonl:1", "b__y.md"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadData(root, "c.jsonl", []byte(tc.corpus), "w.jsonl", []byte(tc.written))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestLoadDataNoCorpus(t *testing.T) {
	_, rec := tempCorpus(t)
	exs, err := LoadData(filepath.Join(t.TempDir(), "absent"), "c.jsonl", []byte(recLine(rec)+"\n"), "w.jsonl", []byte(writtenLine("w1", "theme/detection")+"\n"))
	if !errors.Is(err, ErrNoCorpus) {
		t.Fatalf("err = %v, want ErrNoCorpus", err)
	}
	if len(exs) != 1 || exs[0].Source != SourceWritten {
		t.Errorf("want the written example only, got %+v", exs)
	}
}

func TestSplitOf(t *testing.T) {
	// fnv32a("a") = 0xe40c292c = 3826002220; % 10 = 0 -> test.
	if got := SplitOf("a"); got != SplitTest {
		t.Errorf("SplitOf(a) = %s", got)
	}
	// fnv32a("b") = 0xe70c2de5 = 3876335077; % 10 = 7 -> dev.
	if got := SplitOf("b"); got != SplitDev {
		t.Errorf("SplitOf(b) = %s", got)
	}
}

// TestLoadRealCorpus loads the committed label files against the shared
// corpus: every sha must match and every text must be non-empty.
func TestLoadRealCorpus(t *testing.T) {
	exs, err := Load(corpusRoot)
	if errors.Is(err, ErrNoCorpus) {
		t.Skipf("skipping the corpus part: %v (%d written examples loaded)", err, len(exs))
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range exs {
		if strings.TrimSpace(ex.Text) == "" {
			t.Errorf("%s: empty text", ex.ID)
		}
	}
}
