package devset

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestKappa(t *testing.T) {
	// 50 items: both yes 20, only labeller 2 yes 5, only labeller 1 yes 10,
	// both no 15. po = 0.7, pe = 0.6*0.5 + 0.4*0.5 = 0.5, kappa = 0.4.
	k, ok := Kappa(Counts{TP: 20, FP: 5, FN: 10}, 50)
	if !ok || math.Abs(k-0.4) > 1e-9 {
		t.Errorf("Kappa = %v, %v; want 0.4", k, ok)
	}
	if k, ok := Kappa(Counts{TP: 3, FN: 0}, 3); ok {
		t.Errorf("all-yes Kappa = %v, want undefined", k)
	}
	if k, ok := Kappa(Counts{}, 7); ok {
		t.Errorf("all-no Kappa = %v, want undefined", k)
	}
	if k, ok := Kappa(Counts{FP: 2, FN: 2}, 4); !ok || math.Abs(k+1) > 1e-9 {
		t.Errorf("total disagreement Kappa = %v, %v; want -1", k, ok)
	}
	if _, ok := Kappa(Counts{TP: 5}, 3); ok {
		t.Error("counts larger than n must be undefined")
	}
}

func TestAgreement(t *testing.T) {
	rec := func(file string, start int, labels ...string) CorpusRecord {
		return CorpusRecord{File: file, Start: start, End: start + 10, Labels: labels}
	}
	first := []CorpusRecord{
		rec("a.md", 0, "blame/human-error", "theme/change"),
		rec("a.md", 20, "theme/change"),
		rec("a.md", 40),                            // only labeller 1 kept it
		rec("a.md", 60, "assumption/belief"),       // labeller 2 says surprise
		rec("other.md", 0, "blame/counterfactual"), // file not in second: ignored
	}
	second := []CorpusRecord{
		rec("a.md", 0, "blame/human-error", "theme/change", "theme/data"),
		rec("a.md", 20),
		rec("a.md", 60, "assumption/surprise"),
		rec("a.md", 80, "theme/time"), // only labeller 2 kept it
	}
	r := Agreement(first, second)
	if r.Files != 1 || r.Sentences != 3 || r.OnlyFirst != 1 || r.OnlySecond != 1 {
		t.Errorf("files %d sentences %d only-first %d only-second %d, want 1 3 1 1", r.Files, r.Sentences, r.OnlyFirst, r.OnlySecond)
	}
	want := map[string]Counts{
		"blame/human-error":    {TP: 1},
		"blame/counterfactual": {},
		"theme/change":         {TP: 1, FN: 1},
		"theme/data":           {FP: 1},
		"theme/time":           {},
		"assumption/belief":    {FN: 1},
		"assumption/surprise":  {FP: 1},
	}
	for l, c := range want {
		if r.Labels[l] != c {
			t.Errorf("%s: %+v, want %+v", l, r.Labels[l], c)
		}
	}
	if c := r.Kinds[KindTheme]; c != (Counts{TP: 1, FP: 1, FN: 1}) {
		t.Errorf("theme micro %+v", c)
	}
	// Presence: theme in sentence 0 for both, in sentence 20 only for
	// labeller 1; assumption in sentence 60 for both (different labels).
	if c := r.Presence[KindTheme]; c != (Counts{TP: 1, FN: 1}) {
		t.Errorf("theme presence %+v", c)
	}
	if c := r.Presence[KindAssumption]; c != (Counts{TP: 1}) {
		t.Errorf("assumption presence %+v", c)
	}
	if k, ok := r.KindKappa(KindAssumption); !ok || k != 1 {
		t.Errorf("assumption presence kappa %v %v, want 1", k, ok)
	}
	if _, ok := r.KindKappa(KindBlame); !ok {
		t.Error("blame presence kappa should be defined (1 yes, 2 no for both)")
	}
	if s := r.String(); len(s) == 0 {
		t.Error("empty String")
	}
}

// TestInterAnnotatorAgreement scores the second labelling
// (data/second.jsonl) against the first (data/corpus.jsonl) and logs the
// table (go test ./internal/devset -run TestInterAnnotatorAgreement -v).
// Contract: the second labelling covers only files labelled whole in the
// test split of corpus.jsonl; with the corpus present, each of its spans is
// a candidate sentence of its file (the segmentation both labellers read,
// so matching by offsets is exact); agreement is measured on at least 250
// sentences both kept, and the sentences only one labeller kept (leave-out
// decisions for fragments) are fewer than the shared ones.
func TestInterAnnotatorAgreement(t *testing.T) {
	first, err := ParseCorpus(CorpusDataName, corpusData)
	if err != nil {
		t.Fatal(err)
	}
	second, err := SecondLabelling()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadData(corpusRoot, SecondDataName, secondData, WrittenDataName, nil); errors.Is(err, ErrNoCorpus) {
		t.Logf("corpus not found: spans of %s not checked against the raw files", SecondDataName)
	} else if err != nil {
		t.Fatal(err)
	} else {
		spans := map[string]map[[2]int]bool{}
		for _, s := range second {
			if spans[s.File] == nil {
				raw, err := os.ReadFile(filepath.Join(corpusRoot, filepath.FromSlash(s.File)))
				if err != nil {
					t.Fatal(err)
				}
				spans[s.File] = map[[2]int]bool{}
				for _, c := range Candidates(s.File, raw) {
					spans[s.File][[2]int{c.Start, c.End}] = true
				}
			}
			if !spans[s.File][[2]int{s.Start, s.End}] {
				t.Errorf("%s: span %d-%d of %s is not a candidate sentence", SecondDataName, s.Start, s.End, s.File)
			}
		}
	}
	whole := map[string]bool{}
	for _, f := range first {
		if !f.Enriched {
			whole[f.File] = true
		}
	}
	for _, s := range second {
		if s.Split != SplitTest || s.Enriched || !whole[s.File] {
			t.Errorf("%s: second labelling must cover whole test files of corpus.jsonl (split %s, enriched %v, labelled whole there %v)",
				s.File, s.Split, s.Enriched, whole[s.File])
		}
	}
	r := Agreement(first, second)
	t.Logf("\n%s", r)
	if r.Sentences < 250 {
		t.Errorf("agreement measured on %d sentences, want at least 250", r.Sentences)
	}
	if r.OnlyFirst+r.OnlySecond >= r.Sentences {
		t.Errorf("%d + %d sentences kept by one labeller only, %d by both: the labellings do not cover the same text", r.OnlyFirst, r.OnlySecond, r.Sentences)
	}
	for _, k := range Kinds {
		if r.Presence[k].Support() == 0 {
			t.Errorf("kind %s never given by labeller 1 on the shared sentences: its agreement is meaningless", k)
		}
		if kappa, ok := r.KindKappa(k); ok && (kappa < -1 || kappa > 1) {
			t.Errorf("kind %s kappa %v out of [-1, 1]", k, kappa)
		}
	}
}
