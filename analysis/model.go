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

// The learned layer: one logistic-regression model per label over the
// words of a sentence and the rules that fired in it, with
// a probability threshold per label that `debrief train` picks by k-fold
// cross-validation on the dev split of the labelled set (internal/devset).
// A label's model works in one of two modes, also picked by
// cross-validation:
//
//   - "add": when no rule of the label fired and the probability reaches
//     the threshold, it adds a finding (rule "model.<label>"); rule
//     findings are kept as they are;
//   - "decide": the model (whose features include the rule hits) decides
//     the label: below the threshold the label's rule findings are
//     dropped, at or above it a "model.<label>" finding is added when no
//     rule of the label fired.
//
// Labels for which the model did not beat the rules in cross-validation
// are not in the file, so the rules alone decide them.
//
// Features (FeatureNames gives them as strings; inference hashes the same
// strings incrementally, without building them):
//
//	w:<word>         a word token (Norm; tokens with a digit are "0")
//	r:<rule id>      a rule matched in the sentence (before overlap resolution)
//	l:<kind>/<label> a rule of that label matched
//
// Word bigrams were tried and dropped: they added nothing in
// cross-validation and doubled the table lookups of inference. The
// weights are embedded (model.json.gz, written by `debrief train`) and
// decoded once.

//go:generate go run ../cmd/debrief train --corpus ../../shared/corpus --out model.json.gz

//go:embed model.json.gz
var builtinModelData []byte

// ModelPrefix starts the rule id of every finding of the learned layer:
// "model.human-error", "model.change", ...
const ModelPrefix = "model."

// Modes of a label's model (see above).
const (
	ModeAdd    = "add"
	ModeDecide = "decide"
)

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
	// Mode is ModeAdd or ModeDecide.
	Mode string `json:"mode"`
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
	// decide[l]: label l is in ModeDecide.
	decide []bool
	bias   []float32
	// tab maps a feature key to its row; row r's weights are
	// w[r*nl:(r+1)*nl], one per label (dense: a short fixed loop is
	// cheaper than sparse entries).
	tab hashTable
	// q holds the weights quantised to int16, q[r*nl+l]*scale[l] being
	// the weight of feature r for label l (half the cache of float32).
	q     []int16
	scale []float32
	nl    int
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
	defer func() { _ = zr.Close() }()
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
		if l.Mode != ModeAdd && l.Mode != ModeDecide {
			return nil, fmt.Errorf("model %s/%s: mode %q (want add or decide)", l.Kind, l.Label, l.Mode)
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
	seen := map[string]bool{}
	var names []string
	for _, l := range mf.Labels {
		for f := range l.Weights {
			if !seen[f] {
				seen[f] = true
				names = append(names, f)
			}
		}
	}
	sort.Strings(names)
	m.nl = nl
	m.tab = newHashTable(len(names))
	m.q = make([]int16, len(names)*nl)
	for _, l := range mf.Labels {
		mx := 0.0
		for _, w := range l.Weights {
			mx = math.Max(mx, math.Abs(w))
		}
		if mx == 0 {
			mx = 1
		}
		m.scale = append(m.scale, float32(mx/32767))
	}
	for r, f := range names {
		for li, l := range mf.Labels {
			m.q[r*nl+li] = int16(math.Round(l.Weights[f] / float64(m.scale[li])))
		}
		if !m.tab.put(featureKey(f), int32(r)) {
			return nil, fmt.Errorf("feature hash collision on %q", f)
		}
	}
	for _, l := range mf.Labels {
		m.bias = append(m.bias, float32(l.Bias))
		m.decide = append(m.decide, l.Mode == ModeDecide)
		m.logit = append(m.logit, float32(math.Log(l.Threshold/(1-l.Threshold))))
	}
	return m, nil
}

// Feature keys: inference hashes each word once (FNV-1a) and mixes it into
// the word feature's key, so it never builds feature strings; featureKey
// computes the same key from a feature's name.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv64(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is the splitmix64 finaliser.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// fixKey keeps 0 free as the empty slot of hashTable.
func fixKey(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

func uniKey(hw uint64) uint64 { return fixKey(mix(hw ^ 0x9e3779b97f4a7c15)) }

// featureKey is the table key of a feature name (see FeatureNames).
func featureKey(f string) uint64 {
	if w, ok := strings.CutPrefix(f, "w:"); ok {
		return uniKey(fnv64(w))
	}
	return fixKey(mix(fnv64(f)))
}

// featWord is the feature form of a word token's Norm: "0" for tokens with
// a digit (times, versions, counts), else the Norm itself.
func featWord(norm string) string {
	for i := 0; i < len(norm); i++ {
		if norm[i] >= '0' && norm[i] <= '9' {
			return "0"
		}
	}
	return norm
}

// FeatureNames returns the lexical features of a sentence as strings (the
// training side; inference hashes the same strings).
func FeatureNames(text string) []string {
	var out []string
	for _, t := range nlp.Tokens(text) {
		if t.Kind == nlp.Word {
			out = append(out, "w:"+featWord(t.Norm))
		}
	}
	return out
}

// hashTable is an open-addressing map from feature key to row, faster
// than a Go map for the two lookups per token of inference and small
// enough to stay in cache: a slot is the key's 32-bit fingerprint (its
// high half, never 0) and the row, side by side; the low bits pick the
// slot. A word that is no feature but shares a feature's slot chain and
// fingerprint would borrow its weights; with a few thousand features that
// is about one lookup in a million million.
type hashTable struct {
	slots []slot
	mask  uint64
}

type slot struct {
	fp  uint32
	row int32
}

func newHashTable(n int) hashTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return hashTable{slots: make([]slot, size), mask: uint64(size - 1)}
}

