package devset

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestWithoutSeen(t *testing.T) {
	exs := []Example{
		{ID: "a.md:0-10", Source: SourceCorpus, File: "a.md", Start: 0, End: 10, Split: SplitDev},
		{ID: "a.md:10-20", Source: SourceCorpus, File: "a.md", Start: 10, End: 20, Split: SplitDev},
		{ID: "a.md:20-30", Source: SourceCorpus, File: "a.md", Start: 20, End: 30, Split: SplitTest},
		{ID: "b.md:0-10", Source: SourceCorpus, File: "b.md", Start: 0, End: 10, Split: SplitTest},
	}
	seen := []CorpusRecord{{File: "a.md", Start: 15, End: 25}, {File: "b.md", Start: 10, End: 12}}
	got := withoutSeen(exs, seen)
	var ids []string
	for _, ex := range got {
		ids = append(ids, ex.ID)
		if ex.Split != SplitHoldout {
			t.Errorf("%s: split %q, want %q", ex.ID, ex.Split, SplitHoldout)
		}
	}
	// a.md:10-20 and a.md:20-30 overlap the seen span 15-25; b.md:0-10
	// only touches 10-12 (half-open spans do not overlap).
	if want := "[a.md:0-10 b.md:0-10]"; fmt.Sprint(ids) != want {
		t.Errorf("kept %v, want %s", ids, want)
	}
}

// TestLoadHoldout checks the committed held-out file against the corpus:
// it loads, holds whole files only, and shares no file with corpus.jsonl's
// whole-file records (those documents were tuned on).
func TestLoadHoldout(t *testing.T) {
	exs, err := LoadHoldout(corpusRoot)
	if errors.Is(err, ErrNoCorpus) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ParseCorpus(HoldoutDataName, holdoutData)
	if err != nil {
		t.Fatal(err)
	}
	whole := map[string]bool{}
	first, err := ParseCorpus(CorpusDataName, corpusData)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range first {
		if !r.Enriched {
			whole[r.File] = true
		}
	}
	files := map[string]bool{}
	for _, r := range recs {
		if r.Enriched {
			t.Errorf("%s: enriched record %d-%d; the held-out set labels whole files", r.File, r.Start, r.End)
		}
		if whole[r.File] {
			t.Errorf("%s is labelled whole in corpus.jsonl too", r.File)
		}
		files[r.File] = true
	}
	if len(exs) < 500 || len(files) < 15 {
		t.Errorf("%d held-out sentences of %d files; want >= 500 of >= 15", len(exs), len(files))
	}
	t.Logf("%d held-out sentences of %d files (%d records; those overlapping corpus.jsonl are left out)", len(exs), len(files), len(recs))
}

func TestParseHoldoutWritten(t *testing.T) {
	good := `{"id":"hw1-1-001","doc":"hw1-1","text":"We assumed the cache was warm.","style":"formal-rca","labels":["assumption/belief"]}` + "\n" +
		`{"id":"hw1-1-002","doc":"hw1-1","text":"Traffic returned to normal.","style":"formal-rca","labels":[]}` + "\n"
	exs, err := parseHoldoutWritten("w.jsonl", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 2 || exs[0].Split != SplitHoldout || exs[0].Source != SourceWritten || fmt.Sprint(exs[0].Labels) != "[assumption/belief]" {
		t.Errorf("parsed %+v", exs)
	}
	for name, bad := range map[string]string{
		"unknown field": `{"id":"a","doc":"d","text":"t","style":"s","labels":[],"extra":1}`,
		"no doc":        `{"id":"a","text":"t","style":"s","labels":[]}`,
		"unknown label": `{"id":"a","doc":"d","text":"t","style":"s","labels":["theme/weather"]}`,
		"duplicate id":  `{"id":"a","doc":"d","text":"t","style":"s","labels":[]}` + "\n" + `{"id":"a","doc":"d","text":"u","style":"s","labels":[]}`,
	} {
		if _, err := parseHoldoutWritten("w.jsonl", []byte(bad+"\n")); err == nil || !strings.Contains(err.Error(), "w.jsonl:") {
			t.Errorf("%s: error %v, want one naming w.jsonl and the line", name, err)
		}
	}
}
