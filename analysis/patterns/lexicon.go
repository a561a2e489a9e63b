package patterns

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/debrief-dev/debrief/nlp"
	"gopkg.in/yaml.v3"
)

// ConceptPrefix starts every concept token Lexicon.Terms emits ("@cert-expiry"),
// so concept tokens never collide with words.
const ConceptPrefix = "@"

// defaultWindow is how many words apart the groups of one pattern may be
// when a concept sets no window.
const defaultWindow = 8

//go:embed lexicon.yml
var defaultLexiconYAML []byte

// Concept is one failure mechanism or remedy ("certificate expired",
// "rolled out everywhere at once", "staged rollout") and the wordings that
// name it.
//
// Patterns are alternatives; a pattern is a list of groups; a group is a
// list of terms (a word or a phrase). A pattern matches when every group
// has a term inside one sentence, the group matches at most Window words
// from the first group's. Terms are compared after the same normalisation
// as Tokens (lower case, light stemming, synonyms), except that stop words
// are kept, so "at once" and "without a canary" can be written.
// Concepts are matched in file order and a word used by one match is not
// used again: put a concept such as "without a canary" before "canary".
type Concept struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	Window int    `yaml:"window"`
	// Weight is how much the concept says about what a document or an
	// action item is about, relative to one word (default ConceptWeight);
	// generic kinds of work such as alerting or runbooks weigh 1.
	Weight   float64      `yaml:"weight"`
	Patterns [][][]string `yaml:"patterns"`
	// Unless lists terms that cancel a match in the sentence they occur
	// in: the hard negatives of a mechanism ("renewed ahead of schedule"
	// is not an expiry, "the canary caught it" is not a change pushed
	// everywhere). The words of a cancelled match stay free for the
	// concepts after it.
	Unless []string `yaml:"unless"`
	// Remedy marks a kind of remedy or safeguard (alerting, staged
	// rollout, validation, runbooks) rather than a failure mechanism or
	// the thing that failed: two action items that share a remedy concept
	// and a mechanism concept ask for the same thing (ClusterActions).
	Remedy bool `yaml:"remedy"`
	// Object marks the thing that fails (a configuration, a message
	// broker, DNS) rather than how it fails: when a cluster's members
	// share a failure mechanism, an object concept does not decide
	// membership (see pruneToMechanism).
	Object bool `yaml:"object"`
	// Match and NoMatch are example sentences that must and must not
	// produce the concept (Lexicon.CheckExamples runs them).
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no_match"`

	compiled [][][][]string // pattern -> group -> term -> words
	unless   [][]string     // term -> words
}

// Lexicon is an ordered set of concepts. It is immutable once built and
// safe for concurrent use.
type Lexicon struct {
	Concepts []Concept
	byID     map[string]int
	first    map[string][]termRef // first word of a term -> where it is used
}

type termRef struct{ concept, pattern, group, term int }

type lexiconFile struct {
	Concepts []Concept `yaml:"concepts"`
}

