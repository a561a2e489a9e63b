package devset

import (
	"math"
	"strings"
	"testing"
)

func TestEvaluateArithmetic(t *testing.T) {
	he, cf, ch, dt := "blame/human-error", "blame/counterfactual", "theme/change", "theme/detection"
	exs := []Example{
		{Text: "a", Split: SplitDev, Source: SourceCorpus, Labels: []string{he, ch}},              // pred he, ch: 2 TP
		{Text: "b", Split: SplitDev, Source: SourceCorpus, Labels: []string{cf}},                  // pred he: FP he, FN cf
		{Text: "c", Split: SplitDev, Source: SourceWritten, Labels: nil},                          // pred ch: FP ch
		{Text: "d", Split: SplitDev, Source: SourceWritten, Labels: []string{he, dt}},             // pred he: TP he, FN dt
		{Text: "e", Split: SplitTest, Source: SourceCorpus, Labels: []string{ch}, Enriched: true}, // pred nothing: FN ch
	}
	pred := map[string][]string{
		"a": {he, ch},
		"b": {he, "blame/not-a-label"},
		"c": {ch, ch},
		"d": {he},
	}
	r := Evaluate(exs, func(text string) []string { return pred[text] })
	dev, ok := r.Group("dev")
	if !ok {
		t.Fatal("no dev group")
	}
	if dev.Sentences != 4 {
		t.Errorf("dev sentences = %d, want 4", dev.Sentences)
	}
	check := func(name string, got, want Counts) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
	check("dev human-error", dev.Labels[he], Counts{TP: 2, FP: 1, FN: 0})
	check("dev counterfactual", dev.Labels[cf], Counts{TP: 0, FP: 0, FN: 1})
	check("dev change", dev.Labels[ch], Counts{TP: 1, FP: 1, FN: 0})
	check("dev detection", dev.Labels[dt], Counts{TP: 0, FP: 0, FN: 1})
	check("dev micro blame", dev.Kinds[KindBlame], Counts{TP: 2, FP: 1, FN: 1})
	check("dev micro theme", dev.Kinds[KindTheme], Counts{TP: 1, FP: 1, FN: 1})
	check("dev micro assumption", dev.Kinds[KindAssumption], Counts{})
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	b := dev.Kinds[KindBlame]
	near("blame P", b.Precision(), 2.0/3)
	near("blame R", b.Recall(), 2.0/3)
	near("blame F1", b.F1(), 2.0/3)
	h := dev.Labels[he]
	near("human-error P", h.Precision(), 2.0/3)
	near("human-error R", h.Recall(), 1)
	near("human-error F1", h.F1(), 0.8)

	dc, _ := r.Group("dev/corpus")
	check("dev/corpus human-error", dc.Labels[he], Counts{TP: 1, FP: 1})
	dw, _ := r.Group("dev/written")
	check("dev/written change", dw.Labels[ch], Counts{FP: 1})
	dwf, _ := r.Group("dev/corpus/whole-file")
	check("dev/corpus/whole-file human-error", dwf.Labels[he], Counts{TP: 1, FP: 1})
	te, _ := r.Group("test/corpus/enriched")
	check("test/corpus/enriched change", te.Labels[ch], Counts{FN: 1})
	test, _ := r.Group("test")
	check("test change", test.Labels[ch], Counts{FN: 1})
	near("test change P (nothing predicted)", test.Labels[ch].Precision(), 0)
	if _, ok := r.Group("test/written"); ok {
		t.Error("empty group test/written reported")
	}
	var names []string
	for _, g := range r.Groups {
		names = append(names, g.Name)
	}
	if strings.Join(names, ",") != "dev,test,dev/corpus,dev/written,test/corpus,dev/corpus/whole-file,test/corpus/enriched" {
		t.Errorf("groups %v", names)
	}

	s := r.String()
	for _, want := range []string{
		"== dev (4 sentences)",
		"blame/human-error                    2     2     1     0  0.667  1.000  0.800",
		"micro blame                          3     2     1     1  0.667  0.667  0.667",
		"blame/judgmental                     0     0     0     0      -      -      -",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
}
