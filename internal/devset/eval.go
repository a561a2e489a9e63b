package devset

import (
	"fmt"
	"sort"
	"strings"
)

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP), 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when there is nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 2TP/(2TP+FP+FN).
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

// Support is the number of gold positives, TP+FN.
func (c Counts) Support() int { return c.TP + c.FN }

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Group is the score of one slice of the examples.
type Group struct {
	Name      string            // "dev", "test", "dev/corpus", ...
	Sentences int               // examples in the group
	Labels    map[string]Counts // per "kind/label" (every built-in label)
	Kinds     map[string]Counts // micro-averaged per kind (sum over its labels)
}

// Report holds the groups of an evaluation, in order: each split, each
// split by source, then each split's corpus part by selection.
type Report struct {
	Groups []Group
}

// Group returns the group of the given name and whether it exists.
func (r Report) Group(name string) (Group, bool) {
	for _, g := range r.Groups {
		if g.Name == name {
			return g, true
		}
	}
	return Group{}, false
}

// Evaluate runs predict on every example and scores the predicted labels
// ("kind/label"; unknown or duplicate predictions are ignored) against the
// gold labels, per label and micro-averaged per kind, grouped by split
// ("dev", "test", "holdout"), by split and source ("dev/corpus", "test/written", ...)
// and, for corpus sentences, by how they were chosen ("test/corpus/whole-file":
// every sentence of a file, an unbiased sample of real text;
// "test/corpus/enriched": picked for cue words, so rare labels have support
// but precision there is not representative). Groups with no examples are
// left out.
func Evaluate(examples []Example, predict func(text string) []string) Report {
	names := []string{SplitDev, SplitTest, SplitHoldout}
	for _, sp := range []string{SplitDev, SplitTest, SplitHoldout} {
		for _, so := range []string{SourceCorpus, SourceWritten} {
			names = append(names, sp+"/"+so)
		}
	}
	for _, sp := range []string{SplitDev, SplitTest} {
		names = append(names, sp+"/corpus/whole-file", sp+"/corpus/enriched")
	}
	groups := map[string]*Group{}
	for _, n := range names {
		g := &Group{Name: n, Labels: map[string]Counts{}, Kinds: map[string]Counts{}}
		for _, l := range AllLabels() {
			g.Labels[l] = Counts{}
		}
		for _, k := range Kinds {
			g.Kinds[k] = Counts{}
		}
		groups[n] = g
	}
	for _, ex := range examples {
		pred := map[string]bool{}
		for _, l := range predict(ex.Text) {
			if known[l] {
				pred[l] = true
			}
		}
		gold := map[string]bool{}
		for _, l := range ex.Labels {
			gold[l] = true
		}
		gnames := []string{ex.Split, ex.Split + "/" + ex.Source}
		if ex.Source == SourceCorpus {
			part := "whole-file"
			if ex.Enriched {
				part = "enriched"
			}
			gnames = append(gnames, ex.Split+"/corpus/"+part)
		}
		for _, gname := range gnames {
			g, ok := groups[gname]
			if !ok {
				continue
			}
			g.Sentences++
			for _, l := range AllLabels() {
				var c Counts
				switch {
				case gold[l] && pred[l]:
					c.TP = 1
				case pred[l]:
					c.FP = 1
				case gold[l]:
					c.FN = 1
				default:
					continue
				}
				lc := g.Labels[l]
				lc.add(c)
				g.Labels[l] = lc
				kc := g.Kinds[KindOf(l)]
				kc.add(c)
				g.Kinds[KindOf(l)] = kc
			}
		}
	}
	var r Report
	for _, n := range names {
		if groups[n].Sentences > 0 {
			r.Groups = append(r.Groups, *groups[n])
		}
	}
	return r
}

// String prints one aligned table per group: every label, then the micro
// average of each kind. P/R/F1 show "-" when undefined (no predictions or
// no gold positives).
func (r Report) String() string {
	var b strings.Builder
	for gi, g := range r.Groups {
		if gi > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "== %s (%d sentences)\n", g.Name, g.Sentences)
		fmt.Fprintf(&b, "%-30s %7s %5s %5s %5s %6s %6s %6s\n", "label", "support", "tp", "fp", "fn", "P", "R", "F1")
		row := func(name string, c Counts) {
			fmt.Fprintf(&b, "%-30s %7d %5d %5d %5d %6s %6s %6s\n", name, c.Support(), c.TP, c.FP, c.FN,
				num(c.TP+c.FP, c.Precision()), num(c.TP+c.FN, c.Recall()), num(2*c.TP+c.FP+c.FN, c.F1()))
		}
		labels := make([]string, 0, len(g.Labels))
		for l := range g.Labels {
			labels = append(labels, l)
		}
		order := map[string]int{}
		for i, l := range AllLabels() {
			order[l] = i
		}
		sort.Slice(labels, func(i, j int) bool { return order[labels[i]] < order[labels[j]] })
		for _, l := range labels {
			row(l, g.Labels[l])
		}
		for _, k := range Kinds {
			row("micro "+k, g.Kinds[k])
		}
	}
	return b.String()
}

func num(den int, v float64) string {
	if den == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}
