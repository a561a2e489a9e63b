package devset

import (
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the count table in README.md")

const (
	countsBegin = "<!-- counts:begin (go test ./internal/devset -run TestREADMECounts -update) -->\n"
	countsEnd   = "<!-- counts:end -->"
)

// TestREADMECounts checks that the count table in README.md is the one
// CountTable generates from the committed data (-update rewrites it).
func TestREADMECounts(t *testing.T) {
	exs, err := Load(corpusRoot)
	if errors.Is(err, ErrNoCorpus) {
		t.Skipf("skipping: the README counts include the corpus part: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i := strings.Index(s, countsBegin)
	j := strings.Index(s, countsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q markers", countsBegin, countsEnd)
	}
	want := CountTable(exs) + "\n" + WholeFileTable(exs)
	got := s[i+len(countsBegin) : j]
	if got == want {
		return
	}
	if *update {
		s = s[:i+len(countsBegin)] + want + s[j:]
		if err := os.WriteFile("README.md", []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md count table is stale; run go test ./internal/devset -run TestREADMECounts -update\ngot:\n%s\nwant:\n%s", got, want)
}

func TestCountTable(t *testing.T) {
	exs := []Example{
		{Split: SplitDev, Source: SourceCorpus, Labels: []string{"theme/change", "blame/human-error"}},
		{Split: SplitDev, Source: SourceCorpus, Enriched: true},
		{Split: SplitTest, Source: SourceWritten, Labels: []string{"theme/change"}},
	}
	s := CountTable(exs)
	for _, want := range []string{
		"| label | dev/corpus | dev/written | test/corpus | test/written |",
		"| sentences | 2 | 0 | 0 | 1 |",
		"| enriched | 1 | 0 | 0 | 0 |",
		"| negatives | 1 | 0 | 0 | 0 |",
		"| theme/change | 1 | 0 | 0 | 1 |",
		"| blame/human-error | 1 | 0 | 0 | 0 |",
		"| assumption/belief | 0 | 0 | 0 | 0 |",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("table lacks %q:\n%s", want, s)
		}
	}
	w := WholeFileTable([]Example{
		{Source: SourceCorpus, File: "postmortems/a__b.md", Split: SplitTest},
		{Source: SourceCorpus, File: "postmortems/a__b.md", Split: SplitTest},
		{Source: SourceCorpus, File: "postmortems/c__d.md", Split: SplitDev, Enriched: true},
		{Source: SourceWritten, Split: SplitDev},
	})
	if !strings.Contains(w, "| postmortems/a__b.md | test | 2 |") || strings.Count(w, "\n") != 3 {
		t.Errorf("whole-file table:\n%s", w)
	}
}
