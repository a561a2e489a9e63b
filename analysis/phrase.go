package analysis

import (
	"fmt"
	"strings"

	"github.com/debrief-dev/debrief/nlp"
)

// A phrase is a compiled token pattern. Syntax (whitespace separates
// positions):
//
//	word        a literal word (case-insensitive; tokenized like the text, so
//	            "didn't" is the two positions "did" "not")
//	word~       the word or one of its inflections (fail, fails, failed, failing)
//	a|b|c       any one of the alternatives (each a single token, may use ~)
//	*           any single word
//	x?          position x is optional (x is any of the above)
//	{class}     a word class: {participle} (past participles: noticed, known,
//	            caught), {person} (we, I, someone, the engineer...), {system}
//	            (it, the job, the pod...)
//	!a|b        zero-width negative lookahead: the next token is not a or b
//	            ("root cause !(" skips "root cause(s)")
//	:  ,  "     punctuation is matched literally
//
// The first position must be a literal word, alternatives or a {person} /
// {system} class, and not optional: its words are the keys of the token
// index that makes matching fast.
type phrase struct {
	src string
	pos []position
}

type position struct {
	words    map[string]bool // literal alternatives (normalised)
	any      bool            // "*": any word token
	class    string          // "participle", "person", "system"
	optional bool
	// not makes the position a zero-width negative lookahead: the next
	// token must not be one of words (end of sentence is fine).
	not bool
	// set holds the vocabulary ids of words (or of the class's words),
	// filled when the analyzer is built; matching tests it, not words.
	set bitset
}

var classes = map[string]bool{"participle": true, "person": true, "system": true}

func compilePhrase(src string, inflectAll bool) (*phrase, error) {
	fields := strings.Fields(src)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty phrase")
	}
	ph := &phrase{src: src}
	for _, f := range fields {
		optional := false
		if len(f) > 1 && strings.HasSuffix(f, "?") {
			optional = true
			f = f[:len(f)-1]
		}
		switch {
		case strings.HasPrefix(f, "!") && len(f) > 1:
			p := position{words: map[string]bool{}, not: true}
			for _, alt := range strings.Split(f[1:], "|") {
				ws := tokenNorms(alt)
				if len(ws) != 1 {
					return nil, fmt.Errorf("lookahead alternative %q must be one token", alt)
				}
				p.words[ws[0]] = true
			}
			if optional {
				return nil, fmt.Errorf("a lookahead (!x) cannot be optional")
			}
			ph.pos = append(ph.pos, p)
		case f == "*":
			ph.pos = append(ph.pos, position{any: true, optional: optional})
		case strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}"):
			c := f[1 : len(f)-1]
			if !classes[c] {
				return nil, fmt.Errorf("unknown word class %s (want {participle}, {person} or {system})", f)
			}
			ph.pos = append(ph.pos, position{class: c, optional: optional})
		case strings.Contains(f, "|"):
			p := position{words: map[string]bool{}, optional: optional}
			for _, alt := range strings.Split(f, "|") {
				infl := inflectAll
				if strings.HasSuffix(alt, "~") {
					infl, alt = true, strings.TrimSuffix(alt, "~")
				}
				ws := tokenNorms(alt)
				if len(ws) != 1 {
					return nil, fmt.Errorf("alternative %q must be one word", alt)
				}
				addForms(p.words, ws[0], infl)
			}
			ph.pos = append(ph.pos, p)
		default:
			infl := inflectAll
			if strings.HasSuffix(f, "~") && len(f) > 1 {
				infl, f = true, strings.TrimSuffix(f, "~")
			}
			ws := tokenNorms(f)
			if len(ws) == 0 {
				return nil, fmt.Errorf("position %q has no word", f)
			}
			for k, w := range ws {
				p := position{words: map[string]bool{}, optional: optional}
				addForms(p.words, w, infl && len(ws) == 1)
				_ = k
				ph.pos = append(ph.pos, p)
			}
		}
	}
	if first := ph.pos[0]; (first.words == nil && first.class != "person" && first.class != "system") || first.optional || first.not {
		return nil, fmt.Errorf("a phrase must start with a required word, alternatives or {person}/{system}, not %q", fields[0])
	}
	return ph, nil
}

// tokenNorms returns the normalised forms of all tokens of s. A lone
// clitic ("'s", "'re", "n't") stands for itself as it appears after a word.
func tokenNorms(s string) []string {
	switch strings.ReplaceAll(s, "’", "'") {
	case "'s", "'d":
		return []string{s}
	case "'re":
		return []string{"are"}
	case "'ve":
		return []string{"have"}
	case "'ll":
		return []string{"will"}
	case "'m":
		return []string{"am"}
	case "n't":
		return []string{"not"}
	}
	var out []string
	for _, t := range nlp.Tokens(s) {
		out = append(out, t.Norm)
	}
	return out
}

func addForms(set map[string]bool, w string, inflect bool) {
	set[w] = true
	if inflect {
		for _, f := range inflections(w) {
			set[f] = true
		}
	}
}

