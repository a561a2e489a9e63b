package devset

import (
	"fmt"
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
