package devset

import (
	_ "embed" // data files
	"errors"
)

// Held-out label files as reported in errors.
const (
	HoldoutDataName        = "internal/devset/data/holdout.jsonl"
	HoldoutWrittenDataName = "internal/devset/data/holdout-written.jsonl"
)

// SplitHoldout is the Split of every example LoadHoldout returns.
const SplitHoldout = "holdout"

//go:embed data/holdout.jsonl
var holdoutData []byte

//go:embed data/holdout-written.jsonl
var holdoutWrittenData []byte

// HoldoutWrittenRecord is one line of data/holdout-written.jsonl: a
// sentence of a postmortem written for the held-out set by a writer who
// never saw the code or the rules, labelled by that writer against
// TAXONOMY.md. Doc names the postmortem the sentence is from.
type HoldoutWrittenRecord struct {
	ID     string   `json:"id"`
	Doc    string   `json:"doc"`
	Text   string   `json:"text"`
	Style  string   `json:"style"`
	Labels []string `json:"labels"`
}

// LoadHoldout returns the held-out set: whole corpus files labelled after
// the rules they score were written, by annotators who saw only
// TAXONOMY.md and the labelling decisions (never the rules, the tagger's
// output or the other label files), and read only once per stop, at its
// end. Records have the shape of data/corpus.jsonl (their split field is
// the file's split by SplitOf, for when they are folded into corpus.jsonl
// later); every returned example has Split SplitHoldout. Sentences whose
// span overlaps a record of corpus.jsonl (labelled earlier, and tuned on)
// are left out. Without the corpus it returns an error wrapping
// ErrNoCorpus, and the written held-out sentences (LoadHoldoutWritten).
func LoadHoldout(corpusRoot string) ([]Example, error) {
	written, err := LoadHoldoutWritten()
	if err != nil {
		return nil, err
	}
	exs, err := LoadData(corpusRoot, HoldoutDataName, holdoutData, WrittenDataName, nil)
	if err != nil {
		return written, err
	}
	seen, err := ParseCorpus(CorpusDataName, corpusData)
	if err != nil {
		return nil, err
	}
	return append(withoutSeen(exs, seen), written...), nil
}

// LoadHoldoutWritten returns the sentences of data/holdout-written.jsonl
// (postmortems of fictional companies written, split into sentences and
// labelled by writers who never saw the code or the rules), with source
// SourceWritten and split SplitHoldout. It needs no corpus.
func LoadHoldoutWritten() ([]Example, error) {
	return parseHoldoutWritten(HoldoutWrittenDataName, holdoutWrittenData)
}

func parseHoldoutWritten(name string, data []byte) ([]Example, error) {
	var out []Example
	seen := map[string]bool{}
	err := eachLine(name, data, func(n int, b []byte) error {
		var r HoldoutWrittenRecord
		if err := strictJSON(b, &r); err != nil {
			return err
		}
		if r.Doc == "" {
			return errors.New("doc is required")
		}
		ex, err := writtenExample(seen, r.ID, r.Text, r.Style, r.Labels, SplitHoldout)
		if err != nil {
			return err
		}
		out = append(out, ex)
		return nil
	})
	return out, err
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