// ParseLexicon strictly decodes a lexicon file (unknown fields, empty
// ids, names or groups, duplicate ids and concepts without match and
// no_match examples are errors naming the file) and checks its examples.
func ParseLexicon(name string, data []byte) (*Lexicon, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f lexiconFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	l, err := newLexicon(f.Concepts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := l.CheckExamples(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return l, nil
}

// LoadLexicon reads a user lexicon file and returns its concepts followed
// by the default lexicon's: user concepts are matched first, so they can
// claim words a built-in concept would take, and a user concept with the
// id of a built-in one replaces it. The file's examples are checked on
// their own (ParseLexicon).
func LoadLexicon(path string) (*Lexicon, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	user, err := ParseLexicon(path, data)
	if err != nil {
		return nil, err
	}
	cs := slices.Clone(user.Concepts)
	for _, c := range DefaultLexicon().Concepts {
		if _, ok := user.byID[c.ID]; !ok {
			cs = append(cs, c)
		}
	}
	return newLexicon(cs)
}

var defaultLexicon = func() *Lexicon {
	l, err := ParseLexicon("lexicon.yml", defaultLexiconYAML)
	if err != nil {
		panic("patterns: embedded lexicon: " + err.Error())
	}
	return l
}()

// DefaultLexicon is the embedded lexicon (analysis/patterns/lexicon.yml).
func DefaultLexicon() *Lexicon { return defaultLexicon }

func newLexicon(cs []Concept) (*Lexicon, error) {
	l := &Lexicon{byID: map[string]int{}, first: map[string][]termRef{}}
	for ci := range cs {
		c := cs[ci]
		switch {
		case c.ID == "" || strings.ContainsAny(c.ID, " \t"+ConceptPrefix):
			return nil, fmt.Errorf("concept %d: id %q must be non-empty, without spaces or %q", ci+1, c.ID, ConceptPrefix)
		case c.Name == "":
			return nil, fmt.Errorf("concept %s: no name", c.ID)
		case len(c.Patterns) == 0:
			return nil, fmt.Errorf("concept %s: no patterns", c.ID)
		case len(c.Match) == 0 || len(c.NoMatch) == 0:
			return nil, fmt.Errorf("concept %s: needs match and no_match examples", c.ID)
		case c.Window < 0:
			return nil, fmt.Errorf("concept %s: negative window", c.ID)
		case c.Weight < 0:
			return nil, fmt.Errorf("concept %s: negative weight", c.ID)
		}
		if c.Weight == 0 {
			c.Weight = ConceptWeight
		}
		if _, dup := l.byID[c.ID]; dup {
			return nil, fmt.Errorf("concept %s: duplicate id", c.ID)
		}
		if c.Window == 0 {
			c.Window = defaultWindow
		}
		for _, t := range c.Unless {
			ws := lexWords(t)
			if len(ws) == 0 {
				return nil, fmt.Errorf("concept %s: unless term %q has no words", c.ID, t)
			}
			c.unless = append(c.unless, ws)
		}
		c.compiled = make([][][][]string, len(c.Patterns))
		for pi, p := range c.Patterns {
			if len(p) == 0 {
				return nil, fmt.Errorf("concept %s: pattern %d has no groups", c.ID, pi+1)
			}
			c.compiled[pi] = make([][][]string, len(p))
			for gi, g := range p {
				if len(g) == 0 {
					return nil, fmt.Errorf("concept %s: pattern %d group %d is empty", c.ID, pi+1, gi+1)
				}
				for ti, t := range g {
					ws := lexWords(t)
					if len(ws) == 0 {
						return nil, fmt.Errorf("concept %s: term %q has no words", c.ID, t)
					}
					if len(p) == 1 && !slices.ContainsFunc(ws, func(w string) bool { return !isStop(w) }) {
						// "settings" stems to "set", a stop word: it would match "set up".
						return nil, fmt.Errorf("concept %s: term %q normalises to stop words only (%q); write a longer phrase", c.ID, t, strings.Join(ws, " "))
					}
					c.compiled[pi][gi] = append(c.compiled[pi][gi], ws)
					l.first[ws[0]] = append(l.first[ws[0]], termRef{len(l.Concepts), pi, gi, ti})
				}
			}
		}
		l.byID[c.ID] = len(l.Concepts)
		l.Concepts = append(l.Concepts, c)
	}
	return l, nil
}

// CheckExamples runs every concept's match and no_match examples and
// returns an error listing the ones that fail.
func (l *Lexicon) CheckExamples() error {
	var errs []error
	for _, c := range l.Concepts {
		for _, s := range c.Match {
			if !slices.Contains(l.ConceptsOf(s), c.ID) {
				errs = append(errs, fmt.Errorf("concept %s: does not match %q", c.ID, s))
			}
		}
		for _, s := range c.NoMatch {
			if slices.Contains(l.ConceptsOf(s), c.ID) {
				errs = append(errs, fmt.Errorf("concept %s: matches no_match example %q", c.ID, s))
			}
		}
	}
	return errors.Join(errs...)
}

// Name is the human name of a concept id (with or without ConceptPrefix);
// unknown ids are returned as given.
func (l *Lexicon) Name(id string) string {
	if i, ok := l.byID[strings.TrimPrefix(id, ConceptPrefix)]; ok {
		return l.Concepts[i].Name
	}
	return id
}

// Weight is the weight of a term: a concept token's Weight, 1 for a word
// or an unknown concept.
func (l *Lexicon) Weight(term string) float64 {
	if !strings.HasPrefix(term, ConceptPrefix) {
		return 1
	}
	if i, ok := l.byID[term[len(ConceptPrefix):]]; ok {
		return l.Concepts[i].Weight
	}
	return 1
}

// lexWord is one word of a text: its normalised form, whether it is a
// stop word, and its position (positions jump at sentence ends so that
// no pattern spans two sentences).
type lexWord struct {
	norm string
	stop bool
	pos  int
	sent int // sentence number
}

// sentenceGap is added to word positions at a sentence end.
const sentenceGap = 1000

// isStop reports whether a normalised word is a stop word.
func isStop(w string) bool { return stopWords[w] }

// lexWords normalises a lexicon term into words (stop words kept).
func lexWords(term string) []string {
	var out []string
	for _, w := range textWords(term) {
		out = append(out, w.norm)
	}
	return out
}

// textWords is Tokens with stop words kept and marked.
func textWords(text string) []lexWord {
	toks := nlp.Tokens(text)
	out := make([]lexWord, 0, len(toks))
	pos, sent := 0, 0
	for i, t := range toks {
		if t.Kind != nlp.Word {
			if n := t.Norm; n == "." || n == "!" || n == "?" || n == ";" {
				pos += sentenceGap
				sent++
			}
			continue
		}
		raw := text[t.Start:t.End]
		if i > 0 && toks[i-1].End == t.Start && text[toks[i-1].Start:toks[i-1].End] == "@" {
			continue
		}
		if strings.Contains(raw, "://") || isTicket(raw) {
			continue
		}
		w, stop, ok := normWordStop(strings.Trim(t.Norm, "-_.'/:@"))
		if !ok {
			continue
		}
		out = append(out, lexWord{norm: w, stop: stop, pos: pos, sent: sent})
		pos++
	}
	return out
}

// ConceptsOf returns the ids of the concepts found in text, in the order
// they occur (repeats kept).
func (l *Lexicon) ConceptsOf(text string) []string {
	var out []string
	for _, t := range l.Terms(text) {
		if strings.HasPrefix(t, ConceptPrefix) {
			out = append(out, t[len(ConceptPrefix):])
		}
	}
	return out
}

// Terms is Tokens with concepts folded in: each concept match becomes one
// token ConceptPrefix+id in place of the words it used, which are dropped;
// the other words are kept as Tokens returns them (stop words removed).
func (l *Lexicon) Terms(text string) []string {
	ws := textWords(text)
	if len(ws) == 0 {
		return nil
	}
	// spans[concept][pattern][group] are the places a term of the group occurs.
	type span struct{ start, end int } // word indexes, end exclusive
	hits := map[[3]int][]span{}
	for i := range ws {
		for _, ref := range l.first[ws[i].norm] {
			words := l.Concepts[ref.concept].compiled[ref.pattern][ref.group][ref.term]
			if i+len(words) > len(ws) {
				continue
			}
			ok := true
			for k, w := range words {
				if ws[i+k].norm != w || ws[i+k].pos-ws[i].pos != k {
					ok = false
					break
				}
			}
			if ok {
				key := [3]int{ref.concept, ref.pattern, ref.group}
				hits[key] = append(hits[key], span{i, i + len(words)})
			}
		}
	}
	if len(hits) == 0 {
		return plainTerms(ws)
	}
	used := make([]bool, len(ws))
	emit := map[int][]string{} // word index -> concept tokens emitted there
	free := func(s span) bool {
		for k := s.start; k < s.end; k++ {
			if used[k] {
				return false
			}
		}
		return true
	}
	for ci := range l.Concepts {
		c := &l.Concepts[ci]
		for pi, groups := range c.compiled {
			for _, s0 := range hits[[3]int{ci, pi, 0}] {
				if !free(s0) {
					continue
				}
				chosen := []span{s0}
				for gi := 1; gi < len(groups); gi++ {
					best, bestD := span{-1, -1}, 0
					for _, s := range hits[[3]int{ci, pi, gi}] {
						d := ws[s.start].pos - ws[s0.start].pos
						if d < 0 {
							d = -d
						}
						if d > c.Window || !free(s) || overlaps(s.start, s.end, chosen) {
							continue
						}
						if best.start < 0 || d < bestD {
							best, bestD = s, d
						}
					}
					if best.start < 0 {
						chosen = nil
						break
					}
					chosen = append(chosen, best)
				}
				if chosen == nil || c.cancelled(ws, ws[s0.start].sent) {
					continue
				}
				at := chosen[0].start
				for _, s := range chosen {
					at = min(at, s.start)
					for k := s.start; k < s.end; k++ {
						used[k] = true
					}
				}
				emit[at] = append(emit[at], ConceptPrefix+c.ID)
			}
		}
	}
	out := make([]string, 0, len(ws))
	for i, w := range ws {
		out = append(out, emit[i]...)
		if !used[i] && !w.stop {
			out = append(out, w.norm)
		}
	}
	return out
}

// cancelled reports whether one of the concept's Unless terms occurs in
// sentence sent of ws.
func (c *Concept) cancelled(ws []lexWord, sent int) bool {
	if len(c.unless) == 0 {
		return false
	}
	for i := range ws {
		if ws[i].sent != sent {
			continue
		}
		for _, u := range c.unless {
			if i+len(u) > len(ws) {
				continue
			}
			ok := true
			for k, w := range u {
				if ws[i+k].norm != w || ws[i+k].pos-ws[i].pos != k {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// IsRemedy reports whether a concept token (or id) names a remedy
// (Concept.Remedy); false for words and unknown concepts.
func (l *Lexicon) IsRemedy(term string) bool {
	if i, ok := l.byID[strings.TrimPrefix(term, ConceptPrefix)]; ok && strings.HasPrefix(term, ConceptPrefix) {
		return l.Concepts[i].Remedy
	}
	return false
}

// IsObject reports whether a concept token (or id) names an object
// (Concept.Object).
func (l *Lexicon) IsObject(term string) bool {
	if i, ok := l.byID[strings.TrimPrefix(term, ConceptPrefix)]; ok {
		return l.Concepts[i].Object
	}
	return false
}

func overlaps[S ~struct{ start, end int }](start, end int, spans []S) bool {
	for _, s := range spans {
		x := struct{ start, end int }(s)
		if start < x.end && x.start < end {
			return true
		}
	}
	return false
}

func plainTerms(ws []lexWord) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if !w.stop {
			out = append(out, w.norm)
		}
	}
	return out
}
