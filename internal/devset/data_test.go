package devset

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestCommittedDataSize checks the size promised by issue 8: at least 1,500
// labelled corpus sentences (1,200 of them from files labelled whole) and
// 300 written ones, and that every built-in label has positives in the
// corpus part and in the written part. It reads only the committed files.
func TestCommittedDataSize(t *testing.T) {
	recs, err := ParseCorpus(CorpusDataName, corpusData)
	if err != nil {
		t.Fatal(err)
	}
	written, err := parseWritten(WrittenDataName, writtenData)
	if err != nil {
		t.Fatal(err)
	}
	whole, files := 0, map[string]bool{}
	corpusLabels, writtenLabels := map[string]int{}, map[string]int{}
	orgs := map[string]map[string]bool{SplitDev: {}, SplitTest: {}}
	for _, r := range recs {
		if !r.Enriched {
			whole++
			files[r.File] = true
			org := r.File[strings.Index(r.File, "/")+1:]
			if i := strings.Index(org, "__"); i >= 0 {
				orgs[r.Split][org[:i]] = true
			}
		}
		for _, l := range r.Labels {
			corpusLabels[l]++
		}
	}
	for _, ex := range written {
		for _, l := range ex.Labels {
			writtenLabels[l]++
		}
	}
	if len(recs) < 1500 {
		t.Errorf("%d corpus sentences, want at least 1500", len(recs))
	}
	if whole < 1200 {
		t.Errorf("%d corpus sentences from whole files, want at least 1200", whole)
	}
	if len(written) < 300 {
		t.Errorf("%d written sentences, want at least 300", len(written))
	}
	for split, o := range orgs {
		if len(o) < 4 {
			t.Errorf("whole files of split %s come from %d organisations, want several", split, len(o))
		}
	}
	for _, l := range AllLabels() {
		if corpusLabels[l] == 0 {
			t.Errorf("label %s has no corpus positive", l)
		}
		if writtenLabels[l] == 0 {
			t.Errorf("label %s has no written positive", l)
		}
	}
	t.Logf("%d corpus sentences (%d from %d whole files), %d written", len(recs), whole, len(files), len(written))
}

// TestLabelsMatchTaxonomy checks Labels against the tables of TAXONOMY.md
// (the public contract), when the shared copy is present.
func TestLabelsMatchTaxonomy(t *testing.T) {
	b, err := os.ReadFile("../../../shared/TAXONOMY.md")
	if os.IsNotExist(err) {
		t.Skip("skipping: ../shared/TAXONOMY.md not found")
	}
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	kind := ""
	reKind := regexp.MustCompile("^## kind `([a-z-]+)`")
	reRow := regexp.MustCompile("^\\| `([a-z-]+)` \\|")
	for _, line := range strings.Split(string(b), "\n") {
		if m := reKind.FindStringSubmatch(line); m != nil {
			kind = m[1]
			continue
		}
		if strings.HasPrefix(line, "## ") {
			kind = ""
		}
		if m := reRow.FindStringSubmatch(line); m != nil && kind != "" {
			want = append(want, kind+"/"+m[1])
		}
	}
	got := AllLabels()
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("labels differ from TAXONOMY.md:\n got %v\nwant %v", got, want)
	}
}
