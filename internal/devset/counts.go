package devset

import (
	"fmt"
	"sort"
	"strings"
)

// CountTable renders a Markdown table of gold positives per label for each
// split and source (columns dev/corpus, dev/written, test/corpus,
// test/written), plus rows for the number of sentences and of negatives.
// The README's count table is generated with it.
func CountTable(examples []Example) string {
	cols := []string{"dev/corpus", "dev/written", "test/corpus", "test/written"}
	count := map[string]map[string]int{}
	for _, c := range cols {
		count[c] = map[string]int{}
	}
	for _, ex := range examples {
		c := ex.Split + "/" + ex.Source
		if count[c] == nil {
			continue
		}
		count[c]["sentences"]++
		if len(ex.Labels) == 0 {
			count[c]["negatives"]++
		}
		if ex.Enriched {
			count[c]["enriched"]++
		}
		for _, l := range ex.Labels {
			count[c][l]++
		}
	}
	var b strings.Builder
	b.WriteString("| label | " + strings.Join(cols, " | ") + " |\n")
	b.WriteString("| --- |" + strings.Repeat(" ---: |", len(cols)) + "\n")
	rows := append([]string{"sentences", "enriched", "negatives"}, AllLabels()...)
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s |", r)
		for _, c := range cols {
			fmt.Fprintf(&b, " %d |", count[c][r])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// WholeFileTable renders a Markdown table of the corpus files whose every
// candidate sentence is labelled (non-enriched examples): file, split and
// number of labelled sentences, sorted by file.
func WholeFileTable(examples []Example) string {
	n := map[string]int{}
	split := map[string]string{}
	for _, ex := range examples {
		if ex.Source != SourceCorpus || ex.Enriched {
			continue
		}
		n[ex.File]++
		split[ex.File] = ex.Split
	}
	files := make([]string, 0, len(n))
	for f := range n {
		files = append(files, f)
	}
	sort.Strings(files)
	var b strings.Builder
	b.WriteString("| file labelled whole | split | sentences |\n| --- | --- | ---: |\n")
	for _, f := range files {
		fmt.Fprintf(&b, "| %s | %s | %d |\n", f, split[f], n[f])
	}
	return b.String()
}
