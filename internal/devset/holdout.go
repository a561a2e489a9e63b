package devset

import _ "embed" // data file

// HoldoutDataName is the held-out label file as reported in errors.
const HoldoutDataName = "internal/devset/data/holdout.jsonl"

// SplitHoldout is the Split of every example LoadHoldout returns.
const SplitHoldout = "holdout"

//go:embed data/holdout.jsonl
var holdoutData []byte

// LoadHoldout returns the held-out set: whole corpus files labelled after
// the rules they score were written, by annotators who saw only
// TAXONOMY.md and the labelling decisions (never the rules, the tagger's
// output or the other label files), and read only once per stop, at its
// end. Records have the shape of data/corpus.jsonl (their split field is
// the file's split by SplitOf, for when they are folded into corpus.jsonl
// later); every returned example has Split SplitHoldout. Sentences whose
// span overlaps a record of corpus.jsonl (labelled earlier, and tuned on)
// are left out. Without the corpus it returns an error wrapping
// ErrNoCorpus.
func LoadHoldout(corpusRoot string) ([]Example, error) {
	exs, err := LoadData(corpusRoot, HoldoutDataName, holdoutData, WrittenDataName, nil)
	if err != nil {
		return nil, err
	}
	seen, err := ParseCorpus(CorpusDataName, corpusData)
	if err != nil {
		return nil, err
	}
	return withoutSeen(exs, seen), nil
}

// withoutSeen drops the corpus examples that overlap a span of seen and
// marks the rest held out.
func withoutSeen(exs []Example, seen []CorpusRecord) []Example {
	spans := map[string][][2]int{}
	for _, r := range seen {
		spans[r.File] = append(spans[r.File], [2]int{r.Start, r.End})
	}
	out := exs[:0]
	for _, ex := range exs {
		overlap := false
		for _, s := range spans[ex.File] {
			if s[0] < ex.End && ex.Start < s[1] {
				overlap = true
				break
			}
		}
		if !overlap {
			ex.Split = SplitHoldout
			out = append(out, ex)
		}
	}
	return out
}
