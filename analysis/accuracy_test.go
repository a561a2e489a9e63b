package analysis

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
)

// labelledSentence is one line of testdata/labelled.jsonl: a sentence we
// wrote and the set of "kind/label" tags a careful reader gives it. These
// 448 sentences were written while the rules were tuned: they are tuning
// examples, not a measure of accuracy (TestHeldOutAccuracy in
// devset_test.go scores held-out real text).
type labelledSentence struct {
	Text   string   `json:"text"`
	Labels []string `json:"labels"`
}

func loadLabelled(t *testing.T) []labelledSentence {
	t.Helper()
	f, err := os.Open("testdata/labelled.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }() // read-only
	var out []labelledSentence
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var ls labelledSentence
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ls); err != nil {
			t.Fatalf("testdata/labelled.jsonl:%d: %v", line, err)
		}
		for _, l := range ls.Labels {
			kind, label, ok := strings.Cut(l, "/")
			if !ok || !contains(Labels[kind], label) {
				t.Fatalf("testdata/labelled.jsonl:%d: unknown label %q", line, l)
			}
		}
		out = append(out, ls)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type counts struct{ tp, fp, fn int }

func (c counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// TestTuningExamples tags every sentence of the tuning examples
// (testdata/labelled.jsonl) and compares the set of kind/label tags with
// the gold labels: per-label precision, recall and F1 (logged as a table)
// and micro-F1 per kind, which must stay above the floors below. It guards
// against regressions on cases the rules were written for; its figures
// are not held-out accuracy (see TestHeldOutAccuracy).
func TestTuningExamples(t *testing.T) {
	data := loadLabelled(t)
	if len(data) < 400 {
		t.Fatalf("labelled set has %d sentences, want >= 400", len(data))
	}
	a := Default()
	per := map[string]*counts{}
	for kind, labels := range Labels {
		for _, l := range labels {
			per[kind+"/"+l] = &counts{}
		}
	}
	var errs []string
	for _, ls := range data {
		gold := map[string]bool{}
		for _, l := range ls.Labels {
			gold[l] = true
		}
		got := map[string]bool{}
		for _, f := range a.AnalyzeText(ls.Text) {
			got[f.Kind+"/"+f.Label] = true
		}
		for l, c := range per {
			switch {
			case gold[l] && got[l]:
				c.tp++
			case got[l]:
				c.fp++
				errs = append(errs, fmt.Sprintf("FP %-28s %s", l, ls.Text))
			case gold[l]:
				c.fn++
				errs = append(errs, fmt.Sprintf("FN %-28s %s", l, ls.Text))
			}
		}
	}
	var labels []string
	for l := range per {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-30s %5s %5s %5s %6s %6s %6s\n", "label", "tp", "fp", "fn", "P", "R", "F1")
	micro := map[string]*counts{}
	for _, l := range labels {
		c := per[l]
		p, r, f := c.prf()
		fmt.Fprintf(&b, "%-30s %5d %5d %5d %6.3f %6.3f %6.3f\n", l, c.tp, c.fp, c.fn, p, r, f)
		kind, _, _ := strings.Cut(l, "/")
		if micro[kind] == nil {
			micro[kind] = &counts{}
		}
		micro[kind].tp += c.tp
		micro[kind].fp += c.fp
		micro[kind].fn += c.fn
		if c.tp+c.fn == 0 {
			t.Errorf("label %s has no positive example in the labelled set", l)
		}
	}
	floors := map[string]float64{model.KindBlame: 0.90, model.KindAssumption: 0.80, model.KindTheme: 0.75}
	for _, kind := range []string{model.KindBlame, model.KindAssumption, model.KindTheme} {
		p, r, f := micro[kind].prf()
		fmt.Fprintf(&b, "%-30s %5d %5d %5d %6.3f %6.3f %6.3f\n", "micro "+kind, micro[kind].tp, micro[kind].fp, micro[kind].fn, p, r, f)
		if f < floors[kind] {
			t.Errorf("%s micro-F1 = %.3f, want >= %.2f", kind, f, floors[kind])
		}
	}
	t.Logf("%d labelled sentences%s", len(data), b.String())
	if testing.Verbose() || t.Failed() {
		sort.Strings(errs)
		t.Logf("errors:\n%s", strings.Join(errs, "\n"))
	}
}
