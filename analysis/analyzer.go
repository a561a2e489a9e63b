// Package analysis tags postmortem text: blame phrasing, assumptions and
// surprises, and contributing-factor themes (see TAXONOMY.md), and scores
// the quality of a writeup.
//
// Tags come from rules: one YAML file per rule, the built-in ones embedded
// from rules/*.yml, more from user directories (Options.RulesDirs). Rule
// files are decoded strictly; every problem is reported with its file and
// line. Each rule carries examples it must and must not match, which the
// test suite (and Analyzer.CheckExamples, for user rules) runs.
//
// Matching is driven by a token index: text is split into sentences and
// tokens once (package nlp), and each token is looked up in a map from
// word to the phrases that start with it and the regex rules that need
// it, so the cost per sentence is one map lookup per token plus the few
// candidate rules, not every rule on every sentence.
//
// An Analyzer is immutable after New and safe for concurrent use.
package analysis

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/nlp"
)

//go:embed rules/*.yml
var builtinRules embed.FS

// Options configure an Analyzer.
type Options struct {
	// RulesDirs are directories of user rule files (*.yml, *.yaml), loaded
	// after the built-in rules. A user rule with the id of a built-in rule
	// replaces it.
	RulesDirs []string
	// Disable lists rule ids to switch off (built-in or user). Unknown ids
	// are an error, so that typos do not silently keep a rule on.
	Disable []string
	// NoBuiltins loads only the rules of RulesDirs (and no learned layer,
	// whose features are the built-in rules).
	NoBuiltins bool
	// NoModel switches the learned layer off: rules alone decide (what
	// `debrief train` needs to compute the rule features).
	NoModel bool
}

// Analyzer tags text with the findings of its rules.
type Analyzer struct {
	rules []*rule
	// vocab numbers the words the rules use.
	vocab vocab
	// phraseIndex maps a token's vocabulary id to the phrases whose first
	// position accepts it.
	phraseIndex [][]phraseRef
	// regexIndex maps a token's id to the regex rules it enables;
	// regexAlways are regex rules without a token prefilter.
	regexIndex  [][]int
	regexAlways []int
	// named are the rules of type named, which work on whole documents
	// (named.go); introSet holds their introducer words (and plurals).
	named    []*rule
	introSet bitset
	// model is the learned layer, nil when off.
	model *modelLayer
	bufs  sync.Pool
}

type phraseRef struct {
	rule int
	ph   *phrase
	// next is the set of the phrase's second position when that position
	// is required words: a quick reject before the full match, since
	// phrases that start with common words ("was", "the") are tried often.
	next bitset
}

