package analysis

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the built-in model
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/nlp"
)

// The learned layer: one logistic-regression model per label over word
// unigrams and bigrams of a sentence and the rules that fired in it. It
// adds a finding (rule "model.<label>") when no rule of that label fired
// and the model's probability reaches the label's threshold, which
// `debrief train` picks by k-fold cross-validation on the dev split of the
// labelled set (internal/devset). Labels for which the model did not beat
// the rules in cross-validation are not in the file, so the rules alone
// decide them.
//
// Features (FeatureNames gives them as strings; inference hashes the same
// strings incrementally, without building them):
//
//	w:<word>         a word token (Norm; tokens with a digit are "0")
//	b:<w1> <w2>      two adjacent word tokens ("<s>" before the first)
//	r:<rule id>      a rule matched in the sentence (before overlap resolution)
//	l:<kind>/<label> a rule of that label matched
//
// The weights are embedded (model.json.gz, written by `debrief train`)
// and decoded once.

//go:embed model.json.gz
var builtinModelData []byte

// ModelPrefix starts the rule id of every finding of the learned layer:
// "model.human-error", "model.change", ...
const ModelPrefix = "model."

// ModelFile is the serialised learned layer (model.json.gz).
type ModelFile struct {
	// Version of the format (1).
	Version int `json:"version"`
	// Note says how the file was made (command, data, date-free).
	Note string `json:"note"`
	// Labels holds one model per label the layer is enabled for.
	Labels []ModelLabel `json:"labels"`
}

// ModelLabel is the model of one label.
type ModelLabel struct {
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// Threshold on the probability, chosen by cross-validation.
	Threshold float64 `json:"threshold"`
	Bias      float64 `json:"bias"`
	// Weights by feature name (features with |weight| below the pruning
	// cut are left out). Encoded sorted by name, so the file is stable.
	Weights map[string]float64 `json:"weights"`
}

// linModel is a decoded, immutable ModelFile ready for inference.
type linModel struct {
	labels []ModelLabel
	// logit[l] is the threshold of label l in logit space.
	logit []float32
	bias  []float32
	// tab maps a feature hash to its row in w (len(labels) weights a row).
	tab hashTable
	w   []float32
}

var (
	builtinModelOnce sync.Once
	builtinModel     *linModel
	builtinModelErr  error
)

// loadBuiltinModel decodes the embedded model once.
func loadBuiltinModel() (*linModel, error) {
	builtinModelOnce.Do(func() {
		mf, err := DecodeModel(bytes.NewReader(builtinModelData))
		if err != nil {
			builtinModelErr = fmt.Errorf("builtin model.json.gz: %w", err)
			return
		}
		builtinModel, builtinModelErr = compileModel(mf)
	})
	return builtinModel, builtinModelErr
}

// DecodeModel reads a gzipped JSON ModelFile, strictly: unknown fields,
// unknown labels or a bad threshold are errors.
func DecodeModel(r io.Reader) (*ModelFile, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	dec := json.NewDecoder(zr)
	dec.DisallowUnknownFields()
	var mf ModelFile
	if err := dec.Decode(&mf); err != nil {
		return nil, err
	}
	if mf.Version != 1 {
		return nil, fmt.Errorf("model version %d, want 1", mf.Version)
	}
	for _, l := range mf.Labels {
		if !contains(Labels[l.Kind], l.Label) {
			return nil, fmt.Errorf("model for unknown label %s/%s", l.Kind, l.Label)
		}
		if !(l.Threshold > 0 && l.Threshold < 1) {
			return nil, fmt.Errorf("model %s/%s: threshold %v not in (0,1)", l.Kind, l.Label, l.Threshold)
		}
	}
	return &mf, nil
}

// EncodeModel writes mf as gzipped JSON (map keys sorted: stable bytes).
func EncodeModel(w io.Writer, mf *ModelFile) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	enc := json.NewEncoder(zw)
	if err := enc.Encode(mf); err != nil {
		return err
	}
	return zw.Close()
}

