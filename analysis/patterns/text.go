// Package patterns finds what repeats across postmortems: action items
// promised again and again (RepeatedActions), incidents that recur on the
// same service (Recurring), themes that travel together or rise and fall
// over the quarters (CoOccurrence, ThemeTrends), and the postmortems most
// like a given one (Index.Similar).
//
// Everything here is a pure function over plain values built from model
// types (FromPostmortem, ActionsOf); the package never reads a store, so the
// dashboard, the report and `debrief patterns` can feed it from wherever
// their postmortems come from.
//
// Scale: no function holds an n-by-n structure. Action clustering uses
// prefix filtering over a frequency-ordered token index (an exact
// set-similarity join); similarity search uses an inverted index over the
// heaviest terms of each document; recurrence compares only documents that
// share a service (or team) within a time window.
package patterns

import (
	"strings"
	"unicode"

	"github.com/debrief-dev/debrief/nlp"
)

// stopWords are dropped from tokens: function words, and the verbs action
// items start with that carry no meaning of their own ("add", "set up").
var stopWords = toSet(`a about above after again all also an and any are as at be been before being
below between both but by can could did do does doing done down during each every few for from
further had has have having he her here hers him his how i if in into is it its itself just
more most my no nor not now of off on once only or other our ours out over own same she should
so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
add added adding set create implement introduce ensure make new need needs must going get
let lets use using via per etc eg ie tbd tba todo none`)

// synonyms map spellings and near-synonyms to one token before stemming.
var synonyms = map[string]string{
	"utilisation": "usage", "utilization": "usage", "utilisations": "usage", "space": "usage",
	"alarm": "alert", "alarms": "alert", "alerting": "alert",
	"paging": "page", "pager": "page",
	"db": "database", "dbs": "database",
	"k8s":   "kubernetes",
	"certs": "certificate", "cert": "certificate", "tls": "certificate",
	"docs": "documentation", "doc": "documentation",
	// "settings" (always a noun) is configuration; it would otherwise
	// stem to the stop word "set". The singular is left alone: "setting
	// up" is a verb.
	"settings": "config",
	"practise": "practice", "practice": "practice",
}

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Tokens splits text into normalised terms: the words of nlp.Tokens
// (hyphenated identifiers such as "checkout-api" stay one term), with
// ticket ids, URLs, @mentions, numbers, versions and stop words removed,
// synonyms folded and suffixes stripped by Stem. The result keeps text
// order and may contain repeats.
func Tokens(text string) []string {
	toks := nlp.Tokens(text)
	out := make([]string, 0, len(toks)/2)
	for i, t := range toks {
		if t.Kind != nlp.Word {
			continue
		}
		raw := text[t.Start:t.End]
		if i > 0 && toks[i-1].End == t.Start && text[toks[i-1].Start:toks[i-1].End] == "@" {
			continue // a mention
		}
		if strings.Contains(raw, "://") || isTicket(raw) {
			continue
		}
		if w, ok := normWord(strings.Trim(t.Norm, "-_.'/:@")); ok {
			out = append(out, w)
		}
	}
	return out
}

// isTicket reports ticket ids such as PAY-123 or OPS2-7 (upper-case key,
// dash, digits), which say nothing about what an item asks for.
func isTicket(w string) bool {
	key, num, ok := strings.Cut(w, "-")
	if !ok || len(key) < 2 || key[0] < 'A' || key[0] > 'Z' {
		return false
	}
	for i := 1; i < len(key); i++ {
		if !(key[i] >= 'A' && key[i] <= 'Z' || key[i] >= '0' && key[i] <= '9') {
			return false
		}
	}
	return allDigits(num)
}

// isVersion reports version strings such as v2.3.1 or 1.19.
func isVersion(w string) bool {
	w = strings.TrimPrefix(w, "v")
	dots := 0
	for i := 0; i < len(w); i++ {
		switch {
		case w[i] == '.':
			if i == 0 || i == len(w)-1 || w[i-1] == '.' {
				return false
			}
			dots++
		case w[i] < '0' || w[i] > '9':
			return false
		}
	}
	return dots > 0
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normWord lowercases, folds synonyms and stems one word; ok is false for
// words that are dropped (stop words included).
func normWord(w string) (string, bool) {
	w, stop, ok := normWordStop(w)
	return w, ok && !stop
}

// normWordStop is normWord that keeps stop words, reporting them: ok is
// false only for non-words (too short, numbers, versions).
func normWordStop(w string) (norm string, stop, ok bool) {
	if len(w) < 2 {
		return "", false, false
	}
	w = strings.ToLower(w)
	w = strings.TrimSuffix(w, "'s")
	if strings.IndexFunc(w, unicode.IsLetter) < 0 || isVersion(w) {
		return "", false, false // numbers, versions
	}
	if stopWords[w] {
		return w, true, true
	}
	if s, ok := synonyms[w]; ok {
		w = s
	}
	if strings.ContainsAny(w, "-_.") {
		return w, false, true // identifiers are kept as written
	}
	w = Stem(w)
	return w, stopWords[w], true
}

// Stem strips common English inflections so that "alerts", "alerting" and
// "alerted" meet at "alert". It is deliberately light (a few suffix rules,
// stems of at least three letters): enough to match paraphrases, not a
// linguistic stemmer.
func Stem(w string) string {
	type rule struct{ suffix, repl string }
	rules := []rule{
		{"ations", "ate"}, {"ation", "ate"}, {"ings", ""}, {"ing", ""}, {"ies", "y"},
		{"ied", "y"}, {"ed", ""}, {"es", ""}, {"s", ""},
	}
	for _, r := range rules {
		if strings.HasSuffix(w, r.suffix) && len(w)-len(r.suffix)+len(r.repl) >= 3 {
			if r.suffix == "s" && (strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is")) {
				continue
			}
			if r.suffix == "es" && !(strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "sses")) {
				continue // "rules" -> "rule" via "s" below
			}
			w = w[:len(w)-len(r.suffix)] + r.repl
			break
		}
	}
	// Undo doubled consonants left by -ing/-ed ("stopped" -> "stopp" -> "stop").
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1]
	}
	// Fold a final silent e so "rotate" and "rotating" meet.
	if n := len(w); n >= 4 && w[n-1] == 'e' && !strings.ContainsRune("aeiou", rune(w[n-2])) {
		w = w[:n-1]
	}
	return w
}

// SurfaceForms maps each of the given normalised terms back to the word
// most often written for it in texts ("usag" -> "usage"), so that terms
// can be shown to people. Terms never seen keep their normalised form.
func SurfaceForms(terms []string, texts ...string) []string {
	want := make(map[string]map[string]int, len(terms))
	for _, t := range terms {
		want[t] = map[string]int{}
	}
	for _, text := range texts {
		for _, tok := range nlp.Tokens(text) {
			if tok.Kind != nlp.Word {
				continue
			}
			raw := strings.ToLower(strings.Trim(text[tok.Start:tok.End], "-_.'/:@"))
			w, ok := normWord(raw)
			if !ok {
				continue
			}
			if forms, ok := want[w]; ok {
				forms[raw]++
			}
		}
	}
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t
		best := 0
		for form, n := range want[t] {
			if n > best || n == best && form < out[i] {
				out[i], best = form, n
			}
		}
	}
	return out
}
