package analysis

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/model"
)

// docThemeLabel is one line of testdata/doc-themes.jsonl: a corpus file
// (relative to ../shared/corpus) and the 1-4 dominant themes a reader
// named for it. No corpus text is stored. Split is "dev" or "test" by the
// fnv rule, or "holdout": documents labelled by the annotators of
// internal/devset's held-out set (data/holdout.jsonl), after the rules and
// the membership parameters they score were written, read once per stop.
type docThemeLabel struct {
	File   string   `json:"file"`
	Themes []string `json:"themes"`
	Split  string   `json:"split"`
}

// docThemeSplit is the fixed split rule: fnv32a(file) % 10 < 3 is test.
func docThemeSplit(file string) string {
	h := fnv.New32a()
	h.Write([]byte(file))
	if h.Sum32()%10 < 3 {
		return "test"
	}
	return "dev"
}

func loadDocThemeLabels(t *testing.T) []docThemeLabel {
	t.Helper()
	b, err := os.ReadFile("testdata/doc-themes.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	themes := map[string]bool{}
	for _, l := range Labels[model.KindTheme] {
		themes[l] = true
	}
	var out []docThemeLabel
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		var l docThemeLabel
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("doc-themes.jsonl:%d: %v", n, err)
		}
		if len(l.Themes) < 1 || len(l.Themes) > 4 {
			t.Errorf("doc-themes.jsonl:%d: %d themes, want 1-4", n, len(l.Themes))
		}
		for _, th := range l.Themes {
			if !themes[th] {
				t.Errorf("doc-themes.jsonl:%d: unknown theme %q", n, th)
			}
		}
		if want := docThemeSplit(l.File); l.Split != want && l.Split != "holdout" {
			t.Errorf("doc-themes.jsonl:%d: split %q, the fnv rule says %q", n, l.Split, want)
		}
		if seen[l.File] {
			t.Errorf("doc-themes.jsonl:%d: %s labelled twice", n, l.File)
		}
		seen[l.File] = true
		out = append(out, l)
	}
	return out
}

// TestDocThemeLabels checks the label file itself (runs without the corpus).
func TestDocThemeLabels(t *testing.T) {
	ls := loadDocThemeLabels(t)
	orgs := map[string]bool{}
	test := 0
	for _, l := range ls {
		base := filepath.Base(l.File)
		if i := bytes.Index([]byte(base), []byte("__")); i > 0 {
			orgs[base[:i]] = true
		}
		if l.Split == "test" {
			test++
		}
	}
	if len(ls) < 40 || test < 12 || len(orgs) < 8 {
		t.Errorf("%d labelled documents (%d test) from %d organisations; want >= 40, >= 12, 8", len(ls), test, len(orgs))
	}
}

// labelledDoc is a labelled corpus document, parsed and tagged.
type labelledDoc struct {
	label docThemeLabel
	ev    ThemeEvidence
	plain []model.Theme // weights as AnalyzeDocument computes them
}

func loadLabelledDocs(t *testing.T) []labelledDoc {
	t.Helper()
	root := "../../shared/corpus"
	if _, err := os.Stat(root); err != nil {
		t.Skip("corpus not available at ../../shared/corpus; document-theme F1 not measured")
	}
	a := Default()
	var docs []labelledDoc
	for _, l := range loadDocThemeLabels(t) {
		pm, err := ingest.ParseFile(filepath.Join(root, l.File), ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", l.File, err)
		}
		a.AnalyzeDocument(pm)
		var title []string
		for _, f := range a.AnalyzeSentence(pm.Title, 0) {
			if f.Kind == model.KindTheme {
				title = append(title, f.Label)
			}
		}
		docs = append(docs, labelledDoc{
			label: l,
			ev:    ThemeEvidence{Title: title, Sections: pm.Sections, Sentences: pm.Sentences, Findings: pm.Findings},
			plain: pm.Themes,
		})
	}
	return docs
}

// themeScore is document-theme agreement with the reader: micro P/R/F1
// over (document, theme) pairs and the mean per-document F1 (macro).
type themeScore struct{ P, R, F1, Macro float64 }

