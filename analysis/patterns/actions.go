package patterns

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// ActionRef is one action item together with the postmortem it came from.
// It mirrors store.ActionItemRow, so callers convert field by field.
type ActionRef struct {
	DocID    string `json:"doc_id"`
	DocTitle string `json:"doc_title,omitempty"`
	Team     string `json:"team,omitempty"`
	// Services of the postmortem; their names are ignored when comparing
	// action texts, so "Add disk alerts for checkout-api" and "Add disk
	// alerts for ledger" are the same follow-up.
	Services []string   `json:"services,omitempty"`
	Date     *time.Time `json:"date,omitempty"`
	model.ActionItem
}

// ActionCluster is a group of action items that ask for the same thing.
type ActionCluster struct {
	// Label is the most common wording in the cluster (ties: one that
	// does not name its postmortem's service, then the shortest, then
	// alphabetical).
	Label string `json:"label"`
	// Terms are the normalised terms of the cluster's leading wording.
	Terms []string `json:"terms"`
	// Count is the number of action items; Docs the number of distinct
	// postmortems they come from.
	Count int `json:"count"`
	Docs  int `json:"docs"`
	// DocIDs are the distinct postmortems, sorted.
	DocIDs []string `json:"doc_ids"`
	// Open counts items whose status is not "done".
	Open  int      `json:"open"`
	Teams []string `json:"teams"`
	// First and Last are the earliest and latest postmortem dates (nil
	// when no item had a date).
	First *time.Time `json:"first,omitempty"`
	Last  *time.Time `json:"last,omitempty"`
	// Examples are up to ActionOptions.Examples items with distinct
	// wording, in Label order.
	Examples []ActionRef `json:"examples"`
}

// ActionOptions tune ClusterActions. Zero values take the defaults.
type ActionOptions struct {
	// Threshold is the weighted Jaccard similarity of term sets (concept
	// tokens weigh their Concept.Weight, words 1) at or above which two wordings
	// are the same action. Default 0.55.
	Threshold float64
	// PairThreshold is the weighted Jaccard similarity at or above which
	// two wordings that share a remedy and a mechanism concept (see
	// remedyPairs) are the same action. Default 0.3.
	PairThreshold float64
	// MinDocs drops clusters found in fewer distinct postmortems. Default 2.
	MinDocs int
	// Examples is the number of example items kept per cluster. Default 3.
	Examples int
	// Lexicon folds wordings into concept tokens (nil: DefaultLexicon).
	Lexicon *Lexicon
}

// ConceptWeight is the default weight of a concept token (Concept.Weight)
// in the weighted Jaccard similarity of action items, where a word weighs
// 1: two items naming the same mechanism match even when each adds a word
// of its own.
const ConceptWeight = 3.0

// DefaultPairThreshold is the default ActionOptions.PairThreshold.
const DefaultPairThreshold = 0.3

// DefaultActionThreshold is the Jaccard threshold RepeatedActions uses.
const DefaultActionThreshold = 0.55

// RepeatedActions clusters action items by wording and returns the
// clusters that occur in at least minCount distinct postmortems, most
// repeated first. See ClusterActions.
func RepeatedActions(items []ActionRef, minCount int) []ActionCluster {
	return ClusterActions(items, ActionOptions{MinDocs: minCount})
}

// ActionTerms returns the set of normalised terms of an action text, with
// the given names (services, team) removed, sorted: the default lexicon's
// concept tokens (see Lexicon.Terms: "alert before certificates expire"
// and "page when a TLS cert nears expiry" both give @alerting and
// @cert-expiry) and the remaining content words.
func ActionTerms(text string, ignore []string) []string {
	return actionTerms(DefaultLexicon(), text, ignore)
}

