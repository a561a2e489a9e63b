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
	// Ordered requires the groups of a pattern to occur in the order
	// written ("no ... canary", not "the canary saw no load").
	Ordered bool `yaml:"ordered"`
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
	// Standalone marks a remedy specific enough to name a follow-up on
	// its own ("add jittered backoff", "a retry budget", "randomise
	// reconnects" all ask to back off retries): two action items sharing
	// it are one follow-up at ActionOptions.PairThreshold whether or not
	// they name a mechanism. Generic remedies (alerting, runbooks) are
	// not standalone: "alert on X" and "alert on Y" are different asks.
	Standalone bool `yaml:"standalone"`
	// Object marks the thing that fails (a configuration, a message
	// broker, DNS) rather than how it fails: when a cluster's members
	// share a failure mechanism, an object concept does not decide
	// membership (see pruneToMechanism).
	Object bool `yaml:"object"`
	// NoIncident marks wordings that say a writeup reports no incident
	// ("not an incident", "nothing went wrong", "a near miss"): a writeup
	// naming one in its title, summary or cause sections is a planned
	// change review or a near miss, and joins no failure-mode cluster.
	NoIncident bool `yaml:"no_incident"`
	// As makes the concept another wording of concept As: its matches
	// emit As's token (and take As's name, weight, remedy and object
	// flags). It lets one mechanism have patterns with different windows
	// or hard negatives ("no canary" within a few words, "pushed to every
	// region" within a sentence).
	As string `yaml:"as"`
	// Match and NoMatch are example sentences that must and must not
	// produce the concept (Lexicon.CheckExamples runs them).
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no_match"`

	compiled [][][][]slot // pattern -> group -> term -> slots
	unless   [][]slot     // term -> slots
	emit     string       // the token emitted: ConceptPrefix + (As or ID)
}

// slot is one position of a compiled term: a literal normalised word, or
// a word class ("$place": any member; "$place?": optional).
type slot struct {
	word     string
	class    *wordClass
	optional bool
}

// wordClass is a named set of words a term can refer to as $name:
// literal members, and wildcard members written "*-wide" (any word
// ending in "-wide") or "per-*" (any word starting with "per-"). The
// built-in class $any is any one word that is not a stop word.
type wordClass struct {
	name               string
	words              map[string]bool
	prefixes, suffixes []string
	any                bool
}

func (c *wordClass) has(w lexWord) bool {
	if c.any {
		return !w.stop
	}
	if c.words[w.norm] {
		return true
	}
	for _, p := range c.prefixes {
		if len(w.norm) > len(p) && strings.HasPrefix(w.norm, p) {
			return true
		}
	}
	for _, x := range c.suffixes {
		if len(w.norm) > len(x) && strings.HasSuffix(w.norm, x) {
			return true
		}
	}
	return false
}

func (s slot) matches(w lexWord) bool {
	if s.class != nil {
		return s.class.has(w)
	}
	return w.norm == s.word
}

// Lexicon is an ordered set of concepts. It is immutable once built and
// safe for concurrent use.
type Lexicon struct {
	Concepts []Concept
	byID     map[string]int
	first    map[string][]termRef // first word of a term -> where it is used
	wild     []termRef            // terms whose first slot is a wildcard class
	classes  map[string]*wordClass
}

type termRef struct{ concept, pattern, group, term int }

type lexiconFile struct {
	// Classes are named word sets terms refer to as $name (see
	// wordClass); a user file may use the classes of the default lexicon.
	Classes  map[string][]string `yaml:"classes"`
	Concepts []Concept           `yaml:"concepts"`
}

// ParseLexicon strictly decodes a lexicon file (unknown fields, empty
// ids, names or groups, duplicate ids and concepts without match and
// no_match examples are errors naming the file) and checks its examples.
func ParseLexicon(name string, data []byte) (*Lexicon, error) {
	return parseLexicon(name, data, DefaultLexicon().classes)
}