func (s themeScore) String() string {
	return fmt.Sprintf("micro P %.3f R %.3f F1 %.3f, macro F1 %.3f", s.P, s.R, s.F1, s.Macro)
}

func scoreThemes(gold, pred [][]string) themeScore {
	tp, fp, fn := 0, 0, 0
	macro := 0.0
	for i := range gold {
		g := map[string]bool{}
		for _, l := range gold[i] {
			g[l] = true
		}
		hit := 0
		for _, l := range pred[i] {
			if g[l] {
				hit++
			}
		}
		tp += hit
		fp += len(pred[i]) - hit
		fn += len(gold[i]) - hit
		if hit > 0 {
			p, r := float64(hit)/float64(len(pred[i])), float64(hit)/float64(len(gold[i]))
			macro += 2 * p * r / (p + r)
		}
	}
	var s themeScore
	if tp+fp > 0 {
		s.P = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.R = float64(tp) / float64(tp+fn)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	if len(gold) > 0 {
		s.Macro = macro / float64(len(gold))
	}
	return s
}

func splitDocs(docs []labelledDoc, split string) []labelledDoc {
	var out []labelledDoc
	for _, d := range docs {
		if d.label.Split == split {
			out = append(out, d)
		}
	}
	return out
}

func evalThemes(docs []labelledDoc, pred func(labelledDoc) []string) themeScore {
	var gold, got [][]string
	for _, d := range docs {
		gold = append(gold, d.label.Themes)
		got = append(got, pred(d))
	}
	return scoreThemes(gold, got)
}

func anyTheme(d labelledDoc) []string {
	var out []string
	for _, th := range d.plain {
		if th.Weight > 0 {
			out = append(out, th.Label)
		}
	}
	return out
}

func weightCut(c float64) func(labelledDoc) []string {
	return func(d labelledDoc) []string {
		var out []string
		for _, th := range d.plain {
			if th.Weight > 0 && th.Weight >= c {
				out = append(out, th.Label)
			}
		}
		return out
	}
}

func membership(p DocThemeParams) func(labelledDoc) []string {
	return func(d labelledDoc) []string { return MemberLabels(p.Themes(d.ev)) }
}

// bestWeightCut is the single plain-weight cut with the best micro F1 on docs.
func bestWeightCut(docs []labelledDoc) (float64, themeScore) {
	best, bestS := 0.0, themeScore{}
	for c := 0; c <= 60; c++ {
		s := evalThemes(docs, weightCut(float64(c)/100))
		if s.F1 > bestS.F1 {
			best, bestS = float64(c)/100, s
		}
	}
	return best, bestS
}

// TestDocThemesCorpus measures document-theme membership against the
// reader labels on the real corpus: the held-out test split must reach
// the floor, and membership must beat both "any sentence theme" and the
// best plain weight cut (tuned on dev) there.
func TestDocThemesCorpus(t *testing.T) {
	docs := loadLabelledDocs(t)
	dev, test, holdout := splitDocs(docs, "dev"), splitDocs(docs, "test"), splitDocs(docs, "holdout")
	// BackfillWeight was this cut when membership was introduced; a
	// different tagger moves it (the backfill is for rows tagged before).
	cut, _ := bestWeightCut(dev)
	t.Logf("best dev weight cut %.2f (BackfillWeight %.2f)", cut, BackfillWeight)
	for _, sp := range []struct {
		name string
		docs []labelledDoc
	}{{"dev", dev}, {"test", test}, {"holdout", holdout}} {
		t.Logf("%-7s %2d docs  any sentence theme:      %v", sp.name, len(sp.docs), evalThemes(sp.docs, anyTheme))
		t.Logf("%-7s %2d docs  weight >= %.2f (dev cut): %v", sp.name, len(sp.docs), cut, evalThemes(sp.docs, weightCut(cut)))
		t.Logf("%-7s %2d docs  membership (default):   %v", sp.name, len(sp.docs), evalThemes(sp.docs, membership(DefaultDocThemes)))
	}
	// A holdout set's documents (labelled after this code, by annotators
	// who never saw it) are scored when there are enough of them: round 2
	// (31 documents) scored 0.658 when first read (0.639 with the code at
	// the start of that stop); round 3 has 4 new documents (the others had
	// theme labels already), so its figure is only logged.
	if h := evalThemes(holdout, membership(DefaultDocThemes)); len(holdout) >= 20 && h.F1 < 0.64 {
		t.Errorf("holdout document-theme micro F1 %.3f < 0.64", h.F1)
	}
	got := evalThemes(test, membership(DefaultDocThemes))
	// DefaultDocThemes reaches 0.735 on the 38 test documents (19 of the
	// old test split and 19 of holdout rounds 1 and 2, folded in); it was
	// 0.703 before the recalibration on dev of 2026-12-07 (see
	// DefaultDocThemes: the test figures of the three candidate cuts were
	// printed while choosing, so this split no longer measures that one
	// choice untouched). The floor is below it. An earlier rerun of the grid
	// on the 63 dev documents of round 1 (6-fold CV 0.731) picked
	// parameters that scored 0.681 on the test documents then (the defaults
	// 0.688), so they were kept at that time.
	const floor = 0.71
	if got.F1 < floor {
		t.Errorf("test-split document-theme micro F1 %.3f < %.2f", got.F1, floor)
	}
	if anyT := evalThemes(test, anyTheme); got.F1 <= anyT.F1 {
		t.Errorf("membership F1 %.3f does not beat any-sentence-theme %.3f", got.F1, anyT.F1)
	}
	// Against the single weight cut, 19 test documents are too few for a
	// strict micro-F1 order: one document-theme decision moves micro F1 by
	// ~0.006, and the cut chosen on dev alone swings the test figure from
	// 0.649 (cut 0.19) to 0.707 (cut 0.17) between two taggers. Membership
	// must win on micro or macro F1 here; the like-for-like comparison
	// (both tuned on the training folds) is the cross-validation in
	// TestDocThemesCalibrate.
	if base := evalThemes(test, weightCut(cut)); got.F1 <= base.F1 && got.Macro <= base.Macro {
		t.Errorf("membership (micro %.3f, macro %.3f) beats the weight cut (micro %.3f, macro %.3f) on neither",
			got.F1, got.Macro, base.F1, base.Macro)
	}
	// Membership is what AnalyzeDocument stores.
	for _, d := range docs {
		if got, want := MemberLabels(d.plain), membership(DefaultDocThemes)(d); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: AnalyzeDocument members %v, DefaultDocThemes %v", d.label.File, got, want)
		}
	}
}