// irregular verb forms: base -> other forms.
var irregular = map[string][]string{
	"forget":        {"forgot", "forgotten", "forgets", "forgetting"},
	"think":         {"thought", "thinks", "thinking"},
	"know":          {"knew", "known", "knows", "knowing"},
	"make":          {"made", "makes", "making"},
	"break":         {"broke", "broken", "breaks", "breaking"},
	"take":          {"took", "taken", "takes", "taking"},
	"run":           {"ran", "runs", "running"},
	"go":            {"went", "gone", "goes", "going"},
	"see":           {"saw", "seen", "sees", "seeing"},
	"catch":         {"caught", "catches", "catching"},
	"do":            {"did", "done", "does", "doing"},
	"be":            {"was", "were", "been", "is", "are", "being", "am"},
	"have":          {"had", "has", "having"},
	"slip":          {"slipped", "slipping", "slips"},
	"fall":          {"fell", "fallen", "falls", "falling"},
	"write":         {"wrote", "written", "writes", "writing"},
	"give":          {"gave", "given", "gives", "giving"},
	"get":           {"got", "gotten", "gets", "getting"},
	"leave":         {"left", "leaves", "leaving"},
	"mean":          {"meant", "means", "meaning"},
	"send":          {"sent", "sends", "sending"},
	"hold":          {"held", "holds", "holding"},
	"spend":         {"spent", "spends", "spending"},
	"rise":          {"rose", "risen", "rises", "rising"},
	"grow":          {"grew", "grown", "grows", "growing"},
	"build":         {"built", "builds", "building"},
	"overlook":      {"overlooked", "overlooks", "overlooking"},
	"mislead":       {"misled", "misleads", "misleading"},
	"misread":       {"misreads", "misreading"},
	"understand":    {"understood", "understands", "understanding"},
	"misunderstand": {"misunderstood", "misunderstands", "misunderstanding"},
	"believe":       {"believed", "believes", "believing"},
	"leak":          {"leaked", "leaks", "leaking"},
	"expire":        {"expired", "expires", "expiring"},
	"spike":         {"spiked", "spikes", "spiking"},
}

// inflections returns plural/verb forms of w: -s/-es, -ed/-d, -ing, with
// e-dropping, y->i and final consonant doubling for short words. Over-
// generation is harmless: forms that are not words never occur in text.
func inflections(w string) []string {
	if forms, ok := irregular[w]; ok {
		return forms
	}
	if len(w) < 2 || !isLetters(w) {
		return []string{w + "s"}
	}
	if k := strings.LastIndexByte(w, '-'); k > 0 && k < len(w)-2 {
		// rate-limit -> rate-limited: inflect the last part.
		var out []string
		for _, f := range inflections(w[k+1:]) {
			out = append(out, w[:k+1]+f)
		}
		return out
	}
	var out []string
	last := w[len(w)-1]
	switch {
	case strings.HasSuffix(w, "e"):
		stem := w[:len(w)-1]
		out = append(out, w+"s", w+"d", stem+"ing")
	case last == 'y' && !isVowel(w[len(w)-2]):
		stem := w[:len(w)-1]
		out = append(out, stem+"ies", stem+"ied", w+"ing")
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		out = append(out, w+"es", w+"ed", w+"ing")
	default:
		out = append(out, w+"s", w+"ed", w+"ing")
		// CVC words double the final consonant: slip -> slipped, plan -> planned.
		if len(w) >= 3 && !isVowel(last) && last != 'w' && last != 'x' && last != 'y' &&
			isVowel(w[len(w)-2]) && !isVowel(w[len(w)-3]) {
			d := w + string(last)
			out = append(out, d+"ed", d+"ing")
		}
	}
	return out
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < 'a' || s[i] > 'z') && s[i] != '-' {
			return false
		}
	}
	return true
}

// matchAt tries to match ph at token i; ids are the vocabulary ids of the
// tokens (-1 for words no rule uses). It returns the index after the last
// matched token, or -1.
func (ph *phrase) matchAt(toks []nlp.Token, ids []int32, i int) int {
	return matchFrom(ph.pos, toks, ids, i)
}

func matchFrom(pos []position, toks []nlp.Token, ids []int32, i int) int {
	if len(pos) == 0 {
		return i
	}
	p := &pos[0]
	if p.not {
		if i < len(toks) && p.set.has(ids[i]) {
			return -1
		}
		return matchFrom(pos[1:], toks, ids, i)
	}
	if i < len(toks) && p.accepts(toks, ids, i) {
		if end := matchFrom(pos[1:], toks, ids, i+1); end >= 0 {
			return end
		}
	}
	if p.optional {
		return matchFrom(pos[1:], toks, ids, i)
	}
	return -1
}

func (p *position) accepts(toks []nlp.Token, ids []int32, i int) bool {
	switch {
	case p.set != nil:
		return p.set.has(ids[i])
	case p.any:
		return toks[i].Kind == nlp.Word
	case p.class == "participle":
		return toks[i].Kind == nlp.Word && isParticiple(toks[i].Norm)
	}
	return false
}

// wordsOf returns the words a position accepts: its literal words, or the
// words of its {person} / {system} class.
func (p *position) wordsOf() map[string]bool {
	switch p.class {
	case "person":
		return personWords
	case "system":
		return systemWords
	}
	return p.words
}

// firstWords returns the index keys of the phrase: the words its first
// position accepts (for a {person} or {system} class, the class's words).
func (ph *phrase) firstWords() []string {
	words := ph.pos[0].wordsOf()
	out := make([]string, 0, len(words))
	for w := range words {
		out = append(out, w)
	}
	return out
}