func fingerprint(k uint64) uint32 { return uint32(k>>32) | 1 }

// put adds k; false when a key with the same slot chain and fingerprint is
// already there.
func (t *hashTable) put(k uint64, v int32) bool {
	fp := fingerprint(k)
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		switch t.slots[i].fp {
		case 0:
			t.slots[i] = slot{fp, v}
			return true
		case fp:
			return false
		}
	}
}

func (t *hashTable) get(k uint64) int32 {
	fp := fingerprint(k)
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		switch s.fp {
		case fp:
			return s.row
		case 0:
			return -1
		}
	}
}

// wordHash is fnv64(featWord(norm)) in one pass over norm.
func wordHash(norm string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(norm); i++ {
		c := norm[i]
		if c >= '0' && c <= '9' {
			return hashDigit
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

var hashDigit = fnv64("0")

// modelLayer is the learned layer as bound to one Analyzer: the model,
// the rows of the rule features of the analyzer's rules, and the finding
// template of each label.
type modelLayer struct {
	m *linModel
	// ruleRow[i] / labelRow[i]: rows of "r:<id>" and "l:<kind>/<label>" of
	// rule i, or -1; ruleLabel[i] is the model label of rule i's label, or
	// -1.
	ruleRow, labelRow, ruleLabel []int32
	// on[l] is false when "model.<label>" is disabled.
	on   []bool
	tmpl []model.Finding
}

// bindModel attaches m to the rules of an analyzer; disabled lists the
// model labels switched off ("model.<label>").
func bindModel(m *linModel, rules []*rule, disabled map[string]bool) *modelLayer {
	ml := &modelLayer{m: m}
	for _, r := range rules {
		ml.ruleRow = append(ml.ruleRow, m.tab.get(featureKey("r:"+r.info.ID)))
		ml.labelRow = append(ml.labelRow, m.tab.get(featureKey("l:"+r.info.Kind+"/"+r.info.Label)))
		li := int32(-1)
		for k, l := range m.labels {
			if l.Kind == r.info.Kind && l.Label == r.info.Label {
				li = int32(k)
			}
		}
		ml.ruleLabel = append(ml.ruleLabel, li)
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
	score []float32
	sum   []int32 // quantised weight sums
	hit   []bool  // a rule of the label already fired
	veto  []bool  // the label's rule findings are dropped
}

// apply scores one sentence and appends a finding for each enabled label
// whose rules did not fire and whose probability reaches its threshold.
// dst holds the rule candidates of the sentence (before resolution, so
// that vetoed ones can be dropped) and rulesFired the indices of the
// rules among them.
func (ml *modelLayer) apply(dst []model.Finding, sc *modelScratch, text string, toks []nlp.Token, rulesFired []int32, index int) []model.Finding {
	m := ml.m
	nl := len(m.labels)
	if nl == 0 {
		return dst
	}
	if cap(sc.score) < nl {
		sc.score, sc.hit, sc.veto = make([]float32, nl), make([]bool, nl), make([]bool, nl)
		sc.sum = make([]int32, nl)
	}
	score, sum, hit, veto := sc.score[:nl], sc.sum[:nl], sc.hit[:nl], sc.veto[:nl]
	clear(sum)
	clear(hit)
	clear(veto)
	for _, ri := range rulesFired {
		if l := ml.ruleLabel[ri]; l >= 0 {
			hit[l] = true
		}
	}
	add := func(row int32) {
		qs := m.q[int(row)*nl : int(row)*nl+nl]
		for l := range qs {
			sum[l] += int32(qs[l])
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
	for i := range toks {
		t := &toks[i]
		if t.Kind != nlp.Word {
			continue
		}
		if row := m.tab.get(uniKey(wordHash(t.Norm))); row >= 0 {
			add(row)
		}
	}
	for l := range score {
		score[l] = m.bias[l] + m.scale[l]*float32(sum[l])
	}
	vetoed := false
	for l := range m.labels {
		if !ml.on[l] {
			continue
		}
		if score[l] < m.logit[l] {
			if hit[l] && m.decide[l] {
				veto[l], vetoed = true, true
			}
			continue
		}
		if hit[l] {
			continue
		}
		f := ml.tmpl[l]
		f.Sentence = index
		if from, to := ml.span(toks, int32(l)); from >= 0 {
			f.Start, f.End = toks[from].Start, toks[to].End
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
	if vetoed {
		kept := dst[:0]
		for _, f := range dst {
			drop := false
			for l := range m.labels {
				if veto[l] && m.labels[l].Kind == f.Kind && m.labels[l].Label == f.Label {
					drop = true
					break
				}
			}
			if !drop {
				kept = append(kept, f)
			}
		}
		dst = kept
	}
	return dst
}

// span returns the token range of the word feature with the largest
// positive weight for label l in the sentence (the first of equals), or
// -1, -1. It runs only for a label that fires, so it may walk the tokens
// again.
func (ml *modelLayer) span(toks []nlp.Token, l int32) (from, to int) {
	m := ml.m
	best := float32(0)
	from, to = -1, -1
	weight := func(row int32) float32 {
		if row < 0 {
			return 0
		}
		return float32(m.q[int(row)*m.nl+int(l)]) * m.scale[l]
	}
	for i := range toks {
		if toks[i].Kind != nlp.Word {
			continue
		}
		if w := weight(m.tab.get(uniKey(wordHash(toks[i].Norm)))); w > best {
			best, from, to = w, i, i
		}
	}
	return from, to
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