// docThemeGroups are the section groups the calibration weighs.
var docThemeGroups = [][]string{
	{model.SectionRootCause, model.SectionTrigger},
	{model.SectionSummary, model.SectionImpact},
	{model.SectionLessons, model.SectionWentWrong, model.SectionGotLucky, model.SectionWentWell},
	{model.SectionResolution, model.SectionDetection},
	{model.SectionTimeline},
	{model.SectionActionItems},
	{}, // other and unknown kinds
}

// docThemeGrid enumerates the calibration grid in a fixed order: section
// weights, title, exponents (outer) and the membership thresholds (inner,
// visited for one scoring setting at a time so scores are computed once).
func docThemeGrid(visit func(scoring DocThemeParams, thresholds []DocThemeParams)) {
	vals := [][]float64{
		{1},                      // contributing factors, trigger (reference)
		{0.5, 1, 2},              // summary, impact
		{0.5, 1, 2},              // lessons
		{0.5, 1},                 // resolution, detection
		{0.1, 0.25, 0.5, 1},      // timeline
		{0.1, 0.25, 0.5, 1},      // action items
		{0.25, 0.5, 1},           // other
		{0, 0.05, 0.1, 0.2, 0.3}, // title
	}
	idx := make([]int, len(vals))
	for {
		for _, le := range []float64{0, 1} {
			for _, se := range []float64{0, 1} {
				sp := DocThemeParams{Section: map[string]float64{}, LengthExp: le, ShareExp: se, MinTop: 0.02, MaxThemes: 4}
				for g, kinds := range docThemeGroups {
					w := vals[g][idx[g]]
					if len(kinds) == 0 {
						sp.Other = w
					}
					for _, k := range kinds {
						sp.Section[k] = w
					}
				}
				sp.Title = vals[7][idx[7]]
				var ths []DocThemeParams
				for rel := 30; rel <= 80; rel += 5 {
					for _, floor := range []float64{0, 0.05, 0.1} {
						p := sp
						p.Relative, p.Floor = float64(rel)/100, floor
						ths = append(ths, p)
					}
				}
				visit(sp, ths)
			}
		}
		k := 0
		for ; k < len(idx); k++ {
			idx[k]++
			if idx[k] < len(vals[k]) {
				break
			}
			idx[k] = 0
		}
		if k == len(idx) {
			return
		}
	}
}

