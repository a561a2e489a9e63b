package analysis

import (
	"bytes"
	"math"
	"testing"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/nlp"
)

// testModel builds an analyzer of the built-in rules with a hand-written
// learned layer.
func testModel(t *testing.T, mf *ModelFile, disable ...string) *Analyzer {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeModel(&buf, mf); err != nil {
		t.Fatal(err)
	}
	dec, err := DecodeModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	m, err := compileModel(dec)
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{NoModel: true})
	if err != nil {
		t.Fatal(err)
	}
	off := map[string]bool{}
	for _, d := range disable {
		off[d] = true
	}
	a.model = bindModel(m, a.rules, off)
	return a
}

// TestModelLayer: the learned layer adds a finding named model.<label>
// when the weighted features reach the threshold, spans the strongest
// positive feature, stays silent when a rule of the label fired or the
// label is disabled, and uses the label's usual severity and suggestion.
func TestModelLayer(t *testing.T) {
	mf := &ModelFile{Version: 1, Labels: []ModelLabel{
		{Kind: model.KindBlame, Label: "counterfactual", Mode: ModeAdd, Threshold: 0.5, Bias: -2,
			Weights: map[string]float64{"w:slipped": 2.5, "w:through": 0.2, "w:cluster": -0.1}},
		{Kind: model.KindTheme, Label: "time", Mode: ModeAdd, Threshold: 0.5, Bias: -1,
			Weights: map[string]float64{"w:holiday": 0.5, "r:theme.change": 1, "l:theme/change": 0.1}},
	}}
	a := testModel(t, mf)
	cases := []struct {
		text, rule, match string
	}{
		{"The bad flag slipped by us.", "model.counterfactual", "slipped"},
		{"The bad flag slipped past the cluster.", "model.counterfactual", "slipped"},
		{"The flag went through review.", "", ""},
		// Rule features: the deploy fires theme.change and its label.
		{"We deployed the holiday service.", "model.time", "holiday"},
		{"The holiday broke.", "", ""},
	}
	for _, c := range cases {
		var got []model.Finding
		for _, f := range a.AnalyzeText(c.text) {
			if len(f.Rule) > 6 && f.Rule[:6] == ModelPrefix {
				got = append(got, f)
			}
		}
		if c.rule == "" {
			if len(got) != 0 {
				t.Errorf("%q: unexpected model findings %+v", c.text, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Rule != c.rule || got[0].Match != c.match || c.text[got[0].Start:got[0].End] != c.match {
			t.Errorf("%q: got %+v, want one %s on %q", c.text, got, c.rule, c.match)
			continue
		}
		if c.rule == "model.counterfactual" && (got[0].Severity != model.SeverityWarning || got[0].Suggestion == "") {
			t.Errorf("%q: model blame finding without the blame severity/suggestion: %+v", c.text, got[0])
		}
	}
	// A rule of the label fired: the model adds nothing of that label.
	for _, f := range a.AnalyzeText("We should have checked; it slipped through review.") {
		if f.Rule == "model.counterfactual" {
			t.Errorf("model finding next to a counterfactual rule finding: %+v", f)
		}
	}
	// Disabled.
	b := testModel(t, mf, "model.counterfactual")
	for _, f := range b.AnalyzeText("The bad flag slipped by us.") {
		if f.Rule == "model.counterfactual" {
			t.Errorf("disabled model label still fires: %+v", f)
		}
	}
}

// TestFeatureHashing: inference hashes exactly the features FeatureNames
// spells out (the training side).
func TestFeatureHashing(t *testing.T) {
	text := "We didn't notice the 3 alerts: the on-call engineer's pager was muted."
	names := FeatureNames(text)
	w := map[string]float64{}
	for i, n := range names {
		w[n] = float64(i+1) / 1024 // distinct, exactly representable
	}
	var sum float64
	for _, n := range names {
		sum += w[n]
	}
	mf := &ModelFile{Version: 1, Labels: []ModelLabel{{Kind: model.KindTheme, Label: "detection", Mode: ModeAdd, Threshold: 0.5, Weights: w}}}
	a := testModel(t, mf)
	var buf bytes.Buffer
	_ = EncodeModel(&buf, mf)
	dec, _ := DecodeModel(&buf)
	m, _ := compileModel(dec)
	ml := bindModel(m, nil, nil)
	_ = a
	var ms modelScratch
	ml.apply(nil, &ms, text, nlp.Tokens(text), nil, 0)
	if got := float64(ms.score[0]); math.Abs(got-sum) > 1e-4 {
		t.Errorf("inference score %v, sum of the named features %v", got, sum)
	}
}

// TestTrainDeterministic: the same examples give byte-identical weights.
func TestTrainDeterministic(t *testing.T) {
	data := loadLabelled(t)
	var exs []TrainExample
	for i, d := range data {
		exs = append(exs, TrainExample{Text: d.Text, Labels: d.Labels, Group: string(rune('a' + i%7))})
	}
	a, err := New(Options{NoModel: true})
	if err != nil {
		t.Fatal(err)
	}
	var out [2][]byte
	for k := range out {
		mf, _, err := Train(a, exs, TrainOptions{Epochs: 5})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := EncodeModel(&buf, mf); err != nil {
			t.Fatal(err)
		}
		out[k] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two trainings on the same examples wrote different models")
	}
}

// TestBuiltinModelLoads: the embedded weights decode and bind.
func TestBuiltinModelLoads(t *testing.T) {
	if _, err := loadBuiltinModel(); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{}); err != nil {
		t.Fatal(err)
	}
}