// New loads the built-in rules (unless opts.NoBuiltins) and the rules of
// opts.RulesDirs, applies opts.Disable and builds the token index. Errors
// name the file and line of the problem; all bad files are reported.
func New(opts Options) (*Analyzer, error) {
	var rules []*rule
	var errs []error
	if !opts.NoBuiltins {
		rs, err := loadRulesFS(builtinRules, "rules", "builtin:")
		if err != nil {
			errs = append(errs, err)
		}
		rules = append(rules, rs...)
	}
	userIDs := map[string]string{}
	for _, dir := range opts.RulesDirs {
		st, err := os.Stat(dir)
		if err != nil {
			errs = append(errs, fmt.Errorf("rules dir: %w", err))
			continue
		}
		if !st.IsDir() {
			errs = append(errs, fmt.Errorf("rules dir %s: not a directory", dir))
			continue
		}
		rs, err := loadRulesFS(os.DirFS(dir), ".", "")
		if err != nil {
			errs = append(errs, err)
		}
		for _, r := range rs {
			r.file = joinPath(dir, r.file)
			if prev, dup := userIDs[r.info.ID]; dup {
				errs = append(errs, &RuleError{File: r.file, Line: 1, Msg: fmt.Sprintf("duplicate rule id %q (also in %s)", r.info.ID, prev)})
				continue
			}
			userIDs[r.info.ID] = r.file
			// A user rule replaces a built-in rule of the same id.
			for i, b := range rules {
				if b.info.ID == r.info.ID {
					rules = append(rules[:i], rules[i+1:]...)
					break
				}
			}
			rules = append(rules, r)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	seen := map[string]string{}
	for _, r := range rules {
		if prev, dup := seen[r.info.ID]; dup {
			return nil, &RuleError{File: r.file, Line: 1, Msg: fmt.Sprintf("duplicate rule id %q (also in %s)", r.info.ID, prev)}
		}
		seen[r.info.ID] = r.file
	}
	var lm *linModel
	if !opts.NoBuiltins && !opts.NoModel {
		m, err := loadBuiltinModel()
		if err != nil {
			return nil, err
		}
		lm = m
		for _, l := range m.labels {
			seen[ModelPrefix+l.Label] = "builtin:model.json.gz"
		}
	}
	off := map[string]bool{}
	for _, id := range opts.Disable {
		if _, ok := seen[id]; !ok {
			return nil, fmt.Errorf("disable: unknown rule id %q", id)
		}
		off[id] = true
	}
	kept := rules[:0]
	for _, r := range rules {
		if !off[r.info.ID] {
			r.info.Source = r.file
			kept = append(kept, r)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].info.ID < kept[j].info.ID })
	a := build(kept)
	if lm != nil {
		a.model = bindModel(lm, kept, off)
	}
	return a, nil
}

func joinPath(dir, file string) string {
	if file == "" || file[0] == '/' {
		return file
	}
	if len(file) > 2 && file[:2] == "./" {
		file = file[2:]
	}
	return dir + string(os.PathSeparator) + file
}

func build(rules []*rule) *Analyzer {
	v := vocab{}
	for w := range personWords {
		v.id(w)
	}
	for w := range systemWords {
		v.id(w)
	}
	for _, r := range rules {
		for _, ph := range r.phrases {
			for _, p := range ph.pos {
				for w := range p.words {
					v.id(w)
				}
			}
		}
		for _, t := range r.tokens {
			v.id(t)
		}
	}
	intro := map[string]bool{}
	for _, r := range rules {
		for w := range r.introducers {
			intro[w], intro[w+"s"] = true, true
			v.id(w)
			v.id(w + "s")
		}
	}
	a := &Analyzer{rules: rules, vocab: v,
		phraseIndex: make([][]phraseRef, len(v)), regexIndex: make([][]int, len(v))}
	for i, r := range rules {
		for _, ph := range r.phrases {
			for k := range ph.pos {
				p := &ph.pos[k]
				if words := p.wordsOf(); words != nil {
					p.set = newBitset(v, words)
				}
			}
			var next bitset
			if len(ph.pos) > 1 {
				if p := ph.pos[1]; !p.optional && !p.not && p.set != nil {
					next = p.set
				}
			}
			for _, w := range ph.firstWords() {
				id := v[w]
				a.phraseIndex[id] = append(a.phraseIndex[id], phraseRef{i, ph, next})
			}
		}
		if r.introducers != nil {
			a.named = append(a.named, r)
		}
		if r.re != nil {
			if len(r.tokens) == 0 {
				a.regexAlways = append(a.regexAlways, i)
			}
			for _, t := range r.tokens {
				a.regexIndex[v[t]] = append(a.regexIndex[v[t]], i)
			}
		}
	}
	if len(intro) > 0 {
		a.introSet = newBitset(v, intro)
	}
	a.bufs.New = func() any { return &scratch{} }
	return a
}

var (
	defaultOnce     sync.Once
	defaultAnalyzer *Analyzer
)

// Default returns the analyzer of the built-in rules, built once. It never
// panics: the built-in rules are tested, and should they fail to load the
// analyzer has no rules (and the test suite fails).
func Default() *Analyzer {
	defaultOnce.Do(func() {
		a, err := New(Options{})
		if err != nil {
			a = build(nil)
		}
		defaultAnalyzer = a
	})
	return defaultAnalyzer
}

// Rules describes the loaded rules, sorted by id.
func (a *Analyzer) Rules() []RuleInfo {
	out := make([]RuleInfo, len(a.rules))
	for i, r := range a.rules {
		out[i] = r.info
	}
	return out
}

// scratch holds per-call buffers.
type scratch struct {
	toks    []nlp.Token
	ids     []int32
	regexOn []bool
	cands   []model.Finding
	fired   []int32
	ms      modelScratch
}

// AnalyzeText splits text into sentences (nlp.Sentences) and tags each.
// Findings have Start/End as byte offsets into text (text[Start:End] ==
// Match) and Sentence as the index of the sentence they are in. Order is
// deterministic: by Start, then rule id.
func (a *Analyzer) AnalyzeText(text string) []model.Finding {
	out := []model.Finding{}
	spans := nlp.Sentences(text)
	sents, offsets := make([]string, len(spans)), make([]int, len(spans))
	for i, sp := range spans {
		sents[i], offsets[i] = text[sp.Start:sp.End], sp.Start
	}
	return a.analyzeDoc(out, sents, offsets)
}

// AnalyzeSentences tags the sentences of one document: each alone, then
// the named rules across them. Findings have Sentence as the index into
// sents and offsets into that sentence, ordered by sentence, then start,
// then rule id.
func (a *Analyzer) AnalyzeSentences(sents []string) []model.Finding {
	return a.analyzeDoc(nil, sents, nil)
}

// analyzeDoc appends to dst the findings of a document's sentences: each
// alone, then the named rules across those that hold an introducer word.
// offsets[i] (nil: 0) is added to the spans of sentence i. Findings are
// ordered by sentence, then start, then rule id.
func (a *Analyzer) analyzeDoc(dst []model.Finding, sents []string, offsets []int) []model.Finding {
	intro := make([]bool, len(sents))
	introduced := false
	for i, s := range sents {
		off := 0
		if offsets != nil {
			off = offsets[i]
		}
		dst, intro[i] = a.tagIntro(dst, s, i, off, false)
		introduced = introduced || intro[i]
	}
	if !introduced || len(sents) < 2 {
		return dst
	}
	n := len(dst)
	if dst = a.namedPass(dst, sents, offsets, intro); len(dst) > n {
		sort.SliceStable(dst, func(i, j int) bool {
			fi, fj := dst[i], dst[j]
			if fi.Sentence != fj.Sentence {
				return fi.Sentence < fj.Sentence
			}
			if fi.Start != fj.Start {
				return fi.Start < fj.Start
			}
			return fi.Rule < fj.Rule
		})
	}
	return dst
}

// AnalyzeSentence tags one sentence as given (no further splitting);
// offsets are into sentence and Sentence is index.
func (a *Analyzer) AnalyzeSentence(sentence string, index int) []model.Finding {
	return a.tagInto(nil, sentence, index, 0, false)
}

// AnalyzeDocument tags every sentence of pm (offsets into the sentence
// text), and sets pm.Findings, pm.Themes (with the title's themes and
// section kinds as evidence, see DocThemeParams) and pm.Quality.
func (a *Analyzer) AnalyzeDocument(pm *model.Postmortem) {
	sents := make([]string, len(pm.Sentences))
	for i, s := range pm.Sentences {
		sents[i] = s.Text
	}
	findings := a.AnalyzeSentences(sents)
	pm.Findings = findings
	var title []string
	for _, f := range a.tagInto(nil, pm.Title, 0, 0, false) {
		if f.Kind == model.KindTheme {
			title = append(title, f.Label)
		}
	}
	pm.Themes = DefaultDocThemes.Themes(ThemeEvidence{Title: title, Sections: pm.Sections, Sentences: pm.Sentences, Findings: findings})
	pm.Quality = Score(pm)
}

// tagInto tags one sentence and appends its findings to dst, with offset
// added to their spans (the sentence's position in a larger text). With
// raw, every candidate match is appended unresolved (overlaps kept), in no
// particular order.
func (a *Analyzer) tagInto(dst []model.Finding, text string, index, offset int, raw bool) []model.Finding {
	dst, _ = a.tagIntro(dst, text, index, offset, raw)
	return dst
}

// tagIntro is tagInto that also reports whether the sentence holds an
// introducer word of a named rule (so that the named pass tokenizes only
// those sentences again).
func (a *Analyzer) tagIntro(dst []model.Finding, text string, index, offset int, raw bool) (_ []model.Finding, intro bool) {
	if len(a.rules) == 0 || text == "" {
		return dst, false
	}
	sc := a.bufs.Get().(*scratch)
	defer a.bufs.Put(sc)
	sc.toks = nlp.AppendTokens(sc.toks[:0], text)
	toks := sc.toks
	ids := sc.ids[:0]
	for i := range toks {
		id, ok := a.vocab[toks[i].Norm]
		if !ok {
			id = -1
		}
		ids = append(ids, id)
	}
	sc.ids = ids
	if a.introSet != nil {
		for _, id := range ids {
			if a.introSet.has(id) {
				intro = true
				break
			}
		}
	}
	if cap(sc.regexOn) < len(a.rules) {
		sc.regexOn = make([]bool, len(a.rules))
	}
	regexOn := sc.regexOn[:len(a.rules)]
	clear(regexOn)
	cands := sc.cands[:0]
	fired := sc.fired[:0]

	for i := range toks {
		id := ids[i]
		if id < 0 {
			continue
		}
		refs := a.phraseIndex[id]
		for k := range refs {
			ref := &refs[k]
			if ref.next != nil && (i+1 >= len(ids) || !ref.next.has(ids[i+1])) {
				continue
			}
			end := ref.ph.matchAt(toks, ids, i)
			if end < 0 {
				continue
			}
			r := a.rules[ref.rule]
			if r.hasCtx && !r.contextOK(text, toks, i, end) {
				continue
			}
			cands = append(cands, r.finding(text, index, toks[i].Start, toks[end-1].End))
			fired = appendUnique(fired, int32(ref.rule))
		}
		for _, ri := range a.regexIndex[id] {
			regexOn[ri] = true
		}
	}
	for _, ri := range a.regexAlways {
		regexOn[ri] = true
	}
	for ri, on := range regexOn {
		if !on {
			continue
		}
		r := a.rules[ri]
		for _, m := range r.re.FindAllStringIndex(text, -1) {
			if m[1] > m[0] {
				cands = append(cands, r.finding(text, index, m[0], m[1]))
				fired = appendUnique(fired, int32(ri))
			}
		}
	}
	sc.fired = fired
	if !raw && a.model != nil {
		cands = a.model.apply(cands, &sc.ms, text, toks, fired, index)
	}
	if !raw {
		cands = resolve(cands)
	}
	for _, f := range cands {
		f.Start += offset
		f.End += offset
		dst = append(dst, f)
	}
	// The scratch buffer goes back to the pool: nothing returned aliases it.
	clear(cands)
	sc.cands = cands[:0]
	return dst, intro
}

func appendUnique(s []int32, v int32) []int32 {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func (r *rule) finding(text string, index, start, end int) model.Finding {
	return model.Finding{
		Sentence: index, Kind: r.info.Kind, Label: r.info.Label, Rule: r.info.ID,
		Start: start, End: end, Match: text[start:end],
		Message: r.info.Message, Suggestion: r.info.Suggestion, Severity: r.info.Severity,
	}
}

func (r *rule) contextOK(text string, toks []nlp.Token, ms, me int) bool {
	c := &r.ctx
	// The checks are a conjunction; the costly quotation scan goes last.
	if c.SkipNegated && negated(toks, ms, me) {
		return false
	}
	if c.SkipRejected && !c.SkipNegated && rejected(toks, ms, me) {
		return false
	}
	if c.SkipPlans && plan(toks, ms, me) {
		return false
	}
	if c.SkipHypothetical && hypothetical(toks, ms) {
		return false
	}
	if ms > 0 && len(c.SkipAfter) > 0 && slices.Contains(c.SkipAfter, toks[ms-1].Norm) {
		return false
	}
	switch c.Subject {
	case SubjectPerson:
		if subject(toks, text, ms) != "person" {
			return false
		}
	case SubjectNotSystem:
		if s := subject(toks, text, ms); s == "system" {
			return false
		}
	case SubjectPersonOrNone:
		if s := subject(toks, text, ms); s != "person" && s != "" {
			return false
		}
	}
	if c.SkipQuoted && quoted(text, toks, ms, me) {
		return false
	}
	return true
}

// resolve orders candidate findings and removes overlaps, in place: a
// theme is reported once per sentence (its first match); matches of the
// same kind and label that overlap an earlier (or longer) one are dropped.
// The result is ordered by start, then rule id.
func resolve(c []model.Finding) []model.Finding {
	if len(c) < 2 {
		return c
	}
	slices.SortFunc(c, func(x, y model.Finding) int {
		if x.Start != y.Start {
			return cmp.Compare(x.Start, y.Start)
		}
		if x.End != y.End {
			return cmp.Compare(y.End, x.End)
		}
		return strings.Compare(x.Rule, y.Rule)
	})
	type seen struct {
		kind, label string
		end         int
	}
	var buf [16]seen
	kept := buf[:0]
	out := c[:0]
	for _, f := range c {
		k := -1
		for j := range kept {
			if kept[j].kind == f.Kind && kept[j].label == f.Label {
				k = j
				break
			}
		}
		if k >= 0 && (f.Kind == model.KindTheme || f.Start < kept[k].end) {
			continue
		}
		if k >= 0 {
			kept[k].end = f.End
		} else {
			kept = append(kept, seen{f.Kind, f.Label, f.End})
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(x, y model.Finding) int {
		if x.Start != y.Start {
			return cmp.Compare(x.Start, y.Start)
		}
		return strings.Compare(x.Rule, y.Rule)
	})
	return out
}

// CheckExamples runs every rule's examples: each match example must make
// the rule fire, each no_match example must not. It returns one error per
// failing example (naming the rule's file), or nil.
func (a *Analyzer) CheckExamples() error {
	var errs []error
	for _, r := range a.rules {
		for _, ex := range r.ex.Match {
			if !a.fires(r.info.ID, ex) {
				errs = append(errs, fmt.Errorf("%s: rule %s does not match its example %q", r.file, r.info.ID, ex))
			}
		}
		for _, ex := range r.ex.NoMatch {
			if a.fires(r.info.ID, ex) {
				errs = append(errs, fmt.Errorf("%s: rule %s matches its no_match example %q", r.file, r.info.ID, ex))
			}
		}
	}
	return errors.Join(errs...)
}

// fires reports whether rule id matches anywhere in text, before overlap
// resolution (another rule of the same label may win the span).
func (a *Analyzer) fires(id, text string) bool {
	for _, r := range a.named {
		if r.info.ID == id {
			for _, f := range a.AnalyzeText(text) {
				if f.Rule == id {
					return true
				}
			}
			return false
		}
	}
	for i, sp := range nlp.Sentences(text) {
		for _, f := range a.tagInto(nil, text[sp.Start:sp.End], i, 0, true) {
			if f.Rule == id {
				return true
			}
		}
	}
	return false
}