// tuneDocThemes returns the grid point with the best micro F1 on docs
// (the first one on ties).
func tuneDocThemes(docs []labelledDoc) (DocThemeParams, themeScore) {
	var best DocThemeParams
	var bestS themeScore
	gold := make([][]string, len(docs))
	for i, d := range docs {
		gold[i] = d.label.Themes
	}
	type scored struct {
		labels []string
		scores []float64
	}
	docThemeGrid(func(sp DocThemeParams, ths []DocThemeParams) {
		sc := make([]scored, len(docs))
		for i, d := range docs {
			score, _, _ := sp.evidence(d.ev)
			for l := range score {
				sc[i].labels = append(sc[i].labels, l)
			}
			sort.Strings(sc[i].labels)
			for _, l := range sc[i].labels {
				sc[i].scores = append(sc[i].scores, score[l])
			}
		}
		for _, p := range ths {
			got := make([][]string, len(docs))
			for i := range docs {
				for j, m := range p.members(sc[i].labels, sc[i].scores) {
					if m {
						got[i] = append(got[i], sc[i].labels[j])
					}
				}
			}
			if s := scoreThemes(gold, got); s.F1 > bestS.F1 {
				best, bestS = p, s
			}
		}
	})
	return best, bestS
}

// TestDocThemesCalibrate reruns the grid search that chose
// DefaultDocThemes, on the dev split only, with a 6-fold cross-validation
// estimate. It is slow, so it runs only with DEBRIEF_CALIBRATE=1:
//
//	DEBRIEF_CALIBRATE=1 go test -count=1 -run TestDocThemesCalibrate -v ./analysis/
func TestDocThemesCalibrate(t *testing.T) {
	if os.Getenv("DEBRIEF_CALIBRATE") == "" {
		t.Skip("set DEBRIEF_CALIBRATE=1 to rerun the document-theme grid search")
	}
	dev := splitDocs(loadLabelledDocs(t), "dev")
	const folds = 6
	var gold, got, gotCut [][]string
	for k := 0; k < folds; k++ {
		var train, held []labelledDoc
		for i, d := range dev {
			if i%folds == k {
				held = append(held, d)
			} else {
				train = append(train, d)
			}
		}
		p, _ := tuneDocThemes(train)
		c, _ := bestWeightCut(train)
		for _, d := range held {
			gold = append(gold, d.label.Themes)
			got = append(got, membership(p)(d))
			gotCut = append(gotCut, weightCut(c)(d))
		}
	}
	cv := scoreThemes(gold, got)
	cvCut := scoreThemes(gold, gotCut)
	t.Logf("dev %d-fold cross-validated: membership %v", folds, cv)
	t.Logf("dev %d-fold cross-validated: best weight cut %v", folds, cvCut)
	if cv.F1 <= cvCut.F1 {
		t.Errorf("cross-validated membership F1 %.3f does not beat the cross-validated weight cut %.3f", cv.F1, cvCut.F1)
	}
	p, s := tuneDocThemes(dev)
	keys := make([]string, 0, len(p.Section))
	for k := range p.Section {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("  section %-13s %.2f", k, p.Section[k])
	}
	t.Logf("  other %.2f title %.2f length^%.0f share^%.0f relative %.2f floor %.2f", p.Other, p.Title, p.LengthExp, p.ShareExp, p.Relative, p.Floor)
	t.Logf("best on dev: %v (default on dev: %v)", s, evalThemes(dev, membership(DefaultDocThemes)))
	if math.IsNaN(s.F1) || s.F1 < evalThemes(dev, membership(DefaultDocThemes)).F1-1e-9 {
		t.Errorf("grid best %.3f below the default's dev F1: the default is not a grid point?", s.F1)
	}
}