func compileModel(mf *ModelFile) (*linModel, error) {
	m := &linModel{labels: mf.Labels}
	nl := len(mf.Labels)
	rows := map[string]int32{}
	var names []string
	for _, l := range mf.Labels {
		for f := range l.Weights {
			if _, ok := rows[f]; !ok {
				rows[f] = 0
				names = append(names, f)
			}
		}
	}
	sort.Strings(names)
	m.tab = newHashTable(len(names))
	m.w = make([]float32, len(names)*nl)
	for i, f := range names {
		if !m.tab.put(featureHash(f), int32(i)) {
			return nil, fmt.Errorf("feature hash collision on %q", f)
		}
		rows[f] = int32(i)
	}
	for li, l := range mf.Labels {
		for f, w := range l.Weights {
			m.w[int(rows[f])*nl+li] = float32(w)
		}
		m.bias = append(m.bias, float32(l.Bias))
		m.logit = append(m.logit, float32(math.Log(l.Threshold/(1-l.Threshold))))
	}
	return m, nil
}

// FNV-1a, 64 bit: byte-sequential, so the hash of "w:"+word is the hash of
// "w:" continued over word, and inference never builds feature strings.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func featureHash(f string) uint64 { return fixKey(fnvAdd(fnvOffset, f)) }

// fixKey keeps 0 free as the empty slot of hashTable.
func fixKey(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

var (
	hashW   = fnvAdd(fnvOffset, "w:")
	hashB   = fnvAdd(fnvOffset, "b:")
	hashBOS = fnvAdd(hashB, "<s> ")
)

// featWord is the feature form of a word token's Norm: "0" for tokens with
// a digit (times, versions, counts), else the Norm itself.
func featWord(norm string) string {
	if strings.ContainsAny(norm, "0123456789") {
		return "0"
	}
	return norm
}

// FeatureNames returns the lexical features of a sentence as strings (the
// training side; inference hashes the same strings).
func FeatureNames(text string) []string {
	var out []string
	prev := "<s>"
	for _, t := range nlp.Tokens(text) {
		if t.Kind != nlp.Word {
			continue
		}
		w := featWord(t.Norm)
		out = append(out, "w:"+w, "b:"+prev+" "+w)
		prev = w
	}
	return out
}

// hashTable is an open-addressing map from feature hash to row, faster
// than a Go map for the two lookups per token of inference.
type hashTable struct {
	keys []uint64
	vals []int32
	mask uint64
}

func newHashTable(n int) hashTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return hashTable{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
}

// put adds k; false when k is already there.
func (t *hashTable) put(k uint64, v int32) bool {
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case 0:
			t.keys[i], t.vals[i] = k, v
			return true
		case k:
			return false
		}
	}
}

func (t *hashTable) get(k uint64) int32 {
	if len(t.keys) == 0 {
		return -1
	}
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return -1
		}
	}
}

// modelLayer is the learned layer as bound to one Analyzer: the model,
// the rows of the rule features of the analyzer's rules, and the finding
// template of each label.
type modelLayer struct {
	m *linModel
	// ruleRow[i] / labelRow[i]: rows of "r:<id>" and "l:<kind>/<label>" of
	// rule i, or -1.
	ruleRow, labelRow []int32
	// on[l] is false when "model.<label>" is disabled.
	on   []bool
	tmpl []model.Finding
}

// bindModel attaches m to the rules of an analyzer; disabled lists the
// model labels switched off ("model.<label>").
func bindModel(m *linModel, rules []*rule, disabled map[string]bool) *modelLayer {
	ml := &modelLayer{m: m}
	for _, r := range rules {
		ml.ruleRow = append(ml.ruleRow, m.tab.get(featureHash("r:"+r.info.ID)))
		ml.labelRow = append(ml.labelRow, m.tab.get(featureHash("l:"+r.info.Kind+"/"+r.info.Label)))
	}
	for _, l := range m.labels {
		f := model.Finding{Kind: l.Kind, Label: l.Label, Rule: ModelPrefix + l.Label,
			Severity: defaultSeverity(l.Kind), Message: modelMessage(l.Kind, l.Label)}
		// The kind's usual message and suggestion: those of the first rule
		// (by id) of the label.
		for _, r := range rules {
			if r.info.Kind == l.Kind && r.info.Label == l.Label {
				f.Message, f.Suggestion, f.Severity = r.info.Message, r.info.Suggestion, r.info.Severity
				break
			}
		}
		ml.tmpl = append(ml.tmpl, f)
		ml.on = append(ml.on, !disabled[f.Rule])
	}
	return ml
}

