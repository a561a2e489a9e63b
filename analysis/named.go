package analysis

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/nlp"
)

// Named rules (type named) work on a whole document: a name the document
// introduces as a third party with one of the rule's introducers
//
//	Tessera Pay, our card-terminal vendor, pushed an update.
//	We send the file to the label supplier, Lumen Shelf.
//	Optitherm (the chiller contractor) sent an engineer.
//
// makes every later sentence that names it ("Tessera confirms the fault")
// carry the rule's label, when no other rule of that label fired there.
// The finding's span is the name.

// maxNameWords bounds a name ("Tessera Pay", "North Star Labels").
const maxNameWords = 3

// nameStopWords are capitalised words that open sentences or clauses and
// name nothing.
var nameStopWords = map[string]bool{"the": true, "our": true, "we": true, "a": true, "an": true, "this": true,
	"that": true, "these": true, "those": true, "it": true, "its": true, "they": true, "their": true, "on": true,
	"in": true, "at": true, "by": true, "for": true, "if": true, "when": true, "after": true, "before": true,
	"once": true, "then": true, "and": true, "but": true, "so": true, "i": true, "he": true, "she": true,
	"you": true, "my": true, "his": true, "her": true, "from": true, "to": true, "with": true, "as": true,
	"while": true, "during": true, "since": true, "until": true, "however": true, "also": true, "both": true,
	"all": true, "no": true, "not": true, "one": true, "two": true, "some": true, "every": true, "each": true,
	"there": true, "here": true, "what": true, "why": true, "how": true, "who": true, "first": true,
	"second": true, "third": true, "next": true, "today": true, "yesterday": true, "monday": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true, "utc": true,
	"gmt": true, "bst": true, "impact": true, "timeline": true, "summary": true, "status": true, "owner": true,
	"team": true, "update": true, "note": true, "action": true, "actions": true}

// determiners open the noun phrase of an introduction: "our card-terminal
// vendor", "the label supplier".
var determiners = map[string]bool{"our": true, "the": true, "a": true, "an": true, "their": true, "its": true}

// namedParties returns the names the candidate sentences introduce with
// one of intro's words, longest first.
func namedParties(sents []string, candidates []bool, intro map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	add := func(text string, toks []nlp.Token, i, j int) {
		name := text[toks[i].Start:toks[j-1].End]
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		// "Tessera Pay" is also "Tessera" later on.
		if j-i > 1 && utf8.RuneCountInString(toks[i].Norm) >= 4 {
			if head := text[toks[i].Start:toks[i].End]; !seen[head] {
				seen[head] = true
				out = append(out, head)
			}
		}
	}
	for si, text := range sents {
		if !candidates[si] {
			continue
		}
		toks := nlp.Tokens(text)
		for i := 0; i < len(toks); i++ {
			j := nameRun(text, toks, i)
			if j == i {
				continue
			}
			if plausibleName(text, toks, i, j) && (introducedAfter(toks, j, intro) || introducedBefore(toks, i, intro)) {
				add(text, toks, i, j)
			}
			i = j - 1
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a]) > len(out[b]) })
	return out
}

// nameRun returns the end of the run of capitalised words at i (i when
// none): at most maxNameWords, none a stop word.
func nameRun(text string, toks []nlp.Token, i int) int {
	j := i
	for j < len(toks) && j-i < maxNameWords && capitalised(text, toks[j]) {
		j++
	}
	return j
}

// plausibleName rejects runs that name no party: an all-capitals
// abbreviation ("the partner API"), a sentence-opening adverb ("Frankly,
// a contractor who ...").
func plausibleName(text string, toks []nlp.Token, i, j int) bool {
	name := text[toks[i].Start:toks[j-1].End]
	if strings.ToUpper(name) == name {
		return false
	}
	return !(i == 0 && j == 1 && strings.HasSuffix(toks[0].Norm, "ly"))
}

func capitalised(text string, t nlp.Token) bool {
	if t.Kind != nlp.Word || nameStopWords[t.Norm] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
	return unicode.IsUpper(r)
}

// introducedAfter: "<name>, our card-terminal vendor", "<name> (the
// chiller contractor)".
func introducedAfter(toks []nlp.Token, j int, intro map[string]bool) bool {
	k := j
	if k >= len(toks) || toks[k].Norm != "," && toks[k].Norm != "(" {
		return false
	}
	k++
	if k >= len(toks) || !determiners[toks[k].Norm] {
		return false
	}
	return introducerWithin(toks, k+1, intro)
}

// introducedBefore: "our payroll partner Tallyhand", "the label supplier,
// Lumen Shelf".
func introducedBefore(toks []nlp.Token, i int, intro map[string]bool) bool {
	k := i - 1
	if k >= 0 && toks[k].Norm == "," {
		k--
	}
	if k < 0 || !isIntroducer(toks[k], intro) {
		return false
	}
	// A determiner at most three words before the introducer.
	for d := k - 1; d >= 0 && d >= k-4; d-- {
		if toks[d].Kind != nlp.Word {
			return false
		}
		if determiners[toks[d].Norm] {
			return true
		}
	}
	return false
}

// introducerWithin reports an introducer within the next four words from
// k, before any punctuation other than a hyphen inside a word.
func introducerWithin(toks []nlp.Token, k int, intro map[string]bool) bool {
	for n := 0; k < len(toks) && n < 4; k, n = k+1, n+1 {
		if toks[k].Kind != nlp.Word {
			return false
		}
		if isIntroducer(toks[k], intro) {
			return true
		}
	}
	return false
}

func isIntroducer(t nlp.Token, intro map[string]bool) bool {
	return t.Kind == nlp.Word && (intro[t.Norm] || strings.HasSuffix(t.Norm, "s") && intro[t.Norm[:len(t.Norm)-1]])
}

// nameIn returns the span of the first of names that sentence mentions as
// whole words, or -1.
func nameIn(sentence string, names []string) (start, end int) {
	for _, n := range names {
		for from := 0; from < len(sentence); {
			i := strings.Index(sentence[from:], n)
			if i < 0 {
				break
			}
			i += from
			e := i + len(n)
			if wordEdge(sentence, i-1) && wordEdge(sentence, e) {
				return i, e
			}
			from = i + 1
		}
	}
	return -1, -1
}

// wordEdge reports that the byte at i (or the text's edge) does not
// continue a word.
func wordEdge(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80)
}

// namedPass appends the findings of the named rules to findings, which
// hold the per-sentence findings of sents (Sentence indexes into sents;
// offsets[i] is added to a span in sentence i); candidates marks the
// sentences that hold an introducer word (tagIntro). It returns findings.
func (a *Analyzer) namedPass(findings []model.Finding, sents []string, offsets []int, candidates []bool) []model.Finding {
	for _, r := range a.named {
		names := namedParties(sents, candidates, r.introducers)
		if len(names) == 0 {
			continue
		}
		has := make([]bool, len(sents))
		for _, f := range findings {
			if f.Kind == r.info.Kind && f.Label == r.info.Label && f.Sentence >= 0 && f.Sentence < len(sents) {
				has[f.Sentence] = true
			}
		}
		for i, s := range sents {
			if has[i] {
				continue
			}
			if st, en := nameIn(s, names); st >= 0 {
				off := 0
				if offsets != nil {
					off = offsets[i]
				}
				findings = append(findings, r.finding(s, i, st, en))
				f := &findings[len(findings)-1]
				f.Start, f.End = st+off, en+off
			}
		}
	}
	return findings
}
