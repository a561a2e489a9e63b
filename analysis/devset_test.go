package analysis_test

import (
	"errors"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/internal/devset"
)

// corpusRoot is ../shared/corpus seen from the repository root.
const corpusRoot = "../../shared/corpus"

// heldOutFloors are the micro-F1 per kind that the built-in tagger (rules
// + learned layer) must keep on the TEST split of internal/devset: a
// regression guard just under what was measured at the end of the stop of
// 2026-12-07. Until then the test split was held out (read once per stop:
// blame 0.788, assumption 0.715, theme 0.672 at e428a92); that stop tuned
// the rules on its errors and folded the first holdout set into it, so
// these are tuning figures now; the held-out figure is the holdout set's
// (TestHoldoutAccuracy).
//
// The second stop of that day folded written holdout round 2 into the
// devset (its test part: 271 sentences in four styles the rules had not
// been tuned on), which took the test split from 0.813 / 0.814 / 0.752 to
// 0.744 / 0.794 / 0.732 with the same rules; that stop's rules (from
// written round 3's misses and the dev split's) give 0.779 / 0.797 /
// 0.732.
//
// The stop after it folded written round 3 into the devset (its test part:
// 268 sentences, which that earlier stop's rules had been tuned on as the
// holdout set), giving 0.777 / 0.807 / 0.722 with the same rules.
//
// The fourth stop of that day folded written round 4 into the devset (its
// test part: 291 sentences in four styles never tuned on), which took the
// test split to 0.754 / 0.772 / 0.710 with the same rules; rules from the
// dev split's errors (round 4's dev part among them) give 0.762 / 0.782 /
// 0.710.
//
// On 2026-12-08 written round 5 was folded in (its test part: 282
// sentences in four styles never tuned on), which took the test split to
// 0.756 / 0.767 / 0.692 with the same rules (blame precision 0.856);
// rules from the dev split's errors (round 5's dev part among them) give
// 0.756 / 0.776 / 0.692. Later that day written round 6 was folded in
// (285 test sentences): 0.748 / 0.769 / 0.680 with the same rules; rules
// from its dev part give 0.745 / 0.778 / 0.687. The next stop folded
// written round 7 in (286 test sentences, read once as the holdout set and
// never tuned on): 0.749 / 0.769 / 0.679 with the same rules (blame
// precision 0.866); rules from its dev part give 0.753 / 0.775 / 0.683.
// Later that day written round 8 was folded in (284 test sentences):
// 0.746 / 0.772 / 0.677 (blame precision 0.857). The next stop folded
// round 9 in (287 test sentences): 0.736 / 0.773 / 0.671 with the same
// rules (blame precision 0.854).
var heldOutFloors = map[string]float64{
	devset.KindBlame:      0.73, // measured 0.736 (rules only: the trained layer is empty)
	devset.KindAssumption: 0.76, // measured 0.773
	devset.KindTheme:      0.67, // measured 0.671
}

// blamePrecisionFloor guards precision of blame on the test split
// (measured 0.855 after the fold of written round 6; the target is 0.85).
const blamePrecisionFloor = 0.85

func predictor(a *analysis.Analyzer) func(string) []string {
	return func(text string) []string {
		var out []string
		for _, f := range a.AnalyzeText(text) {
			out = append(out, f.Kind+"/"+f.Label)
		}
		return out
	}
}

// reWrittenSentenceID is a written postmortem's sentence id,
// "hz4-3-084": writer round and number, document, sentence.
var reWrittenSentenceID = regexp.MustCompile(`^(h[a-z]+\d+-\d+)-\d+$`)

// docOf is the document an example belongs to: its corpus file, or the
// written postmortem of its id; "" for a sentence written alone.
func docOf(ex devset.Example) string {
	if ex.File != "" {
		return ex.File
	}
	if m := reWrittenSentenceID.FindStringSubmatch(ex.ID); m != nil {
		return m[1]
	}
	return ""
}

// docPredictor tags each document's sentences together
// (Analyzer.AnalyzeSentences, so that document-level rules see the whole
// writeup) and answers for a sentence by its text; a sentence of no
// document is tagged alone.
func docPredictor(a *analysis.Analyzer, exs []devset.Example) func(string) []string {
	docs := map[string][]string{}
	var order []string
	for _, ex := range exs {
		d := docOf(ex)
		if d == "" {
			continue
		}
		if _, ok := docs[d]; !ok {
			order = append(order, d)
		}
		docs[d] = append(docs[d], ex.Text)
	}
	labels := map[string][]string{}
	for _, d := range order {
		sents := docs[d]
		per := make([][]string, len(sents))
		for _, f := range a.AnalyzeSentences(sents) {
			per[f.Sentence] = append(per[f.Sentence], f.Kind+"/"+f.Label)
		}
		for i, s := range sents {
			labels[s] = per[i]
		}
	}
	alone := predictor(a)
	return func(text string) []string {
		if l, ok := labels[text]; ok {
			return l
		}
		return alone(text)
	}
}