func modelMessage(kind, label string) string {
	if kind == model.KindTheme {
		return "Contributing-factor theme: " + label + "."
	}
	return "Reads as " + kind + " (" + label + ") to the learned model."
}

// modelScratch holds the per-call buffers of the learned layer.
type modelScratch struct {
	score, best []float32
	from, to    []int32 // best feature's token range per label
	hit         []bool  // a rule of the label already fired
}

// apply scores one sentence and appends a finding for each enabled label
// whose rules did not fire and whose probability reaches its threshold.
// cands are the rule candidates of the sentence (before resolution).
func (ml *modelLayer) apply(dst []model.Finding, sc *modelScratch, text string, toks []nlp.Token, cands []model.Finding, rulesFired []int32, index int) []model.Finding {
	m := ml.m
	nl := len(m.labels)
	if nl == 0 {
		return dst
	}
	if cap(sc.score) < nl {
		sc.score, sc.best = make([]float32, nl), make([]float32, nl)
		sc.from, sc.to, sc.hit = make([]int32, nl), make([]int32, nl), make([]bool, nl)
	}
	score, best, from, to, hit := sc.score[:nl], sc.best[:nl], sc.from[:nl], sc.to[:nl], sc.hit[:nl]
	copy(score, m.bias)
	for l := range best {
		best[l], from[l], to[l], hit[l] = 0, -1, -1, false
	}
	for _, c := range cands {
		for l := range m.labels {
			if m.labels[l].Kind == c.Kind && m.labels[l].Label == c.Label {
				hit[l] = true
			}
		}
	}
	add := func(row int32) {
		ws := m.w[int(row)*nl : int(row)*nl+nl]
		for l, w := range ws {
			score[l] += w
		}
	}
	for _, ri := range rulesFired {
		if row := ml.ruleRow[ri]; row >= 0 {
			add(row)
		}
	}
	// Label features count once per label, however many rules fired.
	for k, ri := range rulesFired {
		row := ml.labelRow[ri]
		if row < 0 {
			continue
		}
		dup := false
		for _, rj := range rulesFired[:k] {
			if ml.labelRow[rj] == row {
				dup = true
				break
			}
		}
		if !dup {
			add(row)
		}
	}
	prevHash, prevTok := hashBOS, int32(-1)
	for i := range toks {
		t := &toks[i]
		if t.Kind != nlp.Word {
			continue
		}
		w := featWord(t.Norm)
		for f := 0; f < 2; f++ {
			var h uint64
			a := int32(i)
			if f == 0 {
				h = fixKey(fnvAdd(hashW, w))
			} else {
				h = fixKey(fnvAdd(prevHash, w))
				if prevTok >= 0 {
					a = prevTok
				}
			}
			row := m.tab.get(h)
			if row < 0 {
				continue
			}
			ws := m.w[int(row)*nl : int(row)*nl+nl]
			for l, wt := range ws {
				score[l] += wt
				if wt > best[l] {
					best[l], from[l], to[l] = wt, a, int32(i)
				}
			}
		}
		prevHash, prevTok = fnvAdd(fnvAdd(hashB, w), " "), int32(i)
	}
	for l := range m.labels {
		if hit[l] || !ml.on[l] || score[l] < m.logit[l] {
			continue
		}
		f := ml.tmpl[l]
		f.Sentence = index
		if from[l] >= 0 {
			f.Start, f.End = toks[from[l]].Start, toks[to[l]].End
		} else {
			// Only rule features spoke: the span is the sentence's words.
			first, last := -1, -1
			for i := range toks {
				if toks[i].Kind == nlp.Word {
					if first < 0 {
						first = i
					}
					last = i
				}
			}
			if first < 0 {
				continue
			}
			f.Start, f.End = toks[first].Start, toks[last].End
		}
		f.Match = text[f.Start:f.End]
		dst = append(dst, f)
	}
	return dst
}

// ModelLabels lists the labels the learned layer decides with the rules
// ("kind/label"), in file order, and whether each is on.
func (a *Analyzer) ModelLabels() []string {
	if a.model == nil {
		return nil
	}
	var out []string
	for i, l := range a.model.m.labels {
		if a.model.on[i] {
			out = append(out, l.Kind+"/"+l.Label)
		}
	}
	return out
}