func actionTerms(lex *Lexicon, text string, ignore []string) []string {
	toks := lex.Terms(text)
	drop := map[string]bool{}
	for _, s := range ignore {
		for _, t := range Tokens(s) {
			drop[t] = true
		}
	}
	set := toks[:0]
	for _, t := range toks {
		if !drop[t] {
			set = append(set, t)
		}
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// ClusterActions groups action items whose normalised term sets have a
// Jaccard similarity >= o.Threshold, or that ask for the same remedy
// against the same mechanism (a remedy concept and a mechanism concept
// in common, see remedyPairs) with a similarity >= o.PairThreshold: the
// concepts carry the meaning, the floor keeps "alert on config drift"
// and "alert when the config push fails" apart. Items sharing a
// standalone remedy (Concept.Standalone: "add jittered backoff to
// reconnects", "introduce a retry budget") ask for the same thing
// whatever else they say, and group without the floor.
//
// Texts are normalised by ActionTerms (lowercase, ticket ids and stop
// words dropped, light stemming, the postmortem's own service and team
// names ignored). Identical term sets form one wording; wordings are
// visited most frequent first, and each joins the most similar existing
// cluster whose leading wording it matches at the threshold, or starts a
// new cluster (equally frequent wordings: the lightest first). The leader comparison makes clusters tight (no chaining
// across dissimilar wordings) and the visit order makes the result
// deterministic and independent of input order.
//
// Candidates come from an exact set-similarity join with prefix filtering:
// terms are ordered by rarity and each leader is indexed under the first
// |x| - ceil(t|x|) + 1 of its terms, so two sets can reach the threshold
// only if they share an indexed term. Work is near-linear in the number
// of items for realistic vocabularies; memory is linear.
//
// Items whose text has no terms left after normalisation are ignored.
// Clusters are sorted by Docs, then Count (both descending), then Label.
func ClusterActions(items []ActionRef, o ActionOptions) []ActionCluster {
	if o.Threshold <= 0 || o.Threshold > 1 {
		o.Threshold = DefaultActionThreshold
	}
	if o.MinDocs <= 0 {
		o.MinDocs = 2
	}
	if o.PairThreshold <= 0 || o.PairThreshold > o.Threshold {
		o.PairThreshold = min(DefaultPairThreshold, o.Threshold)
	}
	if o.Examples <= 0 {
		o.Examples = 3
	}
	if o.Lexicon == nil {
		o.Lexicon = DefaultLexicon()
	}

	// 1. Normalise every item; group identical term sets into wordings.
	type wording struct {
		key   string
		terms []string
		ids   []int32 // term ids, ordered by (frequency, id) after step 2
		items []int   // indices into items
	}
	byKey := map[string]*wording{}
	var wordings []*wording
	for i := range items {
		terms := actionTerms(o.Lexicon, items[i].Text, append(slices.Clip(items[i].Services), items[i].Team))
		if len(terms) == 0 {
			continue
		}
		key := strings.Join(terms, " ")
		w := byKey[key]
		if w == nil {
			w = &wording{key: key, terms: terms}
			byKey[key] = w
			wordings = append(wordings, w)
		}
		w.items = append(w.items, i)
	}

	// 2. Term ids ordered by how many wordings use them (rarest first):
	// the global order prefix filtering needs.
	freq := map[string]int{}
	for _, w := range wordings {
		for _, t := range w.terms {
			freq[t] += len(w.items)
		}
	}
	vocab := make([]string, 0, len(freq))
	for t := range freq {
		vocab = append(vocab, t)
	}
	sort.Slice(vocab, func(i, j int) bool {
		if freq[vocab[i]] != freq[vocab[j]] {
			return freq[vocab[i]] < freq[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	rank := make(map[string]int32, len(vocab))
	weight := make([]float64, len(vocab))
	for i, t := range vocab {
		rank[t] = int32(i)
		weight[i] = o.Lexicon.Weight(t)
	}
	total := func(ids []int32) float64 {
		s := 0.0
		for _, id := range ids {
			s += weight[id]
		}
		return s
	}
	for _, w := range wordings {
		w.ids = make([]int32, len(w.terms))
		for i, t := range w.terms {
			w.ids[i] = rank[t]
		}
		slices.Sort(w.ids)
	}

	// 3. Most frequent wordings lead; among equally frequent ones the
	// lightest (fewest extra words), which are the most central.
	sort.Slice(wordings, func(i, j int) bool {
		a, b := wordings[i], wordings[j]
		if len(a.items) != len(b.items) {
			return len(a.items) > len(b.items)
		}
		if wa, wb := total(a.ids), total(b.ids); wa != wb {
			return wa < wb
		}
		return a.key < b.key
	})

	type cluster struct {
		leader   *wording
		wordings []*wording
	}
	var clusters []*cluster
	index := map[int32][]int32{} // term id -> clusters whose leader prefix has it
	t := o.Threshold
	// prefix is the weighted prefix filter: the shortest prefix whose
	// remaining suffix weighs less than t*W(x). Two sets reaching the
	// threshold share a term inside both prefixes.
	prefix := func(ids []int32) int {
		w := total(ids)
		suffix := w
		for k, id := range ids {
			if suffix < t*w-1e-9 {
				return k
			}
			suffix -= weight[id]
		}
		return len(ids)
	}
	seen := map[int32]int{}        // cluster -> stamp of the last query that saw it
	byPair := map[string][]int32{} // remedy|mechanism -> clusters whose leader has it
	for qi, w := range wordings {
		best, bestSim := int32(-1), 0.0
		wx := total(w.ids)
		for _, id := range w.ids[:prefix(w.ids)] {
			for _, c := range index[id] {
				if seen[c] == qi+1 {
					continue
				}
				seen[c] = qi + 1
				l := clusters[c].leader.ids
				// Size filter: J(x,y) <= min(W)/max(W).
				wl := total(l)
				if min(wx, wl) < t*max(wx, wl)-1e-9 {
					continue
				}
				s := jaccard(w.ids, l, weight)
				if s >= t-1e-9 && (s > bestSim || s == bestSim && c < best) {
					best, bestSim = c, s
				}
			}
		}
		pairs := remedyPairs(o.Lexicon, w.terms)
		if best < 0 {
			// Same remedy for the same mechanism, whatever else is said.
			// A standalone remedy in common says what is asked on its
			// own: no similarity floor.
			hits := map[int32]int{}
			alone := map[int32]bool{}
			for _, k := range pairs {
				for _, c := range byPair[k] {
					hits[c]++
					alone[c] = alone[c] || strings.HasSuffix(k, "|")
				}
			}
			bestSim = 0
			for c, n := range hits {
				s := jaccard(w.ids, clusters[c].leader.ids, weight)
				if s < o.PairThreshold-1e-9 && !alone[c] {
					continue
				}
				if best < 0 || n > hits[best] || n == hits[best] && (s > bestSim || s == bestSim && c < best) {
					best, bestSim = c, s
				}
			}
		}
		if best >= 0 {
			clusters[best].wordings = append(clusters[best].wordings, w)
			continue
		}
		c := int32(len(clusters))
		clusters = append(clusters, &cluster{leader: w, wordings: []*wording{w}})
		for _, id := range w.ids[:prefix(w.ids)] {
			index[id] = append(index[id], c)
		}
		for _, k := range pairs {
			byPair[k] = append(byPair[k], c)
		}
	}

	// 4. Summarise clusters.
	var out []ActionCluster
	for _, c := range clusters {
		docs := map[string]bool{}
		teams := map[string]bool{}
		var ac ActionCluster
		texts := map[string]int{}
		firstOf := map[string]int{}
		for _, w := range c.wordings {
			for _, i := range w.items {
				it := &items[i]
				ac.Count++
				if !docs[it.DocID] {
					ac.DocIDs = append(ac.DocIDs, it.DocID)
				}
				docs[it.DocID] = true
				if it.Team != "" {
					teams[it.Team] = true
				}
				if it.Status != "done" {
					ac.Open++
				}
				if it.Date != nil {
					if ac.First == nil || it.Date.Before(*ac.First) {
						d := *it.Date
						ac.First = &d
					}
					if ac.Last == nil || it.Date.After(*ac.Last) {
						d := *it.Date
						ac.Last = &d
					}
				}
				txt := strings.TrimSpace(it.Text)
				if _, ok := firstOf[txt]; !ok {
					firstOf[txt] = i
				}
				texts[txt]++
			}
		}
		ac.Docs = len(docs)
		sort.Strings(ac.DocIDs)
		if ac.Docs < o.MinDocs {
			continue
		}
		for tm := range teams {
			ac.Teams = append(ac.Teams, tm)
		}
		sort.Strings(ac.Teams)
		ranked := make([]string, 0, len(texts))
		for txt := range texts {
			ranked = append(ranked, txt)
		}
		named := map[string]bool{} // the wording names its own service
		for _, txt := range ranked {
			it := &items[firstOf[txt]]
			low := strings.ToLower(txt)
			for _, svc := range it.Services {
				named[txt] = named[txt] || svc != "" && strings.Contains(low, strings.ToLower(svc))
			}
		}
		sort.Slice(ranked, func(i, j int) bool {
			a, b := ranked[i], ranked[j]
			if texts[a] != texts[b] {
				return texts[a] > texts[b]
			}
			if named[a] != named[b] {
				return !named[a]
			}
			if len(a) != len(b) {
				return len(a) < len(b)
			}
			return a < b
		})
		ac.Label = ranked[0]
		ac.Terms = c.leader.terms
		for _, txt := range ranked[:min(o.Examples, len(ranked))] {
			ac.Examples = append(ac.Examples, items[firstOf[txt]])
		}
		out = append(out, ac)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Docs != b.Docs {
			return a.Docs > b.Docs
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Label < b.Label
	})
	return out
}

// remedyPairs returns the (remedy, mechanism) concept pairs of a term
// set, as "remedy|mechanism" keys: each remedy concept (Concept.Remedy)
// with each other concept of at least ConceptWeight. "Page 21 days before
// any listener certificate ends" and "warn 30 days ahead of a keystore
// entry's expiry date" both give "alerting|cert-expiry". A standalone
// remedy (Concept.Standalone) also gives "remedy|" on its own: "add
// jittered backoff to reconnects" and "introduce a retry budget" both
// give "@retry-backoff|".
func remedyPairs(lex *Lexicon, terms []string) []string {
	var rem, mech []string
	for _, t := range terms {
		if !strings.HasPrefix(t, ConceptPrefix) {
			continue
		}
		if lex.IsRemedy(t) {
			rem = append(rem, t)
		} else if lex.Weight(t) >= ConceptWeight {
			mech = append(mech, t)
		}
	}
	var out []string
	for _, r := range rem {
		if lex.IsStandalone(r) {
			out = append(out, r+"|")
		}
		for _, m := range mech {
			out = append(out, r+"|"+m)
		}
	}
	return out
}

// jaccard is W(a∩b) / W(a∪b) for sorted, duplicate-free id slices, each
// id weighing weight[id].
func jaccard(a, b []int32, weight []float64) float64 {
	inter, wa, wb := 0.0, 0.0, 0.0
	for _, x := range a {
		wa += weight[x]
	}
	for _, x := range b {
		wb += weight[x]
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter += weight[a[i]]
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := wa + wb - inter
	if union == 0 {
		return 0
	}
	return inter / union
}