func loadDevset(t *testing.T) []devset.Example {
	t.Helper()
	exs, err := devset.Load(corpusRoot)
	if errors.Is(err, devset.ErrNoCorpus) {
		t.Skipf("skipping the held-out accuracy test: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) == 0 {
		t.Skip("internal/devset has no labelled sentences yet")
	}
	return exs
}

// TestHeldOutAccuracy scores the built-in tagger on internal/devset and
// logs per-label P/R/F1: the TEST split (the honest figure: neither the
// rules nor the learned layer were tuned on it), the dev split with
// the learned layer's k-fold cross-validation (by document; the rules were
// tuned on dev, so the rules' dev figures are optimistic), and the written
// sentences. It fails when a kind's micro-F1 on the test split drops below
// heldOutFloors. Only aggregate figures of the test split are printed.
func TestHeldOutAccuracy(t *testing.T) {
	exs := loadDevset(t)
	full, err := analysis.New(analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := analysis.New(analysis.Options{NoModel: true})
	if err != nil {
		t.Fatal(err)
	}

	var test, dev []devset.Example
	var train []analysis.TrainExample
	for _, ex := range exs {
		if ex.Split == devset.SplitTest {
			test = append(test, ex)
			continue
		}
		dev = append(dev, ex)
		g := ex.File
		if g == "" {
			g = ex.ID
		}
		train = append(train, analysis.TrainExample{Text: ex.Text, Labels: ex.Labels, Group: g})
	}
	if len(dev) == 0 {
		t.Fatal("devset: no dev-split sentences")
	}
	_, cv, err := analysis.Train(rules, train, analysis.TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("DEV split, learned layer by %d-fold cross-validation (rules tuned on dev):\n%s", cv.Folds, cv)
	if os.Getenv("DEBRIEF_DEVSET_DEV_ERRORS") != "" {
		logDevErrors(t, dev, full)
	}
	if len(test) == 0 {
		t.Skip("devset: no test-split sentences yet; no held-out figure")
	}

	rulesRep := devset.Evaluate(test, predictor(rules))
	rep := devset.Evaluate(test, predictor(full))
	t.Logf("TEST split, rules only:\n%s", groupOnly(rulesRep, devset.SplitTest))
	t.Logf("TEST split, rules + learned layer (the built-in tagger):\n%s", rep)
	docRep := devset.Evaluate(test, docPredictor(full, test))
	t.Logf("TEST split, each document's sentences tagged together (document-level rules):\n%s", groupOnly(docRep, devset.SplitTest))

	g, ok := rep.Group(devset.SplitTest)
	if !ok {
		t.Fatal("no test group in the report")
	}
	for _, k := range devset.Kinds {
		c := g.Kinds[k]
		if f := c.F1(); f < heldOutFloors[k] {
			t.Errorf("test split: %s micro-F1 %.3f < floor %.2f", k, f, heldOutFloors[k])
		}
	}
	if p := g.Kinds[devset.KindBlame].Precision(); p < blamePrecisionFloor {
		t.Errorf("test split: blame precision %.3f < floor %.2f", p, blamePrecisionFloor)
	}
}

// logDevErrors logs the false negatives and positives of the DEV split
// (for tuning rules; never the test split's).
func logDevErrors(t *testing.T, dev []devset.Example, a *analysis.Analyzer) {
	var lines []string
	for _, ex := range dev {
		got := map[string]bool{}
		for _, l := range predictor(a)(ex.Text) {
			got[l] = true
		}
		gold := map[string]bool{}
		for _, l := range ex.Labels {
			gold[l] = true
			if !got[l] {
				lines = append(lines, "FN "+l+"\t"+ex.Text)
			}
		}
		for l := range got {
			if !gold[l] {
				lines = append(lines, "FP "+l+"\t"+ex.Text)
			}
		}
	}
	sort.Strings(lines)
	t.Logf("dev errors:\n%s", strings.Join(lines, "\n"))
}

// groupOnly keeps one group of a report.
func groupOnly(r devset.Report, name string) string {
	g, ok := r.Group(name)
	if !ok {
		return ""
	}
	return devset.Report{Groups: []devset.Group{g}}.String()
}

// holdoutFloors are the micro-F1 per kind the built-in tagger must keep
// on internal/devset's held-out sets, per part: "holdout/corpus" (whole
// corpus files labelled by annotators who never saw the rules) and
// "holdout/written" (postmortems of fictional companies written and
// labelled by writers who never saw the rules). Each is a guard just under
// the figures measured when the set was first read, at the end of the stop
// of 2026-12-07: corpus round 3 blame 0.750 (only 9 labels), assumption
// 0.549, theme 0.719 (the code at the start of that stop: 0.800 / 0.455 /
// 0.689); written round 2 blame 0.549, assumption 0.670, theme 0.611 (at
// the start of the stop: 0.521 / 0.653 / 0.604). Written round 3 replaced
// round 2 in the second stop of that day: read once, 0.562 / 0.664 /
// 0.662; after that stop's rules 0.753 / 0.802 / 0.662 (tuned on, so a
// guard only). Written round 4 replaced round 3 in the third stop of that
// day (round 3 folded into the devset): read once with the rules of
// 348944e, 0.604 / 0.514 / 0.582. Written round 5 replaced round 4 in the
// fourth stop (round 4 folded in): read once with the rules of 9b75585,
// 0.693 / 0.607 / 0.574 (0.693 / 0.600 / 0.574 with the rules at the start
// of that stop). Written round 6 replaced round 5 on 2026-12-08 (round 5
// folded in): read once with the rules of 887e649, 0.675 / 0.670 / 0.540;
// with that day's rules (from round 5's dev part) 0.688 / 0.684 / 0.541.
// Written round 7 replaced round 6 later that day (round 6 folded in):
// read once with the rules of e3e66ac, 0.698 / 0.625 / 0.581; with the
// rules from round 6's dev part, 0.698 / 0.656 / 0.585 (0.590 with each
// document's sentences tagged together, which the named-party rule uses).
// Written round 8 replaced round 7 on the next day (round 7 folded in):
// read once with the rules of 8f1962f, 0.718 / 0.706 / 0.605 (0.609 with
// each document's sentences tagged together). Written round 9 replaced
// round 8 later that day (round 8 folded in): read once with the rules of
// f4e8a5a (from round 7's dev part), 0.614 / 0.705 / 0.580 (blame P 0.80,
// R 0.50; theme 0.589 with each document's sentences tagged together).
// Written round 10 replaced round 9 in the next stop (round 9 folded in):
// read once with the rules of 5b5ac86 (from round 8's dev part), 0.578 /
// 0.633 / 0.563 (blame P 0.67, R 0.51).
var holdoutFloors = map[string]map[string]float64{
	"holdout/corpus": {
		devset.KindBlame:      0.60,
		devset.KindAssumption: 0.52,
		devset.KindTheme:      0.70,
	},
	"holdout/written": {
		devset.KindBlame:      0.57,
		devset.KindAssumption: 0.62,
		devset.KindTheme:      0.55,
	},
}

// TestHoldoutAccuracy scores the built-in tagger on the held-out sets and
// logs per-label P/R/F1; it fails when a kind's micro-F1 drops below
// holdoutFloors. Its sentences are never printed one by one: the sets are
// for measuring, not tuning. Without the corpus only the written part is
// scored.
func TestHoldoutAccuracy(t *testing.T) {
	exs, err := devset.LoadHoldout(corpusRoot)
	if errors.Is(err, devset.ErrNoCorpus) {
		t.Logf("corpus part of the held-out set not scored: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	full, err := analysis.New(analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := devset.Evaluate(exs, predictor(full))
	for _, part := range []string{devset.SplitHoldout + "/" + devset.SourceCorpus, devset.SplitHoldout + "/" + devset.SourceWritten} {
		g, ok := rep.Group(part)
		if !ok {
			t.Logf("no %s sentences", part)
			continue
		}
		t.Logf("%s, the built-in tagger:\n%s", part, groupOnly(rep, part))
		if docRep := devset.Evaluate(exs, docPredictor(full, exs)); true {
			t.Logf("%s, each document's sentences tagged together:\n%s", part, groupOnly(docRep, part))
		}
		for _, k := range devset.Kinds {
			if f := g.Kinds[k].F1(); f < holdoutFloors[part][k] {
				t.Errorf("%s: %s micro-F1 %.3f < floor %.2f", part, k, f, holdoutFloors[part][k])
			}
		}
	}
}
