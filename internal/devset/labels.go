// Package devset is the labelled development set of debrief's sentence
// tagger and the harness that scores a tagger on it.
//
// The set has two parts, both committed under data/:
//
//   - data/corpus.jsonl: sentences of the real postmortems in
//     ../shared/corpus, referred to by file and raw byte offsets plus a
//     sha256 prefix of the raw span. No corpus text is stored in the
//     repository: Load reads the corpus at run time, checks every sha and
//     derives the text the tagger sees with Clean.
//   - data/written.jsonl: sentences written for this set in other styles
//     (tickets, Slack, formal RCA, non-native English, fragments), with
//     hard negatives and the boundary cases of TAXONOMY.md.
//
// Labels follow the "Labelling conventions" of TAXONOMY.md (kinds blame,
// assumption and theme). Splits are deterministic (see SplitOf) and by
// file for corpus sentences, so no document contributes to both dev and
// test. Evaluate scores a predict function per label, per kind and per
// split; tune on "dev", report on "test".
package devset

import (
	"fmt"
	"sort"

	"github.com/debrief-dev/debrief/taxonomy"
)

// Kinds of labels (package taxonomy's).
const (
	KindBlame      = taxonomy.Blame
	KindAssumption = taxonomy.Assumption
	KindTheme      = taxonomy.Theme
)

// Kinds lists the label kinds in report order.
var Kinds = taxonomy.Kinds()

// Labels lists the built-in labels of each kind, in TAXONOMY.md order, as
// package taxonomy defines them. A label in a data file is written
// "kind/label" (for example "blame/human-error"). The list is checked
// against TAXONOMY.md by the tests when ../shared/TAXONOMY.md exists.
var Labels = func() map[string][]string {
	m := map[string][]string{}
	for _, k := range taxonomy.Kinds() {
		m[k] = taxonomy.Labels(k)
	}
	return m
}()

// AllLabels returns every "kind/label" in report order.
func AllLabels() []string {
	var out []string
	for _, k := range Kinds {
		for _, l := range Labels[k] {
			out = append(out, k+"/"+l)
		}
	}
	return out
}

var known = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range AllLabels() {
		m[l] = true
	}
	return m
}()

// KnownLabel reports whether full ("kind/label") is a built-in label.
func KnownLabel(full string) bool { return known[full] }

// KindOf returns the kind part of a "kind/label" name.
func KindOf(full string) string {
	for i := 0; i < len(full); i++ {
		if full[i] == '/' {
			return full[:i]
		}
	}
	return ""
}

// normLabels validates labels and returns them sorted and deduplicated.
func normLabels(labels []string) ([]string, error) {
	seen := map[string]bool{}
	out := make([]string, 0, len(labels))
	for _, l := range labels {
		if !known[l] {
			return nil, fmt.Errorf("unknown label %q (want kind/label with kind blame, assumption or theme and a label of TAXONOMY.md)", l)
		}
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out, nil
}
