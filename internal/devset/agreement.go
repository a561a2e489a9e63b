package devset

import (
	_ "embed" // data file
	"fmt"
	"math"
	"strings"
)

// SecondDataName is the second labelling's file as reported in errors.
const SecondDataName = "internal/devset/data/second.jsonl"

// secondData is a second, independent labelling of some whole test files
// of corpus.jsonl (same record shape), used only to measure
// inter-annotator agreement; it is not part of the examples Load returns.
//
//go:embed data/second.jsonl
var secondData []byte

// SecondLabelling returns the records of data/second.jsonl, validated as
// ParseCorpus does.
func SecondLabelling() ([]CorpusRecord, error) { return ParseCorpus(SecondDataName, secondData) }

// AgreementReport compares a second, independent labelling of corpus
// sentences with the first one (data/corpus.jsonl). Labeller 1 plays the
// gold role and labeller 2 the prediction: TP = both gave the label, FP =
// only labeller 2, FN = only labeller 1. F1 is symmetric in the two
// labellers; precision and recall swap when the roles do.
type AgreementReport struct {
	Files      int               // corpus files of the second labelling
	Sentences  int               // sentences labelled by both (same file, start and end)
	OnlyFirst  int               // sentences of those files that only labeller 1 kept
	OnlySecond int               // sentences that only labeller 2 kept
	Labels     map[string]Counts // per "kind/label" over the shared sentences
	Kinds      map[string]Counts // micro-averaged per kind (sum over its labels)
	Presence   map[string]Counts // per kind: the sentence has at least one label of the kind
}

// Agreement matches the records of second with those of first by file,
// start and end and counts, over the sentences both kept, how labeller 2
// agrees with labeller 1 per label, per kind (micro) and on the presence
// of each kind in a sentence (the basis of KindKappa). Records of first in
// files that second does not cover are ignored, so first can be the whole
// corpus.jsonl.
func Agreement(first, second []CorpusRecord) AgreementReport {
	type key struct {
		file       string
		start, end int
	}
	r := AgreementReport{Labels: map[string]Counts{}, Kinds: map[string]Counts{}, Presence: map[string]Counts{}}
	for _, l := range AllLabels() {
		r.Labels[l] = Counts{}
	}
	for _, k := range Kinds {
		r.Kinds[k] = Counts{}
		r.Presence[k] = Counts{}
	}
	files := map[string]bool{}
	for _, s := range second {
		files[s.File] = true
	}
	r.Files = len(files)
	firstBy := map[key]CorpusRecord{}
	for _, f := range first {
		if files[f.File] {
			firstBy[key{f.File, f.Start, f.End}] = f
		}
	}
	matched := map[key]bool{}
	for _, s := range second {
		k := key{s.File, s.Start, s.End}
		f, ok := firstBy[k]
		if !ok {
			r.OnlySecond++
			continue
		}
		matched[k] = true
		r.Sentences++
		gold, pred := labelSet(f.Labels), labelSet(s.Labels)
		for _, l := range AllLabels() {
			c := cell(gold[l], pred[l])
			r.Labels[l] = plus(r.Labels[l], c)
			r.Kinds[KindOf(l)] = plus(r.Kinds[KindOf(l)], c)
		}
		for _, kind := range Kinds {
			r.Presence[kind] = plus(r.Presence[kind], cell(hasKind(gold, kind), hasKind(pred, kind)))
		}
	}
	r.OnlyFirst = len(firstBy) - len(matched)
	return r
}

func labelSet(labels []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range labels {
		m[l] = true
	}
	return m
}

func hasKind(labels map[string]bool, kind string) bool {
	for l := range labels {
		if KindOf(l) == kind {
			return true
		}
	}
	return false
}

// cell is the contribution of one sentence: gold is labeller 1, pred labeller 2.
func cell(gold, pred bool) Counts {
	switch {
	case gold && pred:
		return Counts{TP: 1}
	case pred:
		return Counts{FP: 1}
	case gold:
		return Counts{FN: 1}
	}
	return Counts{}
}

func plus(a, b Counts) Counts { a.add(b); return a }

// Kappa is Cohen's kappa of a binary decision taken by both labellers on
// n items, c counting the items both said yes (TP), only labeller 2 (FP)
// and only labeller 1 (FN); the rest (n-TP-FP-FN) both said no. ok is
// false when kappa is undefined (chance agreement is 1: both labellers
// gave the same answer to every item).
func Kappa(c Counts, n int) (kappa float64, ok bool) {
	tn := n - c.TP - c.FP - c.FN
	if n <= 0 || tn < 0 {
		return 0, false
	}
	fn := float64(n)
	po := float64(c.TP+tn) / fn
	yes1, yes2 := float64(c.TP+c.FN)/fn, float64(c.TP+c.FP)/fn
	pe := yes1*yes2 + (1-yes1)*(1-yes2)
	if pe >= 1 {
		return 0, false
	}
	return (po - pe) / (1 - pe), true
}

// KindKappa is Cohen's kappa, over the shared sentences, of the decision
// "this sentence carries a label of this kind".
func (r AgreementReport) KindKappa(kind string) (float64, bool) {
	return Kappa(r.Presence[kind], r.Sentences)
}

// LabelKappa is Cohen's kappa of one label over the shared sentences.
func (r AgreementReport) LabelKappa(label string) (float64, bool) {
	return Kappa(r.Labels[label], r.Sentences)
}

// String prints the agreement table: per kind the micro P/R/F1 of
// labeller 2 against labeller 1, the presence F1 and Cohen's kappa, then
// per label the counts, F1 and kappa. Undefined values print as "-".
func (r AgreementReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "== agreement of labeller 2 with labeller 1: %d files, %d shared sentences (%d kept only by labeller 1, %d only by labeller 2)\n",
		r.Files, r.Sentences, r.OnlyFirst, r.OnlySecond)
	fmt.Fprintf(&b, "%-30s %5s %5s %5s %6s %6s %6s %11s %6s\n", "kind (micro over labels)", "tp", "fp", "fn", "P", "R", "F1", "presence-F1", "kappa")
	for _, k := range Kinds {
		c, p := r.Kinds[k], r.Presence[k]
		kappa, ok := r.KindKappa(k)
		fmt.Fprintf(&b, "%-30s %5d %5d %5d %6s %6s %6s %11s %6s\n", k, c.TP, c.FP, c.FN,
			num(c.TP+c.FP, c.Precision()), num(c.TP+c.FN, c.Recall()), num(2*c.TP+c.FP+c.FN, c.F1()),
			num(2*p.TP+p.FP+p.FN, p.F1()), kappaString(kappa, ok))
	}
	fmt.Fprintf(&b, "%-30s %5s %5s %5s %5s %6s %6s\n", "label", "l1", "l2", "both", "", "F1", "kappa")
	for _, l := range AllLabels() {
		c := r.Labels[l]
		kappa, ok := r.LabelKappa(l)
		fmt.Fprintf(&b, "%-30s %5d %5d %5d %5s %6s %6s\n", l, c.TP+c.FN, c.TP+c.FP, c.TP, "",
			num(2*c.TP+c.FP+c.FN, c.F1()), kappaString(kappa, ok))
	}
	return b.String()
}

func kappaString(k float64, ok bool) string {
	if !ok || math.IsNaN(k) {
		return "-"
	}
	return fmt.Sprintf("%.3f", k)
}