// parseLexicon is ParseLexicon with the classes of base available to
// the file (its own classes of the same name replace them).
func parseLexicon(name string, data []byte, base map[string]*wordClass) (*Lexicon, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f lexiconFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	classes, err := compileClasses(f.Classes, base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	l, err := newLexicon(f.Concepts, classes)
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
	return newLexicon(cs, user.classes)
}

var defaultLexicon = func() *Lexicon {
	l, err := parseLexicon("lexicon.yml", defaultLexiconYAML, nil)
	if err != nil {
		panic("patterns: embedded lexicon: " + err.Error())
	}
	return l
}()

// DefaultLexicon is the embedded lexicon (analysis/patterns/lexicon.yml).
func DefaultLexicon() *Lexicon { return defaultLexicon }

// compileClasses normalises the classes of a file, over those of base.
func compileClasses(src map[string][]string, base map[string]*wordClass) (map[string]*wordClass, error) {
	out := map[string]*wordClass{"any": {name: "any", any: true}}
	for k, v := range base {
		out[k] = v
	}
	names := make([]string, 0, len(src))
	for n := range src {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if n == "any" || n == "" || strings.ContainsAny(n, " \t$?*") {
			return nil, fmt.Errorf("class %q: reserved or invalid name", n)
		}
		c := &wordClass{name: n, words: map[string]bool{}}
		for _, m := range src[n] {
			switch {
			case strings.HasPrefix(m, "*") && len(m) > 1 && !strings.ContainsAny(m[1:], " *"):
				c.suffixes = append(c.suffixes, strings.ToLower(m[1:]))
			case strings.HasSuffix(m, "*") && len(m) > 1 && !strings.ContainsAny(m[:len(m)-1], " *"):
				c.prefixes = append(c.prefixes, strings.ToLower(m[:len(m)-1]))
			default:
				ws, err := lexWords(m)
				if err != nil || len(ws) != 1 {
					return nil, fmt.Errorf("class %s: member %q must be one word", n, m)
				}
				c.words[ws[0]] = true
			}
		}
		out[n] = c
	}
	return out, nil
}

// compileTerm turns a term into slots: words are normalised, $name and
// $name? refer to classes. The first slot must be present (not optional)
// and a term must have a word that is not a stop word unless stopOK.
func compileTerm(t string, classes map[string]*wordClass) ([]slot, error) {
	var out []slot
	for _, f := range strings.Fields(t) {
		if strings.HasPrefix(f, "$") {
			name, opt := strings.TrimSuffix(f[1:], "?"), strings.HasSuffix(f, "?")
			c := classes[name]
			if c == nil {
				return nil, fmt.Errorf("term %q: unknown class $%s", t, name)
			}
			if opt && len(out) == 0 {
				return nil, fmt.Errorf("term %q: the first word cannot be optional", t)
			}
			out = append(out, slot{class: c, optional: opt})
			continue
		}
		ws, err := lexWords(f)
		if err != nil {
			return nil, fmt.Errorf("term %q: %w", t, err)
		}
		for _, w := range ws {
			out = append(out, slot{word: w})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("term %q has no words", t)
	}
	if c := out[0].class; c != nil && c.any {
		return nil, fmt.Errorf("term %q: cannot start with $any", t)
	}
	return out, nil
}

func newLexicon(cs []Concept, classes map[string]*wordClass) (*Lexicon, error) {
	if classes == nil {
		classes = map[string]*wordClass{"any": {name: "any", any: true}}
	}
	l := &Lexicon{byID: map[string]int{}, first: map[string][]termRef{}, classes: classes}
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
		case c.Standalone && !c.Remedy:
			return nil, fmt.Errorf("concept %s: standalone is for remedies (set remedy: true)", c.ID)
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
		c.unless = nil
		for _, t := range c.Unless {
			ws, err := compileTerm(t, classes)
			if err != nil {
				return nil, fmt.Errorf("concept %s: unless term: %w", c.ID, err)
			}
			c.unless = append(c.unless, ws)
		}
		c.compiled = make([][][][]slot, len(c.Patterns))
		for pi, p := range c.Patterns {
			if len(p) == 0 {
				return nil, fmt.Errorf("concept %s: pattern %d has no groups", c.ID, pi+1)
			}
			c.compiled[pi] = make([][][]slot, len(p))
			for gi, g := range p {
				if len(g) == 0 {
					return nil, fmt.Errorf("concept %s: pattern %d group %d is empty", c.ID, pi+1, gi+1)
				}
				for ti, t := range g {
					ws, err := compileTerm(t, classes)
					if err != nil {
						return nil, fmt.Errorf("concept %s: %w", c.ID, err)
					}
					if len(p) == 1 && !slices.ContainsFunc(ws, func(s slot) bool { return s.class != nil || !isStop(s.word) }) {
						// "settings" stems to "set", a stop word: it would match "set up".
						var norm []string
						for _, s := range ws {
							norm = append(norm, s.word)
						}
						return nil, fmt.Errorf("concept %s: term %q normalises to stop words only (%q); write a longer phrase", c.ID, t, strings.Join(norm, " "))
					}
					c.compiled[pi][gi] = append(c.compiled[pi][gi], ws)
					ref := termRef{len(l.Concepts), pi, gi, ti}
					switch first := ws[0].class; {
					case first == nil:
						l.first[ws[0].word] = append(l.first[ws[0].word], ref)
					case len(first.prefixes) > 0 || len(first.suffixes) > 0:
						l.wild = append(l.wild, ref)
						fallthrough
					default:
						for w := range first.words {
							l.first[w] = append(l.first[w], ref)
						}
					}
				}
			}
		}
		c.emit = ConceptPrefix + c.ID
		if c.As != "" {
			c.emit = ConceptPrefix + c.As
		}
		l.byID[c.ID] = len(l.Concepts)
		l.Concepts = append(l.Concepts, c)
	}
	for _, c := range l.Concepts {
		if c.As == "" {
			continue
		}
		if i, ok := l.byID[c.As]; !ok || l.Concepts[i].As != "" {
			return nil, fmt.Errorf("concept %s: as: %q is not a concept of its own", c.ID, c.As)
		}
	}
	// A word class can index the same term under several words; keep one
	// reference per first word.
	for w, refs := range l.first {
		l.first[w] = slices.Compact(refs)
	}
	return l, nil
}

// CheckExamples runs every concept's match and no_match examples and
// returns an error listing the ones that fail.
func (l *Lexicon) CheckExamples() error {
	var errs []error
	for _, c := range l.Concepts {
		id := c.emit[len(ConceptPrefix):]
		for _, s := range c.Match {
			if !slices.Contains(l.ConceptsOf(s), id) {
				errs = append(errs, fmt.Errorf("concept %s: does not match %q", c.ID, s))
			}
		}
		for _, s := range c.NoMatch {
			if slices.Contains(l.ConceptsOf(s), id) {
				errs = append(errs, fmt.Errorf("concept %s: matches no_match example %q", c.ID, s))
			}
		}
	}
	return errors.Join(errs...)
}

// Name is the human name of a concept id (with or without ConceptPrefix);
// unknown ids are returned as given.
func (l *Lexicon) Name(id string) string {
	if c := l.concept(strings.TrimPrefix(id, ConceptPrefix)); c != nil {
		return c.Name
	}
	return id
}

// concept is the concept of an id, following As; nil when unknown.
func (l *Lexicon) concept(id string) *Concept {
	i, ok := l.byID[id]
	if !ok {
		return nil
	}
	if as := l.Concepts[i].As; as != "" {
		if i, ok = l.byID[as]; !ok {
			return nil
		}
	}
	return &l.Concepts[i]
}

// Weight is the weight of a term: a concept token's Weight, 1 for a word
// or an unknown concept.
func (l *Lexicon) Weight(term string) float64 {
	if !strings.HasPrefix(term, ConceptPrefix) {
		return 1
	}
	if c := l.concept(term[len(ConceptPrefix):]); c != nil {
		return c.Weight
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

// lexWords normalises a lexicon term into words (stop words kept). A
// word that normalisation drops from text (a number, a version) is an
// error: "route 53" would otherwise match every "route".
func lexWords(term string) ([]string, error) {
	var out []string
	for _, w := range textWords(term) {
		out = append(out, w.norm)
	}
	for _, t := range nlp.Tokens(term) {
		if t.Kind != nlp.Word {
			continue
		}
		raw := strings.Trim(t.Norm, "-_.'/:@")
		if len(raw) < 2 {
			continue // "a": dropped from text the same way
		}
		if _, _, ok := normWordStop(raw); !ok {
			return nil, fmt.Errorf("%q in %q is dropped from text (numbers, versions): it cannot match", raw, term)
		}
	}
	return out, nil
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
	try := func(i int, ref termRef) {
		if end, ok := matchSlots(ws, i, l.Concepts[ref.concept].compiled[ref.pattern][ref.group][ref.term]); ok {
			key := [3]int{ref.concept, ref.pattern, ref.group}
			hits[key] = append(hits[key], span{i, end})
		}
	}
	for i := range ws {
		for _, ref := range l.first[ws[i].norm] {
			try(i, ref)
		}
		for _, ref := range l.wild {
			if c := l.Concepts[ref.concept].compiled[ref.pattern][ref.group][ref.term][0].class; !c.words[ws[i].norm] && c.has(ws[i]) {
				try(i, ref)
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
						if d > c.Window || !free(s) || overlaps(s.start, s.end, chosen) || c.Ordered && s.start <= chosen[gi-1].start {
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
				emit[at] = append(emit[at], c.emit)
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
			if _, ok := matchSlots(ws, i, u); ok {
				return true
			}
		}
	}
	return false
}

// matchSlots matches a compiled term at ws[i], the words consecutive in
// one sentence; it returns the end (exclusive) of the match. Optional
// slots are tried present first, then absent (backtracking).
func matchSlots(ws []lexWord, i int, slots []slot) (int, bool) {
	var rec func(i, k, prev int) (int, bool)
	rec = func(i, k, prev int) (int, bool) {
		if k == len(slots) {
			return i, true
		}
		s := slots[k]
		if i < len(ws) && (k == 0 || ws[i].pos == prev+1) && s.matches(ws[i]) {
			if end, ok := rec(i+1, k+1, ws[i].pos); ok {
				return end, true
			}
		}
		if s.optional {
			return rec(i, k+1, prev)
		}
		return 0, false
	}
	return rec(i, 0, 0)
}

// IsRemedy reports whether a concept token (or id) names a remedy
// (Concept.Remedy); false for words and unknown concepts.
func (l *Lexicon) IsRemedy(term string) bool {
	if c := l.concept(strings.TrimPrefix(term, ConceptPrefix)); c != nil && strings.HasPrefix(term, ConceptPrefix) {
		return c.Remedy
	}
	return false
}

// IsStandalone reports whether a concept token (or id) names a remedy
// that makes a follow-up on its own (Concept.Standalone).
func (l *Lexicon) IsStandalone(term string) bool {
	if c := l.concept(strings.TrimPrefix(term, ConceptPrefix)); c != nil && strings.HasPrefix(term, ConceptPrefix) {
		return c.Remedy && c.Standalone
	}
	return false
}

// IsObject reports whether a concept token (or id) names an object
// (Concept.Object).
func (l *Lexicon) IsObject(term string) bool {
	if c := l.concept(strings.TrimPrefix(term, ConceptPrefix)); c != nil {
		return c.Object
	}
	return false
}

// IsNoIncident reports whether a concept token (or id) says a writeup
// reports no incident (Concept.NoIncident).
func (l *Lexicon) IsNoIncident(term string) bool {
	if c := l.concept(strings.TrimPrefix(term, ConceptPrefix)); c != nil {
		return c.NoIncident
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
